/**
 * Applying React Flow's select changes to the store's selection (the one the shell's actions,
 * the inspector and delete read). Pure.
 */

export interface SelectChange {
  id: string;
  selected: boolean;
}

/** The ids after the changes, in selection order; the same array when nothing changed. */
export function nextSelection(current: readonly string[], changes: readonly SelectChange[]): readonly string[] {
  if (changes.length === 0) return current;
  const result = new Set(current);
  for (const c of changes) {
    if (c.selected) result.add(c.id);
    else result.delete(c.id);
  }
  if (result.size === current.length && current.every((id) => result.has(id))) return current;
  return [...result];
}

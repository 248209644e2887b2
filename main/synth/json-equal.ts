/**
 * Equality of JSON values as JSON.stringify sees it (key order counts, undefined properties do
 * not exist, an undefined array item is null) without building the two strings: the YAML edit
 * compares every entry of a 1,000-module patch with its text on each edit.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as unknown[];
    if (a.length !== bs.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i] ?? null, bs[i] ?? null)) return false;
    return true;
  }
  const ak = definedKeys(a as Record<string, unknown>);
  const bk = definedKeys(b as Record<string, unknown>);
  if (ak.length !== bk.length) return false;
  for (let i = 0; i < ak.length; i++) {
    if (ak[i] !== bk[i]) return false;
    if (!jsonEqual((a as Record<string, unknown>)[ak[i]!], (b as Record<string, unknown>)[bk[i]!])) return false;
  }
  return true;
}

function definedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o).filter((k) => o[k] !== undefined);
}

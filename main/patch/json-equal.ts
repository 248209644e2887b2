/**
 * Equality of JSON values without building strings. By default by structure: the same keys with
 * equal values, in any order (what a Kubernetes object, a case's module record or a context
 * entry means). With `keyOrder`, as JSON.stringify sees it: the YAML edit compares entries with
 * the text they become, where a reordered mapping is a change. Either way an undefined property
 * does not exist and an undefined array item is null; the YAML edit compares every entry of a
 * 1,000-module patch on each edit, so this is a plain walk.
 */
export function jsonEqual(a: unknown, b: unknown, options: { keyOrder?: boolean } = {}): boolean {
  return equal(a, b, options.keyOrder ?? false);
}

function equal(a: unknown, b: unknown, keyOrder: boolean): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as unknown[];
    if (a.length !== bs.length) return false;
    for (let i = 0; i < a.length; i++) if (!equal(a[i] ?? null, bs[i] ?? null, keyOrder)) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = definedKeys(ao);
  const bk = definedKeys(bo);
  if (ak.length !== bk.length) return false;
  for (let i = 0; i < ak.length; i++) {
    const key = ak[i]!;
    if (keyOrder ? key !== bk[i] : !Object.hasOwn(bo, key)) return false;
    if (!equal(ao[key], bo[key], keyOrder)) return false;
  }
  return true;
}

function definedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o).filter((k) => o[k] !== undefined);
}

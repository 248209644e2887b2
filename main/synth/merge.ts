/**
 * Deep merge of modelled fields over the verbatim foreign fields of an imported manifest.
 * Objects merge key by key (modelled keys first, in their order, so our own output keeps one
 * canonical order); arrays merge element by element (a Deployment's extra containers survive);
 * anything else: the modelled value wins.
 */
import type { Json } from '../patch/model';

export type JsonObject = { [key: string]: Json };

export const isJsonObject = (v: Json | undefined): v is JsonObject => !!v && typeof v === 'object' && !Array.isArray(v);

/** `modelled` over `foreign`. */
export function mergeOver(modelled: Json, foreign: Json | undefined): Json {
  if (foreign === undefined) return modelled;
  if (isJsonObject(modelled) && isJsonObject(foreign)) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(modelled)) out[k] = mergeOver(v, foreign[k]);
    for (const [k, v] of Object.entries(foreign)) if (!(k in out)) out[k] = v;
    return out;
  }
  if (Array.isArray(modelled) && Array.isArray(foreign)) {
    const n = Math.max(modelled.length, foreign.length);
    return Array.from({ length: n }, (_, i) => (i < modelled.length ? mergeOver(modelled[i]!, foreign[i]) : foreign[i]!));
  }
  return modelled;
}

/**
 * Removes `paths` from a deep copy of `value`, and the objects those removals leave empty (only
 * along the removed paths: a foreign `emptyDir: {}` stays), giving the foreign part: merged back
 * under the modelled fields it rebuilds the original. A path step '*' means every array element.
 */
export function withoutPaths(value: Json, paths: readonly (readonly string[])[]): Json | undefined {
  const copy = structuredClone(value);
  for (const path of paths) remove(copy, path);
  // An empty spec says nothing (we do not write one), so it is not kept either.
  if (isJsonObject(copy) && isEmpty(copy['spec'] ?? 0)) delete copy['spec'];
  return isEmpty(copy) ? undefined : copy;
}

/** Removes `path` under `node`; true when that left `node` an empty object. */
function remove(node: Json, path: readonly string[]): boolean {
  const [head, ...rest] = path;
  if (head === undefined) return false;
  if (head === '*' && Array.isArray(node)) {
    for (const item of node) remove(item, rest);
    return node.every(isEmpty);
  }
  if (Array.isArray(node) && /^\d+$/.test(head)) {
    const item = node[Number(head)];
    if (item !== undefined) remove(item, rest);
    // Elements keep their index (the merge is by index); an array of empties carries nothing.
    return node.every(isEmpty);
  }
  if (!isJsonObject(node) || !(head in node)) return false;
  if (rest.length === 0 || remove(node[head]!, rest)) delete node[head];
  return isEmpty(node);
}

const isEmpty = (v: Json): boolean => (isJsonObject(v) && Object.keys(v).length === 0) || (Array.isArray(v) && v.every(isEmpty));

/** Deep equality of JSON values where object key order does not matter (array order does). */
export function sameJson(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && sameJson(a[k], b[k]));
  }
  return false;
}

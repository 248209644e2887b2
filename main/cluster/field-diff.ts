/**
 * The field diff of one object: the live object against the server's answer to a server-side
 * apply dry run of the patch's manifest (Argo CD's server-side diff), so defaults and admission
 * are included. Ignored: status, the server's bookkeeping (managedFields, resourceVersion, uid,
 * generation, creationTimestamp), k8s-synth's own labels (part-of, managed-by, name, ApplySet
 * membership, the module annotation) and values the patch does not set. Pure.
 */
import { jsonEqual } from '../patch/json-equal';
import type { Json } from '../patch/model';
import { isJsonObject } from '../synth/merge';
import { LABEL_MANAGED_BY, LABEL_NAME, LABEL_PART_OF, MODULE_ANNOTATION } from '../synth/vocabulary';
import { APPLYSET_PART_OF } from './applyset';
import type { FieldChange } from './types';
export type { FieldChange };

export type PathStep = string | { name: string } | number;

const SERVER_METADATA = new Set(['managedFields', 'resourceVersion', 'uid', 'generation', 'creationTimestamp', 'selfLink']);
const BOOKKEEPING_LABELS = new Set([LABEL_PART_OF, LABEL_MANAGED_BY, LABEL_NAME, APPLYSET_PART_OF]);
const BOOKKEEPING_ANNOTATIONS = new Set([MODULE_ANNOTATION]);

/** True for paths the diff never reports (status, server bookkeeping, our own labels). */
export function isIgnoredPath(path: readonly PathStep[]): boolean {
  if (path[0] === 'status') return true;
  // metadata at the top, or a Pod template's metadata.
  const meta = path.findIndex((s, i) => s === 'metadata' && (i === 0 || path[i - 1] === 'template'));
  if (meta === -1) return false;
  const field = path[meta + 1];
  if (meta === 0 && typeof field === 'string' && SERVER_METADATA.has(field)) return true;
  const key = path[meta + 2];
  if (typeof key !== 'string') return false;
  return (field === 'labels' && BOOKKEEPING_LABELS.has(key)) || (field === 'annotations' && BOOKKEEPING_ANNOTATIONS.has(key));
}

export const formatPath = (path: readonly PathStep[]): string =>
  path
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : typeof s === 'string' ? (i === 0 ? s : `.${s}`) : `[${s.name}]`))
    .join('');

/** Lists of objects with a `name` (containers, ports, env) are matched by name, as the server merges them. */
const byName = (list: Json[]): Map<string, Json> | undefined => {
  if (!list.every((x) => isJsonObject(x) && typeof x['name'] === 'string')) return undefined;
  const map = new Map(list.map((x) => [String((x as Record<string, Json>)['name']), x]));
  return map.size === list.length ? map : undefined;
};

function step(value: Json | undefined, s: PathStep): Json | undefined {
  if (value === undefined) return undefined;
  if (typeof s === 'number') return Array.isArray(value) ? value[s] : undefined;
  if (typeof s === 'string') return isJsonObject(value) ? value[s] : undefined;
  return Array.isArray(value) ? value.find((x) => isJsonObject(x) && x['name'] === s.name) : undefined;
}

/** Whether the manifest sets something at `path` (or the whole value above it). */
function setsPath(manifest: Json | undefined, path: readonly PathStep[]): boolean {
  let at = manifest;
  for (const s of path) {
    if (at === undefined) return false;
    if (!isJsonObject(at) && !Array.isArray(at)) return true; // a leaf above the path covers it
    at = step(at, s);
  }
  return at !== undefined;
}

function walk(
  before: Json | undefined,
  after: Json | undefined,
  path: PathStep[],
  out: { path: PathStep[]; before?: Json; after?: Json }[],
): void {
  if (isIgnoredPath(path)) return;
  if (jsonEqual(before, after)) return;
  // A map only one side has is walked too, so its ignored keys (our labels) stay ignored.
  const beforeMap = before === undefined ? {} : before;
  const afterMap = after === undefined ? {} : after;
  if (isJsonObject(beforeMap) && isJsonObject(afterMap)) {
    for (const key of new Set([...Object.keys(beforeMap), ...Object.keys(afterMap)]))
      walk(beforeMap[key], afterMap[key], [...path, key], out);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const a = byName(before);
    const b = byName(after);
    if (a && b) {
      for (const name of new Set([...a.keys(), ...b.keys()])) walk(a.get(name), b.get(name), [...path, { name }], out);
      return;
    }
    if (before.length === after.length) {
      before.forEach((x, i) => walk(x, after[i], [...path, i], out));
      return;
    }
  }
  out.push({ path, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) });
}

/**
 * What applying `manifest` would change in `live`, read from the dry run's result. A value that
 * differs where both have one and the manifest sets nothing there is not the patch's doing, so it
 * is left out; a value the dry run removes (a field this patch set before) or adds (a default
 * under something the patch adds) is kept.
 */
export function fieldDiff(live: Json, dryRun: Json, manifest: Json): FieldChange[] {
  const raw: { path: PathStep[]; before?: Json; after?: Json }[] = [];
  walk(live, dryRun, [], raw);
  return raw
    .filter((c) => c.before === undefined || c.after === undefined || setsPath(manifest, c.path))
    .map((c) => ({
      path: formatPath(c.path),
      ...('before' in c ? { before: c.before } : {}),
      ...('after' in c ? { after: c.after } : {}),
    }));
}

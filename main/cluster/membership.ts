/**
 * ApplySet membership of objects that already exist: whether a live object still needs the
 * rack's bookkeeping labels (then applying it "adopts" it: it becomes a member, so a later prune
 * can delete it), and which other managers own fields of it the rack does not (then prune keeps
 * it). Pure.
 */
import type { JsonObject } from '../synth/merge';
import { LABEL_MANAGED_BY, LABEL_NAME, LABEL_PART_OF, MODULE_ANNOTATION } from '../synth/vocabulary';
import { APPLYSET_PART_OF, FIELD_MANAGER, type ManagedFieldsEntry } from './applyset';

const LABELS = [APPLYSET_PART_OF, LABEL_PART_OF, LABEL_MANAGED_BY, LABEL_NAME];
const ANNOTATIONS = [MODULE_ANNOTATION];

const metaMap = (o: JsonObject, key: 'labels' | 'annotations'): Record<string, unknown> =>
  (((o['metadata'] ?? {}) as JsonObject)[key] ?? {}) as Record<string, unknown>;

/**
 * True when `manifest` sets one of the rack's labels or annotations (ApplySet membership, the
 * module) to a value `live` does not have: the field diff ignores them, but apply must write them.
 */
export function needsAdoption(live: JsonObject, manifest: JsonObject): boolean {
  const differs = (key: 'labels' | 'annotations', names: string[]) => {
    const want = metaMap(manifest, key);
    const have = metaMap(live, key);
    return names.some((n) => n in want && want[n] !== have[n]);
  };
  return differs('labels', LABELS) || differs('annotations', ANNOTATIONS);
}

/** Every owned leaf of a fieldsV1 tree, as "f:spec/f:replicas"; top-level metadata and status left out. */
export function ownedPaths(fields: Record<string, unknown> | undefined, prefix = ''): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(fields ?? {})) {
    if (!prefix && (key === 'f:metadata' || key === 'f:status')) continue;
    // "." is the map's own existence: owning it says nothing about who set the values in it.
    if (key === '.') continue;
    const path = prefix ? `${prefix}/${key}` : key;
    const children = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
    if (Object.keys(children).length === 0) out.push(path);
    else out.push(...ownedPaths(children, path));
  }
  return out;
}

/**
 * The managers other than ours that own a field of the object the rack does not own too. A field
 * both own (kubectl applied it, then the rack applied the same value) is the rack's to remove; a
 * field only another hand set means someone else uses the object, and prune keeps it.
 */
export function otherOwners(managedFields: readonly ManagedFieldsEntry[] | undefined, ours = FIELD_MANAGER): string[] {
  const entries = (managedFields ?? []).filter((e) => e.manager && !e.subresource);
  const mine = new Set(entries.filter((e) => e.manager === ours).flatMap((e) => ownedPaths(e.fieldsV1)));
  const owners = new Set<string>();
  for (const e of entries) {
    if (e.manager === ours) continue;
    if (ownedPaths(e.fieldsV1).some((p) => !mine.has(p))) owners.add(e.manager!);
  }
  return [...owners].sort();
}

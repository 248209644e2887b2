/**
 * Comments <-> modules: which module a document's comments belong to (a modelled kind by its
 * module annotation or kind and name, an Object by apiVersion/kind/namespace/name), as ops when
 * the text's comments differ from the stored ones, and as a lookup for the export.
 */
import type { Json, Module, Patch } from '../patch/model';
import type { PatchBuilder } from './builder';
import { sameJson } from './merge';
import { MODELLED_KINDS, objectId, objectKey } from './objects';
import { moduleName } from './topology';
import { COMMENTS_KEY, MODULE_ANNOTATION, OBJECT_KEY } from './vocabulary';
import { commentsOf, type DocComments } from './yaml-comments';

const at = (v: Json | undefined, ...path: string[]): Json | undefined =>
  path.reduce<Json | undefined>((n, k) => (n && typeof n === 'object' && !Array.isArray(n) ? n[k] : undefined), v);

/** The module a manifest is the document of, in `patch`. */
export function moduleOfManifest(patch: Patch, manifest: Json): Module | undefined {
  const kind = at(manifest, 'kind');
  if (typeof kind === 'string' && MODELLED_KINDS[kind]) {
    const annotated = at(manifest, 'metadata', 'annotations', MODULE_ANNOTATION);
    const byId = patch.modules.find((m) => m.id === annotated);
    if (byId) return byId;
    const name = at(manifest, 'metadata', 'name');
    return patch.modules.find((m) => m.type === kind.toLowerCase() && moduleName(m) === name);
  }
  const id = objectId(manifest);
  if (!id) return undefined;
  const key = objectKey(id);
  return patch.modules.find((m) => {
    const own = m.type === 'object' ? objectId(m.data[OBJECT_KEY]) : undefined;
    return own !== undefined && objectKey(own) === key;
  });
}

/** Brings each document's module to the document's comments (set-data only where they differ). */
export function commentOps(b: PatchBuilder, docs: readonly { manifest: Json; comments: DocComments | undefined }[]): void {
  for (const { manifest, comments } of docs) {
    const m = moduleOfManifest(b.patch, manifest);
    if (!m || sameJson(m.data[COMMENTS_KEY], comments as unknown as Json)) continue;
    const data = { ...m.data };
    if (comments) data[COMMENTS_KEY] = structuredClone(comments) as unknown as Json;
    else delete data[COMMENTS_KEY];
    b.push({ type: 'set-data', id: m.id, data });
  }
}

/** The stored comments of a synthesized manifest's module. */
export const storedComments = (patch: Patch, manifest: Json): DocComments | undefined =>
  commentsOf(moduleOfManifest(patch, manifest)?.data[COMMENTS_KEY]);

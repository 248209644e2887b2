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

/**
 * A patch's modules by what a manifest finds them by (the first module of each, as a search in
 * order would): built once per modules array, since a 1,000-module export or import asks for
 * every module's document and a search per document would be quadratic.
 */
interface ManifestIndex {
  byId: Map<string, Module>;
  /** `type name` of modelled kinds. */
  byName: Map<string, Module>;
  /** objectKey of Object modules. */
  byObject: Map<string, Module>;
}
const indexes = new WeakMap<readonly Module[], ManifestIndex>();

function indexOf(modules: readonly Module[]): ManifestIndex {
  let index = indexes.get(modules);
  if (index) return index;
  index = { byId: new Map(), byName: new Map(), byObject: new Map() };
  const first = (map: Map<string, Module>, key: string, m: Module) => map.has(key) || map.set(key, m);
  for (const m of modules) {
    first(index.byId, m.id, m);
    first(index.byName, `${m.type} ${moduleName(m)}`, m);
    const own = m.type === 'object' ? objectId(m.data[OBJECT_KEY]) : undefined;
    if (own) first(index.byObject, objectKey(own), m);
  }
  indexes.set(modules, index);
  return index;
}

/** The module a manifest is the document of, in `patch`. */
export function moduleOfManifest(patch: Patch, manifest: Json): Module | undefined {
  const index = indexOf(patch.modules);
  const kind = at(manifest, 'kind');
  if (typeof kind === 'string' && MODELLED_KINDS[kind]) {
    const annotated = at(manifest, 'metadata', 'annotations', MODULE_ANNOTATION);
    const byId = typeof annotated === 'string' ? index.byId.get(annotated) : undefined;
    if (byId) return byId;
    const name = at(manifest, 'metadata', 'name');
    return typeof name === 'string' ? index.byName.get(`${kind.toLowerCase()} ${name}`) : undefined;
  }
  const id = objectId(manifest);
  return id ? index.byObject.get(objectKey(id)) : undefined;
}

/** Brings each document's module to the document's comments (set-data only where they differ). */
export function commentOps(b: PatchBuilder, docs: readonly { manifest: Json; comments: DocComments | undefined }[]): void {
  // Found in the patch as it was: these set-data ops change only comments, never what finds a module.
  const found = docs.map(({ manifest }) => moduleOfManifest(b.patch, manifest)?.id);
  docs.forEach(({ comments }, i) => {
    const id = found[i];
    const m = id === undefined ? undefined : b.patch.modules.find((x) => x.id === id);
    if (!m || sameJson(m.data[COMMENTS_KEY], comments as unknown as Json)) return;
    const data = { ...m.data };
    if (comments) data[COMMENTS_KEY] = structuredClone(comments) as unknown as Json;
    else delete data[COMMENTS_KEY];
    b.push({ type: 'set-data', id: m.id, data });
  });
}

/** The stored comments of a synthesized manifest's module. */
export const storedComments = (patch: Patch, manifest: Json): DocComments | undefined =>
  commentsOf(moduleOfManifest(patch, manifest)?.data[COMMENTS_KEY]);

/**
 * Objects: manifests of kinds the mapping does not model (ConfigMap, Secret, PersistentVolumeClaim,
 * custom resources, ...). Each is held verbatim by an Object module (data `manifest`) and emitted
 * back unchanged, so an import loses nothing the rack cannot show. An object is known by its
 * apiVersion, kind, namespace and name, the way the API server tells objects apart.
 */
import type { Json, Module, Patch } from '../patch/model';
import { isJsonObject, type JsonObject } from './merge';
import { OBJECT_KEY, OBJECT_TYPE } from './vocabulary';

/** Kinds with modules of their own; an Object never holds one (it would read back as that module). */
export const MODELLED_KINDS: Readonly<Record<string, string>> = {
  Deployment: 'apps/v1',
  Pod: 'v1',
  Service: 'v1',
  Ingress: 'networking.k8s.io/v1',
};

export interface TopoObject {
  module: string;
  manifest: JsonObject;
}

/** Who an object is; undefined when it is not a Kubernetes object of an unmodelled kind. */
export interface ObjectId {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

export function objectId(manifest: Json | undefined): ObjectId | undefined {
  if (!isJsonObject(manifest)) return undefined;
  const { apiVersion, kind, metadata } = manifest;
  if (typeof apiVersion !== 'string' || apiVersion === '' || typeof kind !== 'string' || kind === '') return undefined;
  if (MODELLED_KINDS[kind] || !isJsonObject(metadata)) return undefined;
  const { name, namespace } = metadata;
  if (typeof name !== 'string' || name === '') return undefined;
  return { apiVersion, kind, ...(typeof namespace === 'string' && namespace !== '' ? { namespace } : {}), name };
}

/** "v1/ConfigMap/shop/shop-config": equal keys name the same object in a cluster. */
export const objectKey = (id: ObjectId): string => `${id.apiVersion}/${id.kind}/${id.namespace ?? ''}/${id.name}`;

/** "ConfigMap shop-config": how summaries and problems name an object (never its data: a Secret's stays out of logs). */
export const objectLabel = (id: ObjectId): string => `${id.kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name}`;

/**
 * The objects of a patch, in module order. An Object module with no manifest (fresh from the
 * browser), one holding a modelled kind, or a second one with the same key is left out: it has
 * nothing the YAML could show and read back as the same module (MAPPING.md §3).
 */
export function patchObjects(patch: Patch): TopoObject[] {
  const seen = new Set<string>();
  const out: TopoObject[] = [];
  for (const m of patch.modules) {
    if (m.type !== OBJECT_TYPE) continue;
    const manifest = m.data[OBJECT_KEY];
    const id = objectId(manifest);
    if (!id || seen.has(objectKey(id))) continue;
    seen.add(objectKey(id));
    out.push({ module: m.id, manifest: manifest as JsonObject });
  }
  return out;
}

/**
 * A module id for a new Object ("configmap-shop-config"), so the faceplate's nameplate says what
 * the blank panel holds; the builder falls back to a fresh id when it is taken.
 */
export function objectModuleId(id: ObjectId): string {
  return `${id.kind}-${id.name}`
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .slice(0, 64);
}

/** Module data for an Object: the manifest, and nothing else (the manifest names itself). */
export const objectData = (manifest: JsonObject): Module['data'] => ({ [OBJECT_KEY]: structuredClone(manifest) });

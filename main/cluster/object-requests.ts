/**
 * Single-object requests for the diff, apply and prune: read, server-side apply (dry run or not),
 * delete, list by label. Server-side apply always names field manager k8s-synth.
 */
import type { ClusterConnection } from './connection';
import { collectionPath, objectPath, type ApiResource } from './discovery';
import { httpCode, statusOf } from './errors';
import { FIELD_MANAGER } from './applyset';
import type { JsonObject } from '../synth/merge';
import type { Conflict } from './types';
export type { Conflict };

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export const refOf = (m: JsonObject): ObjectRef => {
  const meta = (m['metadata'] ?? {}) as JsonObject;
  return {
    apiVersion: String(m['apiVersion']),
    kind: String(m['kind']),
    name: String(meta['name']),
    ...(typeof meta['namespace'] === 'string' ? { namespace: meta['namespace'] } : {}),
  };
};

/** "apps/v1 Deployment shop/web": equal keys are the same object. */
export const refKey = (r: ObjectRef): string => `${r.apiVersion} ${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;

/** The fields and managers of a 409 from server-side apply ("conflict with \"kubectl\" using apps/v1"). */
export function conflictsOf(error: unknown): Conflict[] | undefined {
  if (httpCode(error) !== 409) return undefined;
  const status = statusOf(error);
  const causes = status?.details?.causes ?? [];
  const manager = (text: string | undefined) => /conflict with "([^"]+)"/.exec(text ?? '')?.[1];
  let out = causes
    .filter((c) => manager(c.message) !== undefined)
    .map((c) => ({ field: c.field ?? '(unknown field)', manager: manager(c.message)! }));
  // Some servers put the conflict only in the message: 'conflict with "kubectl": .spec.replicas'.
  if (!out.length)
    out = [...(status?.message ?? '').matchAll(/conflict with "([^"]+)"(?: using [^:]+)?: ([^\s,]+)/g)].map((m) => ({
      field: m[2]!.replace(/\.$/, ''),
      manager: m[1]!,
    }));
  return out.length ? out : undefined;
}

export async function readObject(conn: ClusterConnection, r: ApiResource, ref: ObjectRef): Promise<JsonObject | undefined> {
  try {
    return await conn.http.request<JsonObject>({ path: objectPath(r, ref.namespace, ref.name) });
  } catch (error) {
    // A 404 for the object is "not there yet"; a 404 because the namespace is missing reads the same.
    if (httpCode(error) === 404 && statusOf(error)?.details?.kind !== 'namespaces') return undefined;
    throw error;
  }
}

export function applyObject(
  conn: ClusterConnection,
  r: ApiResource,
  manifest: JsonObject,
  options: { dryRun: boolean; force: boolean },
): Promise<JsonObject> {
  const ref = refOf(manifest);
  return conn.http.request<JsonObject>({
    method: 'PATCH',
    path: objectPath(r, ref.namespace, ref.name),
    query: { fieldManager: FIELD_MANAGER, force: options.force ? 'true' : undefined, dryRun: options.dryRun ? 'All' : undefined },
    contentType: 'application/apply-patch+yaml',
    body: manifest,
  });
}

export async function deleteObject(conn: ClusterConnection, r: ApiResource, ref: ObjectRef): Promise<void> {
  await conn.http.request({
    method: 'DELETE',
    path: objectPath(r, ref.namespace, ref.name),
    body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' },
  });
}

export async function listObjects(
  conn: ClusterConnection,
  r: ApiResource,
  namespace: string | undefined,
  labelSelector?: string,
): Promise<JsonObject[]> {
  const items: JsonObject[] = [];
  let token: string | undefined;
  do {
    const page = await conn.http.request<{ items: JsonObject[]; metadata?: { continue?: string } }>({
      path: collectionPath(r, namespace),
      query: { labelSelector, limit: '500', continue: token },
    });
    // A list's items carry no apiVersion/kind; put them back so each reads as a manifest.
    for (const item of page.items) items.push({ apiVersion: r.apiVersion, kind: r.kind, ...item } as JsonObject);
    token = page.metadata?.continue || undefined;
  } while (token);
  return items;
}

/** Runs `fn` over `items` with at most `limit` at a time, keeping the order of results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

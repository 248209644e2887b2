/**
 * Reads a namespace (optionally only objects matching a label selector) for an import: every
 * namespaced kind the server lists, minus what controllers make from other objects (anything with
 * a controller owner, Endpoints, Events, the root CA ConfigMap, service-account tokens, ApplySet
 * parents). Pods owned by a Deployment's ReplicaSet are returned with that Deployment's name, and
 * the Nodes (when the user may list them) for placement.
 */
import type { JsonObject } from '../synth/merge';
import { APPLYSET_ID } from './applyset';
import type { ClusterConnection } from './connection';
import { httpCode } from './errors';
import { listObjects, mapLimit } from './object-requests';
import { stripServerFields } from './strip';

export interface LivePod {
  name: string;
  /** The Deployment whose ReplicaSet owns it; undefined for a bare Pod. */
  deployment?: string;
  node?: string;
}

export interface NamespaceSnapshot {
  namespace: string;
  /** Stripped manifests, in a stable order (kind, then name). */
  manifests: JsonObject[];
  pods: LivePod[];
  nodes: string[];
  warnings: string[];
}

/** Kinds that are records of what happened or of what a controller derived, never authored. */
const DERIVED_KINDS = new Set(['Event', 'Endpoints', 'EndpointSlice', 'ControllerRevision', 'Lease', 'PodMetrics', 'Binding']);

const meta = (o: JsonObject) => (o['metadata'] ?? {}) as JsonObject;
const ownerOf = (o: JsonObject): { kind: string; name: string } | undefined => {
  const refs = meta(o)['ownerReferences'];
  if (!Array.isArray(refs)) return undefined;
  const owner = refs.find((r) => (r as JsonObject)['controller'] === true) as JsonObject | undefined;
  return owner ? { kind: String(owner['kind']), name: String(owner['name']) } : undefined;
};

function authored(o: JsonObject): boolean {
  const m = meta(o);
  if (ownerOf(o)) return false;
  if (o['kind'] === 'ConfigMap' && m['name'] === 'kube-root-ca.crt') return false;
  if (o['kind'] === 'ServiceAccount' && m['name'] === 'default') return false;
  if (o['kind'] === 'Secret' && o['type'] === 'kubernetes.io/service-account-token') return false;
  const labels = (m['labels'] ?? {}) as JsonObject;
  return !(APPLYSET_ID in labels);
}

export async function readNamespace(
  conn: ClusterConnection,
  namespace: string,
  labelSelector?: string,
): Promise<NamespaceSnapshot> {
  const warnings: string[] = [];
  const versions = await conn.discovery.preferredVersions();
  const resources = (await Promise.all(versions.map((v) => conn.discovery.resources(v).catch(() => [])))).flat();
  const listable = resources.filter((r) => r.namespaced && r.verbs.includes('list') && !DERIVED_KINDS.has(r.kind));
  const lists = await mapLimit(listable, 8, async (r) => {
    try {
      return await listObjects(conn, r, namespace, labelSelector);
    } catch (error) {
      const code = httpCode(error);
      if (code === 403 || code === 404 || code === 405) {
        if (code === 403) warnings.push(`${r.kind} not imported: ${conn.describe(error, namespace)}`);
        return [];
      }
      throw error;
    }
  });
  const all = lists.flat();
  const replicaSets = new Map(all.filter((o) => o['kind'] === 'ReplicaSet').map((rs) => [String(meta(rs)['name']), ownerOf(rs)]));
  const pods: LivePod[] = all
    .filter((o) => o['kind'] === 'Pod')
    .flatMap((p) => {
      const owner = ownerOf(p);
      const rsOwner = owner?.kind === 'ReplicaSet' ? replicaSets.get(owner.name) : undefined;
      if (owner && rsOwner?.kind !== 'Deployment') return []; // a Job's or a StatefulSet's Pod
      const node = ((p['spec'] ?? {}) as JsonObject)['nodeName'];
      return [
        {
          name: String(meta(p)['name']),
          ...(rsOwner ? { deployment: rsOwner.name } : {}),
          ...(typeof node === 'string' ? { node } : {}),
        },
      ];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const manifests = all
    .filter(authored)
    .map(stripServerFields)
    .sort((a, b) => `${a['kind']}/${meta(a)['name']}`.localeCompare(`${b['kind']}/${meta(b)['name']}`));
  let nodes: string[] = [];
  try {
    const list = await conn.http.request<{ items: JsonObject[] }>({ path: '/api/v1/nodes' });
    nodes = list.items.map((n) => String(meta(n)['name'])).sort();
  } catch (error) {
    warnings.push(`Nodes not imported (Pods stay unplaced): ${conn.describe(error)}`);
  }
  return { namespace, manifests, pods, nodes, warnings };
}

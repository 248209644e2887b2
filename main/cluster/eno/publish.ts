/**
 * Publishing a patch's topology for Eno, as the seed's bridge did: the ConfigMap
 * `<patch>-topology` (main/synth/configmap.ts) server-side applied into the namespace with field
 * manager k8s-synth. It is not an ApplySet member: it is Eno's input, and stays when the patch's
 * objects are pruned.
 */
import type { Patch } from '../../patch/model';
import { topologyConfigMap } from '../../synth/configmap';
import type { JsonObject } from '../../synth/merge';
import { patchToTopology } from '../../synth/topology';
import type { ClusterConnection } from '../connection';
import { applyObject } from '../object-requests';

export const topologyName = (patchName: string) => `${patchName}-topology`;

/** Applies the topology ConfigMap; resolves with the object as the server stored it. */
export async function publishTopology(
  conn: ClusterConnection,
  patch: Patch,
  patchName: string,
  namespace: string,
): Promise<JsonObject> {
  const configMap = topologyConfigMap(patchToTopology(patch, patchName), namespace);
  const r = await conn.discovery.resource('v1', 'ConfigMap');
  // Force: the ConfigMap is the rack's own output; a stale copy another hand applied is replaced.
  return applyObject(conn, r, configMap, { dryRun: false, force: true });
}

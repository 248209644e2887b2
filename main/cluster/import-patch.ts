/**
 * A namespace read from a cluster -> a new patch, through the same manifest import as a file
 * (main/synth/import-manifests.ts; the objects are not written out as YAML to be read back).
 * Then the cluster's Nodes become Node modules and every Pod's LOAD is patched into the Node it
 * runs on, marked as the scheduler's doing (SCHEDULED_KEY), and the Pod modules a Deployment
 * claims take the names of its ReplicaSet's Pods. Laid out as a file import is (import-layout.ts).
 * Pure.
 */
import type { Catalog } from '../patch/catalog';
import type { Module, Patch } from '../patch/model';
import { POLY_MAX_CHANNELS } from '../patch/signals';
import { PatchBuilder } from '../synth/builder';
import { importObjects } from '../synth/import-manifests';
import { layoutImport } from '../synth/import-layout';
import { moduleName } from '../synth/topology';
import { SCHEDULED_KEY } from '../synth/vocabulary';
import type { NamespaceSnapshot } from './import-namespace';

export type ClusterImport = { ok: true; patch: Patch; warnings: string[] } | { ok: false; error: string };

const CLAIM = /^claim-(\d+)$/;

export function snapshotToPatch(snapshot: NamespaceSnapshot, catalog: Catalog): ClusterImport {
  const imported = importObjects(`namespace ${snapshot.namespace}`, snapshot.manifests, catalog, snapshot.warnings);
  if (!imported.ok) return imported;
  const b = new PatchBuilder(imported.patch, catalog);
  try {
    const nodeIds = new Map<string, string>();
    for (const name of snapshot.nodes) {
      const existing = b.patch.modules.find((m) => m.type === 'node' && moduleName(m) === name);
      nodeIds.set(name, existing?.id ?? b.addModule('node', { name }, {}, { row: b.patch.rack.rows - 1, hp: 0 }, name));
    }
    const podModules = (deployment: Module | undefined, name: string): Module[] => {
      if (!deployment) return b.patch.modules.filter((m) => m.type === 'pod' && moduleName(m) === name);
      return b.patch.cables
        .filter((c) => c.from.module === deployment.id && CLAIM.test(c.from.jack) && c.to.jack === 'life')
        .sort((x, y) => Number(CLAIM.exec(x.from.jack)![1]) - Number(CLAIM.exec(y.from.jack)![1]))
        .map((c) => b.patch.modules.find((m) => m.id === c.to.module)!)
        .filter((m) => m?.type === 'pod');
    };
    // A Node's LOAD is one poly input: Pods past its channels stay on the rack, unplaced.
    const placed = new Map<string, number>();
    const crowded = new Map<string, number>();
    const byDeployment = new Map<string | undefined, typeof snapshot.pods>();
    for (const p of snapshot.pods) byDeployment.set(p.deployment, [...(byDeployment.get(p.deployment) ?? []), p]);
    for (const [deploymentName, pods] of byDeployment) {
      const deployment =
        deploymentName === undefined
          ? undefined
          : b.patch.modules.find((m) => m.type === 'deployment' && moduleName(m) === deploymentName);
      if (deploymentName !== undefined && !deployment) continue; // filtered out by the label selector
      const bare = deploymentName === undefined;
      for (const [i, pod] of pods.entries()) {
        const module = bare ? podModules(undefined, pod.name)[0] : podModules(deployment, pod.name)[i];
        if (!module) continue; // more replicas than claim slots: the rack shows the first ones
        // Already patched into a Node: the manifest asks for that placement; keep it as it is.
        if (b.patch.cables.some((c) => c.from.module === module.id && c.from.jack === 'load')) continue;
        b.push({ type: 'set-data', id: module.id, data: { ...module.data, name: pod.name, [SCHEDULED_KEY]: true } });
        const node = pod.node ? nodeIds.get(pod.node) : undefined;
        if (!node) continue;
        const onNode =
          (placed.get(node) ?? b.patch.cables.filter((c) => c.to.module === node && c.to.jack === 'load').length) + 1;
        placed.set(node, onNode);
        if (onNode > POLY_MAX_CHANNELS) crowded.set(pod.node!, onNode);
        else b.connect({ module: module.id, jack: 'load' }, { module: node, jack: 'load' });
      }
    }
    for (const [node, pods] of crowded)
      imported.warnings.push(
        `Node ${node} runs ${pods} Pods; its LOAD takes ${POLY_MAX_CHANNELS}, so ${pods - POLY_MAX_CHANNELS} of them are on the rack unplaced.`,
      );
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  return { ok: true, patch: layoutImport(b.patch, catalog), warnings: imported.warnings };
}

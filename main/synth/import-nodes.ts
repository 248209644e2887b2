/**
 * Nodes for an imported app that names none: manifests rarely pin Pods to machines, but the
 * simulator places a Pod only through a LOAD cable into a Node. So an import with Pods and no
 * Node gets Nodes (two, or more when the Pods would overflow a Node's 16 LOAD channels), marked
 * as the scheduler's (SCHEDULER_NODE_KEY): Pods patched into them are the scheduler's choice,
 * not a placement, and the export writes no nodeSelector for them.
 */
import type { Catalog } from '../patch/catalog';
import type { Patch } from '../patch/model';
import { PatchBuilder } from './builder';
import { SCHEDULER_NODE_KEY } from './vocabulary';

const DEFAULT_NODES = 2;
const LOAD_CHANNELS = 16;
const CAPACITY_STEP = 500;
const MIN_CAPACITY = 4000;
const MAX_CAPACITY = 64000;

export interface NodesAdded {
  patch: Patch;
  /** The sentence for the import's notice, when Nodes were added. */
  notice?: string;
}

export function addSchedulerNodes(patch: Patch, catalog: Catalog): NodesAdded {
  const pods = patch.modules.filter((m) => m.type === 'pod');
  if (pods.length === 0 || patch.modules.some((m) => m.type === 'node')) return { patch };
  const count = Math.max(DEFAULT_NODES, Math.ceil(pods.length / LOAD_CHANNELS));
  const b = new PatchBuilder(patch, catalog);
  const names = Array.from({ length: count }, (_, i) => `node-${i + 1}`);
  // Each Node gets room for the CPU its Pods request (rounded up to the knob's step).
  const share = (i: number) => pods.filter((_, p) => p % count === i).reduce((sum, p) => sum + (p.params['cpu'] ?? 0), 0);
  const ids = names.map((name, i) => {
    const capacity = Math.min(MAX_CAPACITY, Math.max(MIN_CAPACITY, Math.ceil(share(i) / CAPACITY_STEP) * CAPACITY_STEP));
    return b.addModule('node', { name, [SCHEDULER_NODE_KEY]: true }, { capacity }, { row: b.patch.rack.rows - 1, hp: 0 }, name);
  });
  pods.forEach((p, i) => b.connect({ module: p.id, jack: 'load' }, { module: ids[i % count]!, jack: 'load' }));
  return {
    patch: b.patch,
    notice: `The manifests name no Nodes, so ${count} Nodes (${names.join(', ')}) were added and the ${pods.length} Pods placed on them for the simulator; the export writes no placement for them.`,
  };
}

/**
 * The links between compiled records: the Node each Pod sits on, the Deployment slot that owns
 * it, the Deployments each Controller drives. They are read from three inputs only (a Node's LOAD,
 * a Pod's LIFE, a Deployment's RECONCILE), so a cable edit elsewhere keeps every link, and one
 * into those inputs re-links only the records it reaches (relinkInputs).
 */
import type { Topology, Wiring } from './topology';

/** Sets every link between records from their inputs (placement, ownership, what drives what). */
export function linkRecords(topo: Topology, w: Wiring): void {
  for (const pod of topo.pods) {
    pod.node = -1;
    pod.owner = -1;
    pod.ownerSlot = -1;
  }
  // Placement: a Pod's LOAD patched into a Node's LOAD puts the Pod on that Node (first cable wins).
  topo.nodes.forEach((node, n) => {
    node.pods = nodePods(node.id, w);
    for (const p of node.pods) if (topo.pods[p]!.node < 0) topo.pods[p]!.node = n;
  });
  for (const pod of topo.pods) linkOwner(pod, w);
  linkControllers(topo, w);
}

/**
 * Re-links after the inputs `changed` (`module/jack` keys) took new sources, every record still
 * holding the links it had before: the same links linkRecords would set, in time for the edit.
 */
export function relinkInputs(topo: Topology, w: Wiring, changed: Iterable<string>): void {
  const nodes: number[] = [];
  let controllers = false;
  for (const key of changed) {
    const cut = key.lastIndexOf('/');
    const at = w.records.get(key.slice(0, cut));
    const jack = key.slice(cut + 1);
    if (at?.list === 'nodes' && jack === 'load') nodes.push(at.i);
    else if (at?.list === 'pods' && jack === 'life') linkOwner(topo.pods[at.i]!, w);
    else if (at?.list === 'deployments' && jack === 'reconcile') controllers = true;
  }
  if (nodes.length) {
    // The Pods that were or are on a changed Node take the first Node (in rack order) that lists them.
    const moved = new Set<number>();
    for (const n of nodes) {
      const node = topo.nodes[n]!;
      for (const p of node.pods) moved.add(p);
      node.pods = nodePods(node.id, w);
      for (const p of node.pods) moved.add(p);
    }
    for (const p of moved) topo.pods[p]!.node = -1;
    topo.nodes.forEach((node, n) => {
      for (const p of node.pods) if (moved.has(p) && topo.pods[p]!.node < 0) topo.pods[p]!.node = n;
    });
  }
  if (controllers) linkControllers(topo, w);
}

/** The Pods whose LOAD is patched into a Node's LOAD, in channel order. */
function nodePods(nodeId: string, w: Wiring): number[] {
  const pods: number[] = [];
  for (const src of w.inputs.get(`${nodeId}/load`) ?? []) {
    const p = w.podByLoadSlot.get(src);
    if (p !== undefined) pods.push(p);
  }
  return pods;
}

/** A Pod's owner: the Deployment and slot whose CLAIM is its first LIFE source. */
function linkOwner(pod: Topology['pods'][number], w: Wiring): void {
  const owner = pod.life.length ? w.claimOwner.get(pod.life[0]!) : undefined;
  pod.owner = owner?.dep ?? -1;
  pod.ownerSlot = owner?.slot ?? -1;
}

/** What each Controller drives: the Deployments whose RECONCILE its TICK feeds. */
function linkControllers(topo: Topology, w: Wiring): void {
  for (const ctl of topo.controllers) ctl.drives = [];
  topo.deployments.forEach((dep, d) => {
    for (const src of dep.reconcile) {
      const c = w.tickOwner.get(src);
      if (c !== undefined) topo.controllers[c]!.drives.push(d);
    }
  });
}

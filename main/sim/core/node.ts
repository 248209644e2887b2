/**
 * Node rules: the load of the Pods placed here summed against CAPACITY (UTIL out and bargraph),
 * overload eviction, cordon, and the failed/restored fault. See main/sim/README.md "Node".
 */
import { crash, holdsNode, isRunning } from './pod';
import type { NodeState, World } from './world';

const FAILED_COLOR = '#ff4040';

export function newNodeState(): NodeState {
  return { failed: false, lastEvictAt: -Infinity, usedM: 0, evictions: 0 };
}

/** The CPU requested on each Node by the Pods that hold it, for the scheduler (pod.ts). */
export function reservedCpu(w: World): Float64Array {
  const reserved = new Float64Array(w.topo.nodes.length);
  const { pods } = w.topo;
  for (let i = 0; i < pods.length; i++) {
    const pod = pods[i]!;
    if (pod.node < 0) continue;
    const s = w.podS[i]!;
    if (holdsNode(s.phase)) reserved[pod.node] = reserved[pod.node]! + pod.cpu;
  }
  return reserved;
}

export function stepNodes(w: World): void {
  const { nodes, pods } = w.topo;
  nodes.forEach((node, n) => {
    const s = w.nodeS[n]!;
    // The load arrives through the cables (the Pods' LOAD outputs), as the panel shows it.
    let used = 0;
    for (const p of node.pods) used += w.level(pods[p]!.load) * 1000;
    s.usedM = s.failed ? 0 : used;
    const util = s.usedM / node.capacity;
    w.setLevel(node.util, Math.min(10, 10 * util));
    w.setLevel(node.cordoned, node.cordon ? 10 : 0);
    w.setLight(node.utilLed, s.failed ? 1 : Math.min(1, util), s.failed ? FAILED_COLOR : undefined);
    w.setLight(node.cordonLed, node.cordon ? 1 : 0);

    // Overload: the kubelet evicts one running Pod per check until the load fits, the last placed first.
    if (!s.failed && util > 1 && w.time - s.lastEvictAt >= w.cfg.evictionIntervalMs) {
      for (let i = node.pods.length - 1; i >= 0; i--) {
        const pod = pods[node.pods[i]!]!;
        const ps = w.podS[node.pods[i]!]!;
        if (!isRunning(ps.phase) || pod.node !== n) continue;
        s.lastEvictAt = w.time;
        s.evictions++;
        w.event(
          'Warning',
          'NodeOverloaded',
          node.id,
          'node',
          `CPU ${Math.round(s.usedM)}m over capacity ${node.capacity}m: evicting ${pod.name}`,
        );
        crash(w, pod, ps, 'Evicted', `The node was low on resource: cpu (${Math.round(s.usedM)}m of ${node.capacity}m)`);
        break;
      }
    }
  });
}

/** Fault: the Node stops (NotReady); its Pods stop and wait Pending until it is restored. */
export function setNodeFailed(w: World, nodeId: string, failed: boolean): boolean {
  const node = w.topo.nodes.find((n) => n.id === nodeId);
  if (!node) return false;
  let s = w.states.nodes.get(nodeId);
  if (!s) w.states.nodes.set(nodeId, (s = newNodeState()));
  if (s.failed === failed) return true;
  s.failed = failed;
  w.changes++;
  w.event(
    failed ? 'Warning' : 'Normal',
    failed ? 'NodeNotReady' : 'NodeReady',
    node.id,
    'node',
    failed ? `Node ${node.name} status is now: NodeNotReady` : `Node ${node.name} status is now: NodeReady`,
  );
  return true;
}

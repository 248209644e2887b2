/**
 * A Deployment's live Pods into its patched Pod modules, in a stable order: a Pod keeps the
 * module it had while it exists; free modules take the new Pods oldest first (running before
 * terminating ones). Pods beyond the modules are counted, as the simulator's FailedCreate rule
 * counts replicas no Pod module can run. Pure.
 */

export interface SlotPod {
  uid: string;
  /** ISO timestamp; ties broken by name. */
  created: string;
  name: string;
  terminating: boolean;
}

export interface SlotAssignment {
  /** Pod module id → the uid of the live Pod it shows. */
  slots: Map<string, string>;
  /** Live Pods no module shows. */
  extras: number;
}

const order = (a: SlotPod, b: SlotPod) =>
  Number(a.terminating) - Number(b.terminating) ||
  (a.created < b.created ? -1 : a.created > b.created ? 1 : 0) ||
  (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function assignSlots(
  modules: readonly string[],
  pods: readonly SlotPod[],
  previous?: ReadonlyMap<string, string>,
): SlotAssignment {
  const live = new Set(pods.map((p) => p.uid));
  const slots = new Map<string, string>();
  const taken = new Set<string>();
  for (const id of modules) {
    const uid = previous?.get(id);
    if (uid !== undefined && live.has(uid) && !taken.has(uid)) {
      slots.set(id, uid);
      taken.add(uid);
    }
  }
  const waiting = pods.filter((p) => !taken.has(p.uid)).sort(order);
  let next = 0;
  for (const id of modules) {
    if (slots.has(id)) continue;
    const pod = waiting[next];
    if (!pod) break;
    next++;
    slots.set(id, pod.uid);
  }
  return { slots, extras: waiting.length - next };
}

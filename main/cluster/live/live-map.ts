/**
 * Which live object each module of the patch shows, and which objects of the namespace no
 * module shows ("not on the rack"). A Deployment, Service, Ingress or bare Pod is found by the
 * `k8s-synth.io/module` annotation the apply writes, else by name (an imported object); a Node
 * module by name; a Deployment's Pods (its selector's) fill its patched Pod modules in stable
 * slots (slots.ts). Pure: the live service runs it on every change.
 */
import type { Patch } from '../../patch/model';
import type { Topology, TopoWorkload } from '../../synth/topology';
import { MODULE_ANNOTATION } from '../../synth/vocabulary';
import type { KubeObject } from './kube-object';
import { assignSlots } from './slots';

export interface LiveObjects {
  pods: KubeObject[];
  deployments: KubeObject[];
  services: KubeObject[];
  endpointSlices: KubeObject[];
  ingresses: KubeObject[];
  nodes: KubeObject[];
}

export interface LiveMapping {
  /** Module id → the live object it shows (Pods, Deployments, Services, Ingresses, Nodes). */
  objects: Map<string, KubeObject>;
  /** Deployment module id → live Pods its Pod modules do not show. */
  extras: Map<string, number>;
  /** Pod module id → live Pod uid, carried to the next mapping so slots stay put. */
  slots: Map<string, string>;
  /** Objects of the namespace no module shows: "Deployment/api". */
  offRack: string[];
}

const moduleOf = (o: KubeObject) => o.metadata.annotations?.[MODULE_ANNOTATION];

/** The object for a module: annotated with its id first, else named like it. */
function find(list: readonly KubeObject[], module: string, name: string): KubeObject | undefined {
  return list.find((o) => moduleOf(o) === module) ?? list.find((o) => o.metadata.name === name && !moduleOf(o));
}

/** The Pods a Deployment's selector (matchLabels) picks. */
export function selectedPods(deployment: KubeObject, pods: readonly KubeObject[]): KubeObject[] {
  const selector = (deployment.spec?.['selector'] as { matchLabels?: Record<string, string> } | undefined)?.matchLabels;
  if (!selector || Object.keys(selector).length === 0) return [];
  return pods.filter((p) => Object.entries(selector).every(([k, v]) => p.metadata.labels?.[k] === v));
}

function fillSlots(
  workload: TopoWorkload,
  dep: KubeObject,
  live: LiveObjects,
  previous: ReadonlyMap<string, string> | undefined,
  out: LiveMapping,
  shown: Set<KubeObject>,
): void {
  const pods = selectedPods(dep, live.pods);
  for (const p of pods) shown.add(p);
  const { slots, extras } = assignSlots(
    workload.pods,
    pods.map((p) => ({
      uid: p.metadata.uid,
      name: p.metadata.name,
      created: p.metadata.creationTimestamp ?? '',
      terminating: p.metadata.deletionTimestamp !== undefined,
    })),
    previous,
  );
  const byUid = new Map(pods.map((p) => [p.metadata.uid, p]));
  for (const [module, uid] of slots) {
    out.slots.set(module, uid);
    out.objects.set(module, byUid.get(uid)!);
  }
  out.extras.set(workload.module, extras);
}

export function mapLive(
  patch: Patch,
  topology: Topology,
  live: LiveObjects,
  previousSlots?: ReadonlyMap<string, string>,
): LiveMapping {
  const out: LiveMapping = { objects: new Map(), extras: new Map(), slots: new Map(), offRack: [] };
  const shown = new Set<KubeObject>();
  const take = (module: string, o: KubeObject | undefined) => {
    if (!o) return;
    out.objects.set(module, o);
    shown.add(o);
  };
  for (const w of topology.deployments) {
    const dep = find(live.deployments, w.module, w.name);
    take(w.module, dep);
    if (dep) fillSlots(w, dep, live, previousSlots, out, shown);
  }
  for (const w of topology.pods) take(w.module, find(live.pods, w.module, w.name));
  for (const s of topology.services) take(s.module, find(live.services, s.module, s.name));
  for (const i of topology.ingresses) take(i.module, find(live.ingresses, i.module, i.name));
  const nodeModules = patch.modules.filter((m) => m.type === 'node');
  for (const n of topology.nodes) {
    if (nodeModules.some((m) => m.id === n.module))
      take(
        n.module,
        live.nodes.find((o) => o.metadata.name === n.name),
      );
  }
  // Pods of a Deployment not on the rack belong to that Deployment's line, not one line each.
  for (const dep of live.deployments) if (!shown.has(dep)) for (const p of selectedPods(dep, live.pods)) shown.add(p);
  const off = (kind: string, list: readonly KubeObject[]) =>
    list.filter((o) => !shown.has(o)).map((o) => `${kind}/${o.metadata.name}`);
  out.offRack = [
    ...off('Deployment', live.deployments),
    ...off(
      'Pod',
      live.pods.filter((p) => !(p.metadata.ownerReferences ?? []).some((r) => r.controller)),
    ),
    ...off(
      'Service',
      live.services.filter((s) => s.metadata.name !== 'kubernetes'),
    ),
    ...off('Ingress', live.ingresses),
  ].sort();
  return out;
}

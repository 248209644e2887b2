/**
 * Topology entry -> ops on a patch, for one object: create its modules (new objects) or bring the
 * existing ones in line field by field (edited objects). Only what changed becomes an op, so an
 * edit of `replicas` turns the knob and touches nothing else.
 */
import type { Json, Module } from '../patch/model';
import type { PatchBuilder } from './builder';
import { sameJson } from './merge';
import type { TopoContainer, TopoIngress, TopoRule, TopoService, TopoWorkload } from './topology';
import { moduleName } from './topology';
import { FOREIGN_KEY } from './vocabulary';

/** Claim slots on a Deployment faceplate. */
export const CLAIM_SLOTS = 6;
/** ROUTE outs on an Ingress faceplate. */
export const ROUTE_SLOTS = 4;

// Key order is not meaning: a foreign field read back from our own output may come in another order.
const same = (a: unknown, b: unknown) => sameJson(a as Json, b as Json);

/** Module data for a container (the Pod's fields). */
export function podData(name: string, c: TopoContainer): Record<string, Json> {
  return {
    name,
    image: c.image,
    ports: c.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), containerPort: p.port, protocol: p.protocol })),
    env: c.env.map((e) => ({ name: e.name, value: e.value })),
  };
}

function withForeign(data: Record<string, Json>, foreign: Json | undefined): Record<string, Json> {
  const out = { ...data };
  if (foreign === undefined) delete out[FOREIGN_KEY];
  else out[FOREIGN_KEY] = foreign;
  return out;
}

const mod = (b: PatchBuilder, id: string): Module => {
  const m = b.patch.modules.find((x) => x.id === id);
  if (!m) throw new Error(`module ${id} is gone`);
  return m;
};

/** Node module ids by name, for placement; a Node named in the YAML but not racked is added. */
function nodeIds(b: PatchBuilder, names: readonly string[]): string[] {
  return names.map((n) => {
    const node = b.patch.modules.find((m) => m.type === 'node' && moduleName(m) === n);
    return node ? node.id : b.addModule('node', { name: n }, {}, { row: 1, hp: b.patch.rack.hp }, n);
  });
}

/** The module annotation of a new object, unless readManifest had to make one up. */
const preferred = (entry: { module: string }) => (entry.module.startsWith('new-') ? undefined : entry.module);

/** Channels of a poly input (signals.ts POLY_MAX_CHANNELS). */
const POLY_CHANNELS = 16;

/**
 * Re-patches the LOAD outs of `pods` round-robin into `nodes`. A Node whose poly LOAD is full
 * takes no more Pods (the rack's limit, not the cluster's): those Pods stay unplaced.
 */
function place(b: PatchBuilder, pods: readonly string[], nodes: readonly string[]): void {
  const ids = nodeIds(b, nodes);
  b.disconnectWhere((from, to) => pods.includes(from.module) && from.jack === 'load' && mod(b, to.module).type === 'node');
  pods.forEach((p, i) => {
    const node = ids[i % Math.max(ids.length, 1)];
    if (!node) return;
    const used = b.patch.cables.filter((c) => c.to.module === node && c.to.jack === 'load').length;
    if (used < POLY_CHANNELS) b.connect({ module: p, jack: 'load' }, { module: node, jack: 'load' });
  });
}

/** Adds a Pod module claimed by `deployment` in `slot` (1-based), or a bare Pod. */
function addPod(
  b: PatchBuilder,
  name: string,
  c: TopoContainer,
  near: { row: number; hp: number },
  deployment?: { id: string; slot: number },
  preferredId?: string,
): string {
  const pod = b.addModule('pod', podData(name, c), { cpu: c.cpuMillis }, near, preferredId);
  if (deployment) {
    b.connect({ module: deployment.id, jack: `claim-${deployment.slot}` }, { module: pod, jack: 'life' });
    b.connect({ module: pod, jack: 'ready' }, { module: deployment.id, jack: `ready-${deployment.slot}` });
  }
  return pod;
}

/** Brings the Pods of a workload to `next`: container fields, CPU, placement, new replicas. */
export function workloadOps(
  b: PatchBuilder,
  prev: TopoWorkload | undefined,
  next: TopoWorkload,
  isDeployment: boolean,
): string[] {
  let moduleId = prev?.module;
  let pods = prev ? [...prev.pods] : [];
  if (!moduleId) {
    if (isDeployment)
      moduleId = b.addModule(
        'deployment',
        withForeign({ name: next.name }, next.foreign),
        { replicas: next.replicas ?? 1 },
        { row: 0, hp: 0 },
        preferred(next),
      );
    else {
      moduleId = addPod(b, next.name, next.container, { row: 1, hp: 0 }, undefined, preferred(next));
      b.push({ type: 'set-data', id: moduleId, data: withForeign(mod(b, moduleId).data, next.foreign) });
      pods = [moduleId];
    }
  } else {
    const m = mod(b, moduleId);
    if (isDeployment && (m.data['name'] !== next.name || !same(m.data[FOREIGN_KEY], next.foreign)))
      b.push({ type: 'set-data', id: m.id, data: withForeign({ ...m.data, name: next.name }, next.foreign) });
    if (!isDeployment && (m.data['name'] !== next.name || !same(m.data[FOREIGN_KEY], next.foreign)))
      b.push({ type: 'set-data', id: m.id, data: withForeign({ ...m.data, name: next.name }, next.foreign) });
    b.field = ['spec', 'replicas'];
    if (isDeployment && prev?.replicas !== next.replicas)
      b.push({ type: 'set-param', id: m.id, param: 'replicas', value: next.replicas ?? 1 });
  }
  // A Deployment's existing Pods take the template's changed fields; per-Pod differences in fields
  // the edit did not touch are left alone.
  const before = prev?.container;
  const c = next.container;
  const containerAt = [...(isDeployment ? ['spec', 'template', 'spec'] : ['spec']), 'containers', 0];
  for (const pod of pods) {
    const m = mod(b, pod);
    const data = { ...m.data };
    if (!before || before.image !== c.image) data['image'] = c.image;
    if (!before || !same(before.ports, c.ports)) data['ports'] = podData('', c)['ports']!;
    if (!before || !same(before.env, c.env)) data['env'] = podData('', c)['env']!;
    b.field = containerAt;
    if (!same(data, m.data)) b.push({ type: 'set-data', id: pod, data });
    b.field = [...containerAt, 'resources', 'requests', 'cpu'];
    if ((!before || before.cpuMillis !== c.cpuMillis) && m.params['cpu'] !== c.cpuMillis)
      b.push({ type: 'set-param', id: pod, param: 'cpu', value: c.cpuMillis });
  }
  // More replicas than claimed Pods: new Pods appear in the free claim slots (as many as fit).
  const grown: string[] = [];
  b.field = ['spec', 'replicas'];
  if (isDeployment && (!prev || prev.replicas !== next.replicas)) {
    const deployment = mod(b, moduleId);
    // A new Deployment gets at least one Pod (its template) and one per Node it is placed on.
    const want = Math.min(CLAIM_SLOTS, Math.max(next.replicas ?? 1, prev ? 0 : Math.max(1, next.nodes.length)));
    const taken = new Set(
      b.patch.cables.filter((x) => x.from.module === moduleId && x.from.jack.startsWith('claim-')).map((x) => x.from.jack),
    );
    const template = pods[0];
    for (let slot = 1; slot <= CLAIM_SLOTS && pods.length < want; slot++) {
      if (taken.has(`claim-${slot}`)) continue;
      const pod = addPod(b, `${next.name}-${slot}`, c, { row: deployment.row + 1, hp: deployment.hp }, { id: moduleId, slot });
      // A new replica is selected by the same Services as its siblings.
      const selects = template
        ? b.patch.cables.filter((x) => x.from.module === template && x.from.jack === 'ready' && x.to.jack === 'select')
        : [];
      for (const s of selects) b.connect({ module: pod, jack: 'ready' }, s.to, s.color);
      pods.push(pod);
      grown.push(pod);
    }
  }
  b.field = [...containerAt.slice(0, -2), 'nodeSelector'];
  if (!prev || !same(prev.nodes, next.nodes)) place(b, pods, next.nodes);
  else if (grown.length) place(b, grown, next.nodes);
  return pods;
}

/** Pod module ids of a workload name (a Deployment's claimed Pods, or a bare Pod). */
export type PodsOf = (workload: string) => string[] | undefined;

/** Brings a Service module to `next`; returns its module id. */
export function serviceOps(b: PatchBuilder, prev: TopoService | undefined, next: TopoService, podsOf: PodsOf): string {
  const ports = next.ports.map((p) => ({
    ...(p.name ? { name: p.name } : {}),
    port: p.port,
    ...(p.targetPort !== undefined ? { targetPort: p.targetPort } : {}),
    protocol: p.protocol,
  }));
  const id = prev?.module ?? b.addModule('service', {}, {}, { row: 0, hp: 0 }, preferred(next));
  const m = mod(b, id);
  // Only what the text changed is written: stored rows keep keys the YAML does not show.
  const data = withForeign(
    { ...m.data, name: next.name, ...(!prev || !same(prev.ports, next.ports) ? { ports } : {}) },
    next.foreign,
  );
  if (!same(data, m.data)) b.push({ type: 'set-data', id, data });
  if (prev && same(prev.selects, next.selects)) return id;
  b.disconnectWhere((from, to) => to.module === id && to.jack === 'select');
  b.field = ['spec', 'selector'];
  for (const workload of next.selects) {
    const pods = podsOf(workload);
    if (!pods) throw new Error(`No Deployment or Pod named ${workload} for the selector.`);
    for (const pod of pods) b.connect({ module: pod, jack: 'ready' }, { module: id, jack: 'select' });
  }
  return id;
}

export function ingressOps(
  b: PatchBuilder,
  prev: TopoIngress | undefined,
  next: TopoIngress,
  serviceId: (name: string) => string | undefined,
): void {
  b.field = ['spec', 'rules'];
  if (next.rules.length > ROUTE_SLOTS)
    throw new Error(`An Ingress module has ${ROUTE_SLOTS} routes; this one has ${next.rules.length} paths.`);
  const id = prev?.module ?? b.addModule('ingress', {}, {}, { row: 0, hp: 0 }, preferred(next));
  const m = mod(b, id);
  const rules = next.rules.map((r) => ({ ...(r.host ? { host: r.host } : {}), path: r.path, pathType: r.pathType }));
  // Rules without a ROUTE cable are not in the YAML; they stay in the data until the text edits the rules.
  const shown = (list: readonly TopoRule[]) => list.map((r) => [r.host, r.path, r.pathType, r.service]);
  const changed = !prev || !same(shown(prev.rules), shown(next.rules));
  const data = withForeign({ ...m.data, name: next.name, ...(changed ? { rules } : {}) }, next.foreign);
  if (!same(data, m.data)) b.push({ type: 'set-data', id, data });
  if (
    prev &&
    same(
      prev.rules.map((r) => r.service),
      next.rules.map((r) => r.service),
    )
  )
    return;
  b.disconnectWhere((from) => from.module === id && from.jack.startsWith('route-'));
  next.rules.forEach((r, i) => {
    b.field = ['spec', 'rules', i];
    const svc = serviceId(r.service);
    if (!svc) throw new Error(`No Service named ${r.service} for this Ingress path.`);
    b.connect({ module: id, jack: `route-${i + 1}` }, { module: svc, jack: 'req' });
  });
}

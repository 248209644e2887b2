/**
 * Patch -> topology: the cluster-relevant projection of a patch (resources/synth/MAPPING.md §1).
 * Sound-only wiring (etcd, Controller, Service endpoint outs, Deployment READY ins) is left out;
 * a topology is what `topology-configmap` publishes and what the KRM function synthesizes from.
 */
import type { Json, Module, Patch } from '../patch/model';
import { patchObjects, type TopoObject } from './objects';
import { DEFAULT_PART_OF, FOREIGN_KEY, MAPPING_VERSION, SCHEDULED_KEY, SCHEDULER_NODE_KEY } from './vocabulary';

export type { TopoObject } from './objects';

export interface TopoPort {
  name?: string;
  port: number;
  protocol: string;
}
export interface TopoServicePort extends TopoPort {
  targetPort?: number | string;
}
export interface TopoEnv {
  name: string;
  value: string;
}
/** What a Pod module runs: one container. */
export interface TopoContainer {
  image: string;
  ports: TopoPort[];
  env: TopoEnv[];
  cpuMillis: number;
}
export interface TopoWorkload {
  module: string;
  name: string;
  /** Deployments only: the REPLICAS knob. */
  replicas?: number;
  /** Pod module ids, in claim-slot order (Deployments) or the Pod itself. */
  pods: string[];
  /** The container: the Pod's, or for a Deployment its first claimed Pod's (the template). */
  container: TopoContainer;
  /** Names of the Nodes its Pods' LOAD outs are patched into, sorted, distinct. */
  nodes: string[];
  foreign?: Json;
}
export interface TopoService {
  module: string;
  name: string;
  ports: TopoServicePort[];
  /** Names of the workloads (Deployments or bare Pods) whose Pods feed SELECT, sorted. */
  selects: string[];
  foreign?: Json;
}
export interface TopoRule {
  host?: string;
  path: string;
  pathType: string;
  /** The Service patched to this rule's ROUTE out. */
  service: string;
  port: number | string;
}
export interface TopoIngress {
  module: string;
  name: string;
  rules: TopoRule[];
  foreign?: Json;
}
export interface TopoNode {
  module: string;
  name: string;
  capacityMillis: number;
  cordoned: boolean;
}
export interface Topology {
  mappingVersion: number;
  /** The app.kubernetes.io/part-of label. */
  name: string;
  deployments: TopoWorkload[];
  pods: TopoWorkload[];
  services: TopoService[];
  ingresses: TopoIngress[];
  nodes: TopoNode[];
  /** Manifests of unmodelled kinds held by Object modules, verbatim (absent in version 1 topologies). */
  objects?: TopoObject[];
}

const CLAIM = /^claim-(\d+)$/;
const ROUTE = /^route-(\d+)$/;

const isObject = (v: Json | undefined): v is { [key: string]: Json } => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: Json | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

/** metadata.name of a module, also what it is called on screen: its Name field, or its id when that is empty. */
export function moduleName(m: Module): string {
  const name = str(m.data['name']);
  return name && name.trim() !== '' ? name : m.id;
}

function rows(v: Json | undefined): { [key: string]: Json }[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}

function ports(v: Json | undefined, key: 'containerPort' | 'port'): TopoPort[] {
  return rows(v).flatMap((r) => {
    const port = r[key];
    if (typeof port !== 'number') return [];
    const name = str(r['name']);
    return [{ ...(name ? { name } : {}), port, protocol: str(r['protocol']) ?? 'TCP' }];
  });
}

function container(pod: Module | undefined): TopoContainer {
  if (!pod) return { image: '', ports: [], env: [], cpuMillis: 0 };
  return {
    image: str(pod.data['image']) ?? '',
    ports: ports(pod.data['ports'], 'containerPort'),
    env: rows(pod.data['env']).flatMap((r) =>
      typeof r['name'] === 'string' ? [{ name: r['name'], value: str(r['value']) ?? '' }] : [],
    ),
    cpuMillis: pod.params['cpu'] ?? 0,
  };
}

const foreignOf = (m: Module): { foreign?: Json } => (m.data[FOREIGN_KEY] !== undefined ? { foreign: m.data[FOREIGN_KEY] } : {});
const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

/** The items of `list` by `key`, each group in list order. */
function groupBy<T>(list: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of list) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Projects a patch onto its topology. Total: any patch has one (odd wiring is simply left out). */
export function patchToTopology(patch: Patch, name: string = DEFAULT_PART_OF): Topology {
  const byId = new Map(patch.modules.map((m) => [m.id, m]));
  // Modules by type and cables by end, indexed once: a patch of 1,000 modules and 2,000 cables
  // would otherwise scan every cable for every module (the YAML panel runs this on every edit).
  const byType = groupBy(patch.modules, (m) => m.type);
  const ofType = (type: string) => byType.get(type) ?? [];
  const fromModule = groupBy(patch.cables, (c) => c.from.module);
  const toModule = groupBy(patch.cables, (c) => c.to.module);
  const cablesFrom = (id: string, jack: RegExp | string) =>
    (fromModule.get(id) ?? []).filter((c) => (typeof jack === 'string' ? c.from.jack === jack : jack.test(c.from.jack)));

  // Ownership: a Pod belongs to the first Deployment (module order) whose CLAIM out reaches its LIFE.
  const owner = new Map<string, string>();
  const claimed = new Map<string, string[]>();
  for (const d of ofType('deployment')) {
    const slots = cablesFrom(d.id, CLAIM)
      .filter((c) => byId.get(c.to.module)?.type === 'pod' && c.to.jack === 'life' && !owner.has(c.to.module))
      .map((c) => ({ slot: Number(CLAIM.exec(c.from.jack)?.[1]), pod: c.to.module }))
      .sort((a, b) => a.slot - b.slot);
    const pods: string[] = [];
    for (const { pod } of slots) {
      if (owner.has(pod)) continue;
      owner.set(pod, d.id);
      pods.push(pod);
    }
    claimed.set(d.id, pods);
  }
  // A Pod the cluster's scheduler placed (imported) is shown on its Node but asks for no placement.
  const nodesOf = (pods: string[]) =>
    sorted(
      pods
        .filter((p) => byId.get(p)?.data[SCHEDULED_KEY] !== true)
        .flatMap((p) =>
          cablesFrom(p, 'load').flatMap((c) => {
            const node = byId.get(c.to.module);
            // A scheduler's Node (added by an import) is where the Pod ran, not where it is pinned.
            return node?.type === 'node' && node.data[SCHEDULER_NODE_KEY] !== true ? [moduleName(node)] : [];
          }),
        ),
    );
  const workloadName = (podId: string) => {
    const o = owner.get(podId);
    return moduleName(byId.get(o ?? podId)!);
  };

  const deployments: TopoWorkload[] = ofType('deployment').map((d) => {
    const pods = claimed.get(d.id) ?? [];
    return {
      module: d.id,
      name: moduleName(d),
      replicas: d.params['replicas'] ?? 0,
      pods,
      container: container(byId.get(pods[0] ?? '')),
      nodes: nodesOf(pods),
      ...foreignOf(d),
    };
  });
  const pods: TopoWorkload[] = ofType('pod')
    .filter((p) => !owner.has(p.id))
    .map((p) => ({
      module: p.id,
      name: moduleName(p),
      pods: [p.id],
      container: container(p),
      nodes: nodesOf([p.id]),
      ...foreignOf(p),
    }));

  const services: TopoService[] = ofType('service').map((s) => ({
    module: s.id,
    name: moduleName(s),
    ports: rows(s.data['ports']).flatMap((r) => {
      const port = r['port'];
      if (typeof port !== 'number') return [];
      const n = str(r['name']);
      const target = r['targetPort'];
      return [
        {
          ...(n ? { name: n } : {}),
          port,
          ...(typeof target === 'number' || typeof target === 'string' ? { targetPort: target } : {}),
          protocol: str(r['protocol']) ?? 'TCP',
        },
      ];
    }),
    selects: sorted(
      (toModule.get(s.id) ?? [])
        .filter((c) => c.to.jack === 'select' && byId.get(c.from.module)?.type === 'pod')
        .map((c) => workloadName(c.from.module)),
    ),
    ...foreignOf(s),
  }));

  const ingresses: TopoIngress[] = ofType('ingress').map((ing) => {
    const rules = rows(ing.data['rules']);
    const routed: TopoRule[] = [];
    for (const c of cablesFrom(ing.id, ROUTE).sort((a, b) => a.from.jack.localeCompare(b.from.jack))) {
      const svc = byId.get(c.to.module);
      if (svc?.type !== 'service') continue;
      const rule = rules[Number(ROUTE.exec(c.from.jack)?.[1]) - 1] ?? {};
      const host = str(rule['host']);
      const firstPort = rows(svc.data['ports'])[0];
      routed.push({
        ...(host ? { host } : {}),
        path: str(rule['path']) ?? '/',
        pathType: str(rule['pathType']) ?? 'Prefix',
        service: moduleName(svc),
        port: str(firstPort?.['name']) ?? (typeof firstPort?.['port'] === 'number' ? firstPort['port'] : 80),
      });
    }
    return { module: ing.id, name: moduleName(ing), rules: routed, ...foreignOf(ing) };
  });

  const nodes: TopoNode[] = ofType('node').map((n) => ({
    module: n.id,
    name: moduleName(n),
    capacityMillis: n.params['capacity'] ?? 0,
    cordoned: (n.params['cordon'] ?? 0) !== 0,
  }));

  const objects = patchObjects(patch);
  return { mappingVersion: MAPPING_VERSION, name, deployments, pods, services, ingresses, nodes, objects };
}

/**
 * Topology -> Kubernetes manifests (resources/synth/MAPPING.md §2). Plain JSON objects in a fixed
 * key order, so the same topology always gives the same bytes. Foreign fields kept from an import
 * are merged in under the modelled ones.
 */
import type { Json } from '../patch/model';
import { mergeOver, withoutPaths, type JsonObject } from './merge';
import { foreignServiceSelector, selectedWorkloads } from './selectors';
import type { TopoContainer, TopoIngress, TopoService, TopoWorkload, Topology } from './topology';
import { HOSTNAME_LABEL, LABEL_MANAGED_BY, LABEL_NAME, LABEL_PART_OF, MANAGED_BY, MODULE_ANNOTATION } from './vocabulary';

export type Manifest = JsonObject;

export interface Synthesis {
  manifests: Manifest[];
  /** What the mapping could not express, one sentence each (shown in the YAML panel, KRM results). */
  warnings: string[];
}

/** CPU millicores as a Kubernetes quantity ("250m"); 0 means no request. */
export const cpuQuantity = (millis: number): string => `${millis}m`;

function labels(name: string, partOf: string): JsonObject {
  return { [LABEL_NAME]: name, [LABEL_PART_OF]: partOf, [LABEL_MANAGED_BY]: MANAGED_BY };
}

function metadata(name: string, module: string, partOf: string): JsonObject {
  return { name, labels: labels(name, partOf), annotations: { [MODULE_ANNOTATION]: module } };
}

/** The foreign first container's name wins (an import keeps "nginx"); else the workload's name. */
function containerJson(c: TopoContainer, name: string, foreignSpec: Json | undefined): JsonObject {
  const foreignName = pick(foreignSpec, ['containers', '0', 'name']);
  const out: JsonObject = { name: typeof foreignName === 'string' ? foreignName : name, image: c.image };
  if (c.ports.length)
    out['ports'] = c.ports.map((p) => ({ ...(p.name ? { name: p.name } : {}), containerPort: p.port, protocol: p.protocol }));
  if (c.env.length) out['env'] = c.env.map((e) => ({ name: e.name, value: e.value }));
  if (c.cpuMillis > 0) out['resources'] = { requests: { cpu: cpuQuantity(c.cpuMillis) } };
  return out;
}

/** One Node: a nodeSelector; several: a required node affinity over their hostnames. */
function placement(nodes: readonly string[]): JsonObject {
  if (nodes.length === 0) return {};
  if (nodes.length === 1) return { nodeSelector: { [HOSTNAME_LABEL]: nodes[0]! } };
  return {
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: HOSTNAME_LABEL, operator: 'In', values: [...nodes] }] }],
        },
      },
    },
  };
}

function podSpec(w: TopoWorkload, foreignSpec: Json | undefined): JsonObject {
  return { ...placement(w.nodes), containers: [containerJson(w.container, w.name, foreignSpec)] };
}

function pick(value: Json | undefined, path: readonly string[]): Json | undefined {
  let at = value;
  for (const step of path) {
    if (Array.isArray(at)) at = at[Number(step)];
    else if (at && typeof at === 'object') at = at[step];
    else return undefined;
  }
  return at;
}

function deployment(d: TopoWorkload, partOf: string): Manifest {
  // An imported selector is written back as it came (it is immutable in a cluster).
  const kept = pick(d.foreign, ['spec', 'selector']);
  const modelled: Manifest = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: metadata(d.name, d.module, partOf),
    spec: {
      replicas: d.replicas ?? 0,
      selector: kept !== undefined ? structuredClone(kept) : { matchLabels: { [LABEL_NAME]: d.name } },
      template: {
        metadata: { labels: labels(d.name, partOf) },
        spec: podSpec(d, pick(d.foreign, ['spec', 'template', 'spec'])),
      },
    },
  };
  return mergeOver(modelled, d.foreign) as Manifest;
}

function pod(p: TopoWorkload, partOf: string): Manifest {
  const modelled: Manifest = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: metadata(p.name, p.module, partOf),
    spec: podSpec(p, pick(p.foreign, ['spec'])),
  };
  return mergeOver(modelled, p.foreign) as Manifest;
}

/**
 * A Service. An imported selector is written back verbatim while it selects exactly the workloads
 * its SELECT cables come from; once the cables say otherwise, ours replaces it.
 */
function service(s: TopoService, partOf: string, workloads: readonly Workload[], warnings: string[]): Manifest {
  const imported = foreignServiceSelector(s.foreign);
  if (imported && same(selectedWorkloads(imported, workloads), s.selects)) {
    const spec: JsonObject = { selector: structuredClone(imported), ...(s.ports.length ? { ports: servicePorts(s) } : {}) };
    return mergeOver(
      { apiVersion: 'v1', kind: 'Service', metadata: metadata(s.name, s.module, partOf), spec },
      s.foreign,
    ) as Manifest;
  }
  const foreign = imported ? withoutPaths(s.foreign!, [['spec', 'selector']]) : s.foreign;
  if (s.selects.length > 1)
    warnings.push(
      `Service ${s.name} selects Pods of ${s.selects.join(', ')}; a selector matches one app.kubernetes.io/name, so only ${s.selects[0]} is selected.`,
    );
  const spec: JsonObject = {};
  if (s.selects[0] !== undefined) spec['selector'] = { [LABEL_NAME]: s.selects[0] };
  if (s.ports.length) spec['ports'] = servicePorts(s);
  const modelled: Manifest = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadata(s.name, s.module, partOf),
    ...(Object.keys(spec).length ? { spec } : {}),
  };
  return mergeOver(modelled, foreign) as Manifest;
}

function servicePorts(s: TopoService): Json[] {
  return s.ports.map((p) => ({
    ...(p.name ? { name: p.name } : {}),
    port: p.port,
    ...(p.targetPort !== undefined ? { targetPort: p.targetPort } : {}),
    protocol: p.protocol,
  }));
}

type Workload = { name: string; manifest: Manifest };
const same = (a: readonly string[], b: readonly string[]) => a.join('\n') === b.join('\n');

function ingress(i: TopoIngress, partOf: string): Manifest {
  const rules = i.rules.map((r): JsonObject => ({
    ...(r.host ? { host: r.host } : {}),
    http: {
      paths: [
        {
          path: r.path,
          pathType: r.pathType,
          backend: {
            service: {
              name: r.service,
              port: (typeof r.port === 'number' ? { number: r.port } : { name: r.port }) as JsonObject,
            },
          },
        },
      ],
    },
  }));
  const modelled: Manifest = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: metadata(i.name, i.module, partOf),
    ...(rules.length ? { spec: { rules } } : {}),
  };
  return mergeOver(modelled, i.foreign) as Manifest;
}

/**
 * The manifests of a topology: Deployments, bare Pods, Services, Ingresses, then the Objects'
 * manifests verbatim, each in module order. Nodes, etcd and Controllers emit nothing (MAPPING.md §3).
 */
export function topologyToManifests(topology: Topology): Synthesis {
  const warnings: string[] = [];
  const partOf = topology.name;
  for (const d of topology.deployments)
    if (d.pods.length === 0)
      warnings.push(`Deployment ${d.name} claims no Pod, so its template has no image: patch a CLAIM out to a Pod's LIFE.`);
  const workloads: Workload[] = [
    ...topology.deployments.map((d) => ({ name: d.name, manifest: deployment(d, partOf) })),
    ...topology.pods.map((p) => ({ name: p.name, manifest: pod(p, partOf) })),
  ];
  const manifests = [
    ...workloads.map((w) => w.manifest),
    ...topology.services.map((s) => service(s, partOf, workloads, warnings)),
    ...topology.ingresses.map((i) => ingress(i, partOf)),
    // A copy, so a caller editing the output cannot reach into the patch.
    ...(topology.objects ?? []).map((o) => structuredClone(o.manifest)),
  ];
  return { manifests, warnings };
}

/**
 * A one-line structured summary of what changed between two patches, in Kubernetes terms:
 * "+2 Pods; Service web port 80->8080; Ingress removed". Compared on the topology, so cable
 * colours and module positions (which Kubernetes never sees) are not changes.
 */
import type { Patch } from '../patch/model';
import { objectId, objectKey, objectLabel, type TopoObject } from './objects';
import { patchToTopology, type TopoIngress, type TopoService, type TopoWorkload } from './topology';
import { jsonEqual } from '../patch/json-equal';

const plural = (n: number, word: string) => `${n > 0 ? '+' : '−'}${Math.abs(n)} ${word}${Math.abs(n) === 1 ? '' : 's'}`;
/** Key order counts: the YAML text shows it. */
const same = (a: unknown, b: unknown) => jsonEqual(a, b, { keyOrder: true });
const portText = (p: { port: number } | undefined) => (p ? String(p.port) : 'none');

interface Named {
  module: string;
  name: string;
}

/** Pairs entries by module id, then by name. */
function pair<T extends Named>(before: readonly T[], after: readonly T[]) {
  const left = [...before];
  const pairs: [T, T][] = [];
  const added: T[] = [];
  for (const a of after) {
    const i = left.findIndex((b) => b.module === a.module);
    const j = i >= 0 ? i : left.findIndex((b) => b.name === a.name);
    if (j >= 0) pairs.push([left.splice(j, 1)[0]!, a]);
    else added.push(a);
  }
  return { pairs, added, removed: left };
}

function objects<T extends Named>(
  kind: string,
  before: readonly T[],
  after: readonly T[],
  detail: (a: T, b: T) => string[],
  out: string[],
): void {
  const { pairs, added, removed } = pair(before, after);
  if (added.length === 1) out.push(`${kind} ${added[0]!.name} added`);
  else if (added.length > 1) out.push(plural(added.length, kind));
  if (removed.length === 1) out.push(`${kind} ${removed[0]!.name} removed`);
  else if (removed.length > 1) out.push(plural(-removed.length, kind));
  for (const [a, b] of pairs) {
    const parts = [...(a.name !== b.name ? [`renamed ${b.name}`] : []), ...detail(a, b)];
    if (parts.length) out.push(`${kind} ${a.name} ${parts.join(', ')}`);
  }
}

function workload(a: TopoWorkload, b: TopoWorkload): string[] {
  const out: string[] = [];
  if (a.replicas !== b.replicas) out.push(`replicas ${a.replicas ?? 0}->${b.replicas ?? 0}`);
  if (a.container.image !== b.container.image) out.push(`image ${a.container.image || 'none'}->${b.container.image || 'none'}`);
  if (a.container.cpuMillis !== b.container.cpuMillis) out.push(`cpu ${a.container.cpuMillis}m->${b.container.cpuMillis}m`);
  if (!same(a.container.ports, b.container.ports))
    out.push(
      `ports ${a.container.ports.map((p) => p.port).join(',') || 'none'}->${b.container.ports.map((p) => p.port).join(',') || 'none'}`,
    );
  if (!same(a.container.env, b.container.env)) out.push('env changed');
  if (!same(a.nodes, b.nodes)) out.push(`nodes ${a.nodes.join(',') || 'any'}->${b.nodes.join(',') || 'any'}`);
  if (!same(a.foreign, b.foreign)) out.push('other fields changed');
  return out;
}

function service(a: TopoService, b: TopoService): string[] {
  const out: string[] = [];
  if (a.ports.length === b.ports.length && a.ports.length <= 1) {
    if (!same(a.ports, b.ports)) out.push(`port ${portText(a.ports[0])}->${portText(b.ports[0])}`);
  } else if (!same(a.ports, b.ports))
    out.push(`ports ${a.ports.map((p) => p.port).join(',') || 'none'}->${b.ports.map((p) => p.port).join(',') || 'none'}`);
  if (!same(a.selects, b.selects)) out.push(`selects ${a.selects.join(',') || 'nothing'}->${b.selects.join(',') || 'nothing'}`);
  if (!same(a.foreign, b.foreign)) out.push('other fields changed');
  return out;
}

function ingress(a: TopoIngress, b: TopoIngress): string[] {
  const out: string[] = [];
  const routes = (i: TopoIngress) => i.rules.map((r) => `${r.host ?? '*'}${r.path}->${r.service}`);
  if (!same(routes(a), routes(b))) {
    const gone = routes(a).filter((r) => !routes(b).includes(r));
    const added = routes(b).filter((r) => !routes(a).includes(r));
    out.push([...added.map((r) => `+route ${r}`), ...gone.map((r) => `−route ${r}`)].join(', ') || 'routes reordered');
  }
  if (!same(a.foreign, b.foreign)) out.push('other fields changed');
  return out;
}

/**
 * Objects added, removed or changed, by kind and name only: a Secret's data never reaches the
 * summary (it is shown in the diff bar and may be logged).
 */
function passthrough(before: readonly TopoObject[], after: readonly TopoObject[], out: string[]): void {
  const byKey = (list: readonly TopoObject[]) => new Map(list.map((o) => [objectKey(objectId(o.manifest)!), o]));
  const a = byKey(before);
  const b = byKey(after);
  const label = (o: TopoObject) => objectLabel(objectId(o.manifest)!);
  for (const [key, o] of b) if (!a.has(key)) out.push(`${label(o)} added`);
  for (const [key, o] of a) if (!b.has(key)) out.push(`${label(o)} removed`);
  for (const [key, o] of b) if (a.has(key) && !same(a.get(key)!.manifest, o.manifest)) out.push(`${label(o)} changed`);
}

/** What changed from `before` to `after`, as one line ("no changes" when nothing did). */
export function summarizeChange(before: Patch, after: Patch): string {
  const a = patchToTopology(before);
  const b = patchToTopology(after);
  const out: string[] = [];
  const podCount = (t: typeof a) => t.deployments.reduce((n, d) => n + d.pods.length, 0) + t.pods.length;
  const pods = podCount(b) - podCount(a);
  if (pods !== 0) out.push(plural(pods, 'Pod'));
  objects('Deployment', a.deployments, b.deployments, workload, out);
  objects('Pod', a.pods, b.pods, workload, out);
  objects('Service', a.services, b.services, service, out);
  objects('Ingress', a.ingresses, b.ingresses, ingress, out);
  passthrough(a.objects ?? [], b.objects ?? [], out);
  const nodes = pair(a.nodes, b.nodes);
  for (const n of nodes.added) out.push(`Node ${n.name} added`);
  for (const n of nodes.removed) out.push(`Node ${n.name} removed`);
  return out.length ? out.join('; ') : 'no changes';
}

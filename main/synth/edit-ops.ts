/**
 * YAML text -> ops: what the YAML panel sends when the user edits the text. The text is read,
 * checked (syntax, Kubernetes schemas, the mapping's own rules) and compared with the patch's
 * current topology; the differences become one batch of ops (one undo step). Any problem means no
 * ops at all, with every problem at its line and column.
 */
import type { Catalog } from '../patch/catalog';
import type { Json, Patch } from '../patch/model';
import { batch, type Op } from '../patch/ops';
import { PatchBuilder } from './builder';
import { ingressOps, serviceOps, workloadOps } from './entry-ops';
import { entryKey, objectOps } from './object-ops';
import { objectLabel, objectId } from './objects';
import { readManifest, type ReadEntry } from './read-manifest';
import { foreignServiceSelector, selectedWorkloads } from './selectors';
import { patchToTopology, type TopoWorkload, type Topology } from './topology';
import { validateManifest } from './validate';
import { DEFAULT_PART_OF } from './vocabulary';
import { lineCounterFor, problemAt, readYamlText, type TextProblem } from './yaml-text';

export type YamlEdit = { ok: true; op: Op | undefined } | { ok: false; problems: TextProblem[] };

interface Located {
  read: ReadEntry;
  doc: number;
  from: number;
  to: number;
  /** Text span of a path inside this document (errors point at the field when they can). */
  locate(path: readonly (string | number)[]): { from: number; to: number };
  /** The document as read. */
  value: Json;
}

/** A Service with a selector of its own (app: web) selects the workloads whose Pod labels match it. */
function selectByImportedSelectors(reads: readonly Located[]): void {
  const workloads = reads.flatMap((r) =>
    r.read.kind === 'Deployment' || r.read.kind === 'Pod' ? [{ name: r.read.entry.name, manifest: r.value }] : [],
  );
  for (const r of reads) {
    const selector = r.read.kind === 'Service' ? foreignServiceSelector(r.value) : undefined;
    if (r.read.kind === 'Service' && selector) r.read.entry.selects = selectedWorkloads(selector, workloads);
  }
}

/**
 * The ops that make `patch` say what `text` says, or the problems that stop it. `op` is undefined
 * when the text already matches the patch.
 */
export function yamlToOps(patch: Patch, catalog: Catalog, text: string, name: string = DEFAULT_PART_OF): YamlEdit {
  const parsed = readYamlText(text);
  if (!parsed.ok) return parsed;
  const lines = lineCounterFor(text);
  const problems: TextProblem[] = [];
  const reads: Located[] = [];
  const seen = new Map<string, number>();
  for (const doc of parsed.docs) {
    const at = (path: readonly (string | number)[], message: string) => {
      const { from, to } = doc.locate(path);
      problems.push(problemAt(lines, from, to, message, doc.index));
    };
    const schema = validateManifest(doc.value);
    for (const p of schema) at(p.path, p.message);
    const result = readManifest(doc.value, `new-${doc.index}`);
    if (!result.ok) {
      at(result.problem.path, result.problem.message);
      continue;
    }
    if (schema.length) continue;
    const read = result.read;
    const key = read.kind === 'Object' ? entryKey(read.entry) : `${read.kind}/${read.entry.name}`;
    if (seen.has(key))
      at(
        ['metadata', 'name'],
        read.kind === 'Object'
          ? `A second ${objectLabel(objectId(read.entry.manifest)!)}: names are unique per kind and namespace.`
          : `A second ${key}: names are unique per kind.`,
      );
    seen.set(key, doc.index);
    const { from, to } = doc.locate(['kind']);
    reads.push({ read: result.read, doc: doc.index, from, to, locate: (p) => doc.locate(p), value: doc.value });
  }
  if (problems.length) return { ok: false, problems };
  selectByImportedSelectors(reads);

  const before = patchToTopology(patch, name);
  const b = new PatchBuilder(patch, catalog);
  let current: Located | undefined;
  try {
    applyTopologyEdit(b, before, reads, (l) => (current = l));
  } catch (e) {
    const located = current as Located | undefined;
    const span = located && b.field ? located.locate(b.field) : located;
    const where = { from: span?.from ?? 0, to: span?.to ?? 0, doc: located?.doc ?? 0 };
    return { ok: false, problems: [problemAt(lines, where.from, where.to, (e as Error).message, where.doc)] };
  }
  return { ok: true, op: b.ops.length ? batch(b.ops, 'edit YAML') : undefined };
}

/** Applies the read entries as edits of `before` (matched by module id, then kind and name). */
function applyTopologyEdit(
  b: PatchBuilder,
  before: Topology,
  reads: readonly Located[],
  focus: (l: Located | undefined) => void,
): void {
  const byModule = <T extends { module: string; name: string }>(list: readonly T[], entry: { module: string; name: string }) =>
    list.find((x) => x.module === entry.module) ?? list.find((x) => x.name === entry.name);
  const kept = new Set<string>();
  const of = (kind: ReadEntry['kind']) => reads.filter((r) => r.read.kind === kind);

  // Removals first, so a renamed-and-replaced object does not collide with its old self.
  const matched = new Map<Located, string | undefined>();
  const lists = {
    Deployment: before.deployments,
    Pod: before.pods,
    Service: before.services,
    Ingress: before.ingresses,
  } as const;
  for (const r of reads) {
    if (r.read.kind === 'Object') continue;
    const prev = byModule<{ module: string; name: string }>(lists[r.read.kind], r.read.entry);
    // A copied document keeps its original's annotation: the first one is the module, the copy is new.
    if (prev && !kept.has(prev.module)) {
      matched.set(r, prev.module);
      kept.add(prev.module);
    } else matched.set(r, undefined);
  }
  // Objects pair by what names them in a cluster (they carry no module annotation).
  const objectsBefore = new Map((before.objects ?? []).map((o) => [entryKey(o), o]));
  const objectReads = reads.flatMap((r) => (r.read.kind === 'Object' ? [r.read.entry] : []));
  const objectPrev = objectReads.map((o) => objectsBefore.get(entryKey(o)));
  for (const o of objectPrev) if (o) kept.add(o.module);
  b.reserve(reads.filter((r) => r.read.kind !== 'Object' && matched.get(r) === undefined).map((r) => r.read.entry.module));
  focus(undefined);
  for (const d of before.deployments)
    if (!kept.has(d.module)) for (const id of [d.module, ...d.pods]) b.push({ type: 'remove-module', id });
  for (const e of [...before.pods, ...before.services, ...before.ingresses, ...(before.objects ?? [])])
    if (!kept.has(e.module)) b.push({ type: 'remove-module', id: e.module });

  const podsByWorkload = new Map<string, string[]>();
  for (const kind of ['Deployment', 'Pod'] as const)
    for (const r of of(kind)) {
      focus(r);
      b.field = undefined;
      const prevId = matched.get(r);
      const prev = (lists[kind] as readonly TopoWorkload[]).find((x) => x.module === prevId);
      const entry = r.read.entry as TopoWorkload;
      podsByWorkload.set(entry.name, workloadOps(b, prev, entry, kind === 'Deployment'));
    }
  for (const w of [...before.deployments, ...before.pods])
    if (kept.has(w.module) && !podsByWorkload.has(w.name)) podsByWorkload.set(w.name, w.pods);

  const serviceIds = new Map<string, string>();
  for (const r of of('Service')) {
    if (r.read.kind !== 'Service') continue;
    focus(r);
    b.field = undefined;
    const prev = before.services.find((x) => x.module === matched.get(r));
    serviceIds.set(
      r.read.entry.name,
      serviceOps(b, prev, r.read.entry, (w) => podsByWorkload.get(w)),
    );
  }
  for (const r of of('Ingress')) {
    if (r.read.kind !== 'Ingress') continue;
    focus(r);
    b.field = undefined;
    const prev = before.ingresses.find((x) => x.module === matched.get(r));
    ingressOps(b, prev, r.read.entry, (n) => serviceIds.get(n));
  }
  focus(undefined);
  b.field = undefined;
  objectOps(b, objectPrev, objectReads);
}

/**
 * Part `synth`: a 1,000-module patch through the YAML mapping, each step next to the
 * `yaml` package's own work on the same documents in the same run:
 *   patch -> YAML   (topology, manifests, stringify)       vs stringify of the same manifests
 *   YAML -> patch   (yamlToOps on an edit of one replicas)  vs parseAllDocuments + toJS of the text
 *   diff            (text diff + one-line summary)          vs stringify of both sides
 * The patch is built as data (1,000 modules do not fit a 16-row rack, and synthesis never looks
 * at positions), from a seeded random.
 */
import { diff } from '@codemirror/merge';
import { parseAllDocuments, stringify } from 'yaml';
import type { Catalog } from '../../main/patch/catalog';
import type { Cable, Module, Patch } from '../../main/patch/model';
import { yamlToOps } from '../../main/synth/edit-ops';
import { synthesizePatch } from '../../main/synth/synth';
import { summarizeChange } from '../../main/synth/summary';
import { SourceCache } from '../../main/synth/source-cache';
import { manifestsToYamlCached, newYamlDocCache } from '../../main/synth/yaml-incremental';
import { manifestsToYaml } from '../../main/synth/yaml-text';
import { seededRandom } from './big-patch';

/** 1,002 modules: 112 apps of a Deployment, 6 Pods, a Service, an Ingress every other app; 50 Nodes. */
export function synthBenchPatch(seed = 24301): Patch {
  const random = seededRandom(seed);
  const modules: Module[] = [];
  const cables: Cable[] = [];
  let c = 0;
  const cable = (from: string, fj: string, to: string, tj: string) =>
    cables.push({ id: `c${c++}`, from: { module: from, jack: fj }, to: { module: to, jack: tj }, color: '#f3374b' });
  const add = (id: string, type: string, params: Record<string, number>, data: Module['data']) =>
    modules.push({ id, type, row: 0, hp: 0, params, data });
  for (let n = 0; n < 50; n++) add(`node${n}`, 'node', { capacity: 4000, cordon: 0 }, { name: `node-${n}` });
  for (let a = 0; a < 112; a++) {
    add(`dep${a}`, 'deployment', { replicas: 1 + Math.floor(random() * 12) }, { name: `app-${a}` });
    add(`svc${a}`, 'service', {}, { name: `app-${a}`, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] });
    for (let p = 1; p <= 6; p++) {
      const pod = `pod${a}-${p}`;
      add(
        pod,
        'pod',
        { cpu: 10 * Math.floor(random() * 100) },
        {
          name: `app-${a}-${p}`,
          image: `ghcr.io/acme/app-${a}:1.${p}`,
          ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
          env: [{ name: 'APP', value: `app-${a}` }],
        },
      );
      cable(`dep${a}`, `claim-${p}`, pod, 'life');
      cable(pod, 'ready', `svc${a}`, 'select');
      cable(pod, 'load', `node${Math.floor(random() * 50)}`, 'load');
    }
    if (a % 2 === 0) {
      add(
        `ing${a}`,
        'ingress',
        { rps: 10 },
        { name: `app-${a}`, rules: [{ host: `app-${a}.example.com`, path: '/', pathType: 'Prefix' }] },
      );
      cable(`ing${a}`, 'route-1', `svc${a}`, 'req');
    }
  }
  return { rack: { rows: 16, hp: 208 }, modules, cables };
}

/** Median of `rounds` timings of `fn`, in ms. */
function time(fn: () => unknown, rounds = 15): number {
  fn(); // warm-up: JIT and caches
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

const row = (label: string, ours: number, bare: number) =>
  `  ${label.padEnd(16)} ${ours.toFixed(1).padStart(7)} ms   yaml alone ${bare.toFixed(1).padStart(7)} ms   overhead ${(ours / bare).toFixed(2)}x`;

export function benchSynth(catalog: Catalog): string[] {
  const patch = synthBenchPatch();
  const { manifests } = synthesizePatch(patch);
  const text = manifestsToYaml(manifests);
  const edited = text.replace(/replicas: \d+/, 'replicas: 12');
  // Full regeneration: every document computed afresh (a new cache each round).
  const toYaml = time(() => manifestsToYamlCached(synthesizePatch(patch).manifests, undefined, new SourceCache()));
  const stringifyOnly = time(() => manifests.map((m) => stringify(m, { lineWidth: 0, minContentWidth: 0 })).join('---\n'));
  let ops = 0;
  const toPatch = time(() => {
    const r = yamlToOps(patch, catalog, edited, undefined, newYamlDocCache());
    if (!r.ok) throw new Error(`bench: the edit did not read: ${r.problems[0]?.message}`);
    ops = r.op?.type === 'batch' ? r.op.ops.length : 1;
  });
  const parseOnly = time(() => parseAllDocuments(edited).map((d) => d.toJS()));
  // One edit: the caches hold the documents of the text before it; each round turns one knob to a new value.
  const texts = new SourceCache<string>();
  const docs = newYamlDocCache();
  manifestsToYamlCached(manifests, undefined, texts);
  yamlToOps(patch, catalog, text, undefined, docs);
  let round = 0;
  const withReplicas = (n: number) => ({
    ...patch,
    modules: patch.modules.map((m) => (m.id === 'dep0' ? { ...m, params: { replicas: n } } : m)),
  });
  const editToYaml = time(() =>
    manifestsToYamlCached(synthesizePatch(withReplicas(1 + (round++ % 12))).manifests, undefined, texts),
  );
  const editToPatch = time(() => {
    const r = yamlToOps(patch, catalog, text.replace(/replicas: \d+/, `replicas: ${1 + (round++ % 12)}`), undefined, docs);
    if (!r.ok) throw new Error(`bench: the one-edit text did not read: ${r.problems[0]?.message}`);
  });
  const changed = withReplicas(12);
  let summary = '';
  const diffs = time(() => {
    const after = manifestsToYaml(synthesizePatch(changed).manifests);
    diff(text, after);
    summary = summarizeChange(patch, changed);
  });
  const bothSides = time(() => [manifests, manifests].map((ms) => ms.map((m) => stringify(m, { lineWidth: 0 })).join('---\n')));
  return [
    `YAML mapping: ${patch.modules.length} modules, ${patch.cables.length} cables -> ${manifests.length} manifests, ${(text.length / 1024).toFixed(0)} KiB of YAML (median of 15)`,
    row('patch -> YAML', toYaml, stringifyOnly) + '   (full regeneration; goal <= 1.5x)',
    row('YAML -> patch', toPatch, parseOnly) + `   (full; ${ops} ops; goal <= 1.5x)`,
    row('diff + summary', diffs, bothSides) + `   ("${summary}")`,
    oneEdit('patch -> YAML', editToYaml, toYaml),
    oneEdit('YAML -> patch', editToPatch, toPatch),
  ];
}

/** An edit of one document with the caches warm, next to the full regeneration of the same run. */
const oneEdit = (label: string, ms: number, full: number) =>
  `  ${`${label}, 1 edit`.padEnd(24)} ${ms.toFixed(1).padStart(7)} ms   full ${full.toFixed(1).padStart(7)} ms   (goal < 16 ms, one frame)`;

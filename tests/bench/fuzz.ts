/**
 * Part `fuzz`: a long mutation campaign against every parse boundary of the input budget, the
 * long version of the time-bounded property tests in the suite. Each parser gets valid seeds
 * (example patches, a performance, manifests, a ResourceList, request frames, the protocol's test
 * vectors) mutated by 1-4 seeded edits (a byte, a token, a cut, a copy, a wrap in brackets up to
 * thousands deep) and must never throw, never hang and keep main's memory bounded. Figures:
 * cases, cases/s beside JSON.parse of the same inputs (the same-run baseline), crashes, peak RSS.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { seededRandom } from './big-patch';
import { createDispatcher, type Handlers } from '../../main/api/dispatcher';
import { FrameDecoder } from '../../main/hardware/codec';
import type { Catalog } from '../../main/patch/catalog';
import { parsePatchFile } from '../../main/patch/file';
import { parsePerformance, serializePerformance } from '../../main/history/performance-file';
import { applyEvents, type PerformanceEvent } from '../../main/history/core/replay-scheduler';
import { patchHash } from '../../main/session/patch-hash';
import { RackRequestError } from '../../preload/contract';
import { runKrmFunction } from '../../main/synth/krm';
import { topologyConfigMap } from '../../main/synth/configmap';
import { patchToTopology } from '../../main/synth/topology';
import { topologyToManifests } from '../../main/synth/manifests';
import { manifestsToYaml, readYamlText } from '../../main/synth/yaml-text';

const TOKENS = [
  '[',
  ']',
  '{',
  '}',
  '"',
  '\\',
  ':',
  ',',
  '\n',
  '  ',
  '- ',
  '&a ',
  '*a',
  '&b ',
  '*b',
  '---\n',
  '\ufeff',
  '"__proto__"',
  '"constructor"',
  '__proto__: ',
  '1e999',
  '-0',
  'null',
  '\u0000',
  '\ud800',
  'é',
  '!!binary ',
];

function mutate(seed: string, next: () => number): string {
  let text = seed;
  const edits = 1 + Math.floor(next() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(next() * (text.length + 1));
    const op = Math.floor(next() * 6);
    if (op === 0) text = text.slice(0, at) + String.fromCharCode(Math.floor(next() * 128)) + text.slice(at + 1);
    else if (op === 1) text = text.slice(0, at) + TOKENS[Math.floor(next() * TOKENS.length)]! + text.slice(at);
    else if (op === 2) text = text.slice(0, at) + text.slice(at + Math.floor(next() * 32));
    else if (op === 3) {
      const from = Math.floor(next() * text.length);
      text = text.slice(0, at) + text.slice(from, from + Math.floor(next() * 64)) + text.slice(at);
    } else if (op === 4) {
      // Deep nesting, now and then very deep: the stack is what a hostile file goes for.
      const depth = next() < 0.005 ? 5000 : Math.floor(next() * 40);
      const open = next() < 0.5 ? '[' : '{"a":';
      const close = open === '[' ? ']' : '}';
      text = text.slice(0, at) + open.repeat(depth) + close.repeat(depth) + text.slice(at);
    } else text = text.slice(0, at);
  }
  return text;
}

export interface FuzzTarget {
  name: string;
  seeds: string[];
  /** Runs the parser on one input; throws only on a crash (a broken promise of the parser). */
  run(input: string): void | Promise<void>;
}

export interface FuzzFigure {
  name: string;
  cases: number;
  perSecond: number;
  baselinePerSecond: number;
  crashes: number;
  firstCrash?: string;
  peakRssMb: number;
}

/** The targets, with seeds built from the repository's own examples. */
export function fuzzTargets(root: string, catalog: Catalog): FuzzTarget[] {
  const examples = ['hello-web', 'first-pod'].map((n) =>
    readFileSync(path.join(root, 'resources', 'examples', `${n}.k8spatch`), 'utf8'),
  );
  const hello = parsePatchFile(examples[0]!, catalog);
  if (!hello.ok) throw new Error(`fuzz: the example does not load: ${hello.error}`);
  const patch = hello.document.patch;
  const knob = patch.modules.find((m) => Object.keys(m.params).length > 0);
  const events: PerformanceEvent[] = knob
    ? [0, 1, 2].map((i) => ({
        t: i * 100,
        kind: 'ops',
        source: 'ui',
        ops: [
          {
            type: 'set-param',
            id: knob.id,
            param: Object.keys(knob.params)[0]!,
            value: knob.params[Object.keys(knob.params)[0]!]!,
          },
        ],
      }))
    : [];
  const perf = serializePerformance(
    {
      info: { id: 1, name: 'fuzz', created: 0, length: 1000, eventCount: events.length, markers: [], finished: true },
      start: patch,
      events,
      finalHash: null,
    },
    patchHash(applyEvents(patch, events, 0, events.length, catalog)),
  );
  const topology = patchToTopology(patch, 'hello-web');
  const yamlDocs = manifestsToYaml(topologyToManifests(topology).manifests);
  const smallYaml = [
    'a: &a [x, y]\nb: *a\n',
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {k: v}\n',
    yamlDocs.slice(0, 400),
  ];
  const list = JSON.stringify({
    apiVersion: 'config.kubernetes.io/v1',
    kind: 'ResourceList',
    items: [],
    functionConfig: topologyConfigMap(topology),
  });
  const vectors = (
    JSON.parse(readFileSync(path.join(root, 'resources', 'protocol', 'vectors.json'), 'utf8')) as { vectors: { wire: string }[] }
  ).vectors;
  const frames = [
    JSON.stringify({
      type: 'request',
      id: 1,
      name: 'patch.apply',
      input: { op: { type: 'set-data', id: 'm', data: { a: [1] } }, source: 'ui' },
    }),
    JSON.stringify({ type: 'request', id: 2, name: 'file.open', input: { path: '/tmp/x.k8spatch' } }),
  ];
  // Every request resolves with nothing: what is fuzzed is the validation in front of the handlers.
  const handlers = new Proxy({}, { get: () => () => undefined }) as Handlers;
  const dispatcher = createDispatcher(handlers, { logError: () => undefined });
  return [
    {
      name: 'patch file',
      // The small example mostly: mutations matter, not the size of what they land in.
      seeds: [examples[1]!, examples[1]!, examples[1]!, examples[0]!],
      run: (t) => void parsePatchFile(t, catalog),
    },
    { name: 'performance file', seeds: [perf], run: (t) => void parsePerformance(t, catalog) },
    { name: 'YAML text', seeds: smallYaml, run: (t) => void readYamlText(t) },
    {
      name: 'KRM stdin (eno)',
      seeds: [list, 'kind: ResourceList\nitems: []\n'],
      run: (t) => {
        const out = runKrmFunction(t, 'eno');
        if (out.exitCode !== 0) throw new Error(`eno mode exited ${out.exitCode}`);
        JSON.parse(out.stdout);
      },
    },
    {
      name: 'request frame',
      seeds: frames,
      run: async (t) => {
        let raw: { name?: unknown; input?: unknown };
        try {
          raw = JSON.parse(t) as typeof raw;
        } catch {
          return;
        }
        await dispatcher.dispatch(raw?.name, raw?.input).catch((error: unknown) => {
          if (!(error instanceof RackRequestError) || error.code === 'handler-failed') throw error;
        });
      },
    },
    {
      name: 'serial frames',
      seeds: vectors.map((v) => v.wire),
      run: (hex) => {
        const bytes = Uint8Array.from((hex.match(/[0-9a-f]{2}/gi) ?? []).map((h) => parseInt(h, 16)));
        new FrameDecoder().push(bytes);
      },
    },
  ];
}

/** A target's running campaign: its own seeded stream of inputs and its figures so far. */
export interface FuzzRun {
  target: FuzzTarget;
  next: () => number;
  figure: FuzzFigure;
  parseMs: number;
  baselineMs: number;
}

export function startFuzz(target: FuzzTarget, seed: number): FuzzRun {
  return {
    target,
    next: seededRandom(seed),
    figure: { name: target.name, cases: 0, perSecond: 0, baselinePerSecond: 0, crashes: 0, peakRssMb: 0 },
    parseMs: 0,
    baselineMs: 0,
  };
}

/**
 * Runs `cases` more mutated inputs; the baseline times JSON.parse on the same inputs. The runner
 * takes the targets in turns of a chunk each, so a campaign cut short has figures for all of them.
 */
export async function fuzzChunk(run: FuzzRun, cases: number): Promise<FuzzFigure> {
  const { target, figure } = run;
  for (let n = 0; n < cases; n++) {
    const input = mutate(target.seeds[figure.cases % target.seeds.length]!, run.next);
    let t0 = performance.now();
    try {
      const done = target.run(input);
      if (done) await done;
    } catch (error) {
      figure.crashes++;
      figure.firstCrash ??= `case ${figure.cases}: ${error instanceof Error ? error.message : String(error)}`;
    }
    run.parseMs += performance.now() - t0;
    t0 = performance.now();
    try {
      JSON.parse(input);
    } catch {
      // the baseline only times the parse
    }
    run.baselineMs += performance.now() - t0;
    figure.cases++;
    if (figure.cases % 50_000 === 0)
      figure.peakRssMb = Math.max(figure.peakRssMb, Math.round(process.memoryUsage().rss / 1048576));
  }
  figure.peakRssMb = Math.max(figure.peakRssMb, Math.round(process.memoryUsage().rss / 1048576));
  figure.perSecond = figure.cases / (run.parseMs / 1000);
  figure.baselinePerSecond = figure.cases / (run.baselineMs / 1000);
  return figure;
}

export function formatFuzz(f: FuzzFigure): string {
  return `${f.name.padEnd(18)} ${f.cases.toLocaleString('en')} cases, ${Math.round(f.perSecond).toLocaleString('en')}/s (JSON.parse of the same inputs: ${Math.round(f.baselinePerSecond).toLocaleString('en')}/s), ${f.crashes} crashes, peak RSS ${f.peakRssMb} MB${f.firstCrash ? `\n  first crash: ${f.firstCrash}` : ''}`;
}

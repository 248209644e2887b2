/**
 * Part `fuzz`: the targets of the mutation campaign against every parse boundary of the input
 * budget, the long version of the time-bounded property tests in the suite. Each parser gets
 * valid seeds (example patches, a performance, manifests, a ResourceList, request frames, the
 * protocol's test vectors) mutated by 1-4 seeded edits (a byte, a token, a cut, a copy, a wrap in
 * brackets up to thousands deep) and must never throw, never hang and keep memory bounded.
 *
 * Every case is a pure function of (seed, parser, case number), so the campaign can be split into
 * chunks run by any worker in any order (fuzz-campaign.ts), and one case is reproduced alone.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
      // Deep nesting, now and then very deep: the stack is what a hostile file goes for (20,000
      // levels overflow a recursive parser on Node's main-thread stack).
      const deep = next();
      const depth = deep < 0.001 ? 20_000 : deep < 0.005 ? 5000 : Math.floor(next() * 40);
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

/** The input of case `index` of target number `target`: the same on every run with the same seed. */
export function fuzzInput(target: FuzzTarget, targetIndex: number, seed: number, index: number): string {
  // One stream per case, seeded by a hash of the three numbers (murmur3's finaliser).
  let h = (seed ^ Math.imul(targetIndex + 1, 0x9e3779b1) ^ Math.imul(index, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return mutate(target.seeds[index % target.seeds.length]!, seededRandom(h));
}

/** Writes a case's input under .cache/bench/fuzz-cases/ for a repro; returns the file. */
export function keepInput(root: string, target: FuzzTarget, index: number | 'slowest', input: string): string {
  const dir = path.join(root, '.cache', 'bench', 'fuzz-cases');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${target.name.replace(/[^a-z0-9]+/gi, '-')}-${index}.txt`);
  writeFileSync(file, input);
  return file;
}

/**
 * `npm run bench` (through scripts/bench.mjs, which bundles this file with esbuild and calls
 * `main`). Not part of the tests. Three parts, all on the generated 300-module / 1,000-cable patch:
 *
 *   patch       writes it as .cache/bench/big-patch.k8spatch (and checks it loads back)
 *   throughput  Session op throughput next to the bare applyOp loop
 *   fps         builds the bare React Flow page and measures pan/zoom fps in Chromium, then the
 *               built app on the same patch, side by side; again at 1,000 modules / 3,000 cables
 *               (--fps-size 300|1000 for one size only; --app-url <url> measures the app at that
 *               URL instead, e.g. `k8s-synth serve`'s URL with the patch open)
 *
 * Part `sim` (tests/bench/sim.ts): simulator step cost, frame bytes, main's memory with a
 * client that never reads (--sim-seconds, default 60).
 *
 * Part `history` (tests/bench/history.ts): history ingest of 8 × 1 kHz knob streams
 * (--history-seconds, default 10; the goal is stated for 60) next to raw better-sqlite3 inserts,
 * seek in a 1,000,000-event performance, replay timing jitter.
 *
 * Part `synth` (tests/bench/synth.ts): the YAML mapping on a 1,000-module patch next to
 * the `yaml` package's own stringify/parse of the same documents.
 *
 * Part `hardware` (tests/bench/hardware.ts): virtual rack event → renderer DOM latency next to
 * the bare pty hop, and 4 links × 1 kHz knob streams (--hardware-seconds, default 60) with no event
 * lost, and the main process's CPU share.
 *
 * Part `fuzz` (tests/bench/fuzz.ts, fuzz-campaign.ts): a mutation campaign against every parse
 * boundary of the input budget on worker threads (--fuzz-cases per parser, default 10,000,000, or
 * until --fuzz-seconds; --fuzz-workers, default one per core; a case running --fuzz-hang-seconds,
 * default 60, is a hang; 0 crashes, 0 hangs and a bounded RSS expected).
 * Not in the default run: ask for it with --only fuzz.
 *
 * Part `audio` (tests/bench/audio.ts): offline render speed, voices before the first underrun and
 * event-to-sound latency on a PulseAudio null sink, each beside its bare baseline.
 *
 * Part `cluster` (tests/bench/cluster.ts, only with --only cluster): apply, diff and import against
 * a real control plane next to kubectl.
 *
 * Options: --only patch|throughput|fps|sim|history|synth|hardware|audio|cluster|fuzz (repeatable), --app-url <url>, --seconds <s> (fps probe
 * length, default 5), --seed <n>, --trace (fps: record Chromium traces and print where the main thread's time went).
 */
import { createReadStream } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadCatalog } from '../../main/catalog/load-catalog';
import type { Catalog } from '../../main/patch/catalog';
import { parsePatchFile, serializePatch } from '../../main/patch/file';
import type { Patch } from '../../main/patch/model';
import { generateBigPatch, toFlowGraph } from './big-patch';
import { startApp } from '../e2e/helpers/app';
import { formatFps, probeFps, type FpsResult } from './fps-probe';
import { formatTrace, summarizeTrace } from './trace-summary';
import { formatThroughput, runThroughput } from './throughput';
import { benchFrames, benchMemory, benchStep } from './sim';
import { runHistoryBench } from './history';
import { benchSynth } from './synth';
import { runHardwareBench } from './hardware';
import { runAudioBench } from './audio';
import { runClusterBench } from './cluster';
import { campaignWorkers, formatFuzz, projectedHours, runFuzzCampaign } from './fuzz-campaign';

const PARTS = ['patch', 'throughput', 'fps', 'sim', 'history', 'synth', 'hardware', 'audio', 'cluster', 'fuzz'] as const;
type Part = (typeof PARTS)[number];

export async function main({ root, argv }: { root: string; argv: string[] }): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string', multiple: true },
      'app-url': { type: 'string' },
      seconds: { type: 'string', default: '5' },
      // How long the sim part watches main's memory with a client that never reads
      'sim-seconds': { type: 'string', default: '60' },
      seed: { type: 'string', default: '24301' },
      // fps: also record a Chromium trace of each pan/zoom and say where the main thread's time went
      trace: { type: 'boolean', default: false },
      // How long the history ingest runs (the goal is stated for 60 s; 10 s keeps `npm run bench` short)
      'history-seconds': { type: 'string', default: '10' },
      // How long each 1 kHz knob stream runs (60 s, as the goal is stated; 10 is enough while developing)
      'hardware-seconds': { type: 'string', default: '60' },
      'fuzz-cases': { type: 'string', default: '10000000' },
      // The campaign stops handing out cases after this long (default: a day, i.e. until done)
      'fuzz-seconds': { type: 'string', default: '86400' },
      'fuzz-workers': { type: 'string' },
      'fuzz-hang-seconds': { type: 'string', default: '60' },
      // fps: only these sizes (module counts: 300, 1000); all when not given
      'fps-size': { type: 'string', multiple: true },
    },
  });
  // The fuzz campaign runs for many minutes, and `cluster` needs the built control plane
  // (scripts/control-plane.mjs build): each only when asked for.
  const only = (values.only ?? PARTS.filter((p) => p !== 'fuzz' && p !== 'cluster')) as Part[];
  for (const part of only)
    if (!PARTS.includes(part)) throw new Error(`bench: unknown part "${part}" (one of ${PARTS.join(', ')})`);
  const outDir = path.join(root, '.cache', 'bench');
  await mkdir(outDir, { recursive: true });

  const { catalog, errors } = await loadCatalog(path.join(root, 'resources'));
  for (const error of errors) console.warn(`bench: catalog: ${error}`);
  if (catalog.entries.length === 0) throw new Error('bench: the module catalog is empty (resources/modules/*.json)');

  const started = performance.now();
  const patch = generateBigPatch(catalog, { seed: Number(values.seed) });
  console.log(
    `patch: ${patch.modules.length} modules, ${patch.cables.length} cables in a ${patch.rack.rows} × ${patch.rack.hp} HP rack ` +
      `(generated in ${(performance.now() - started).toFixed(0)} ms, seed ${values.seed})`,
  );

  if (only.includes('patch')) {
    const file = path.join(outDir, 'big-patch.k8spatch');
    const text = serializePatch({ patch, unloaded: { modules: [], cables: [] } });
    const loaded = parsePatchFile(text, catalog);
    if (!loaded.ok || loaded.warnings.length || loaded.document.patch.cables.length !== patch.cables.length)
      throw new Error(
        `bench: the generated patch does not load back cleanly: ${loaded.ok ? loaded.warnings.join('; ') : loaded.error}`,
      );
    await writeFile(file, text);
    console.log(`patch: wrote ${path.relative(root, file)}`);
  }

  if (only.includes('throughput')) {
    console.log(`\nSession throughput (Node ${process.version}; best of 3 rounds of 1 s)`);
    console.log(formatThroughput(runThroughput(patch, catalog)));
  }

  if (only.includes('fps')) {
    const siteDir = path.join(outDir, 'bare-flow');
    await buildBareFlow(path.join(root, 'tests', 'bench', 'bare-flow'), siteDir);
    for (const size of FPS_SIZES) {
      if (values['fps-size'] && !values['fps-size'].includes(String(size.modules))) continue;
      // The default size is the patch above (part `patch` wrote it); the larger one is made here.
      const big =
        size.modules === patch.modules.length ? patch : generateBigPatch(catalog, { ...size, seed: Number(values.seed) });
      const file = path.join(outDir, `big-patch-${size.modules}.k8spatch`);
      await writeFile(file, serializePatch({ patch: big, unloaded: { modules: [], cables: [] } }));
      await benchFps({ root, outDir, siteDir, patch: big, file, catalog, values });
    }
  }

  // The simulated cluster (tests/bench/sim.ts).
  if (only.includes('sim')) {
    console.log('');
    for (const line of benchStep(catalog)) console.log(line);
    for (const line of benchFrames(catalog, root)) console.log(line);
    for (const line of await benchMemory(root, Number(values['sim-seconds']))) console.log(line);
  }
  if (only.includes('history')) await runHistoryBench(catalog, { seconds: Number(values['history-seconds']) });
  // The YAML mapping on a 1,000-module patch (tests/bench/synth.ts).
  if (only.includes('synth')) console.log(['', ...benchSynth(catalog)].join('\n'));
  if (only.includes('hardware')) await runHardwareBench(catalog, { seconds: Number(values['hardware-seconds']) });

  if (only.includes('audio')) await runAudioBench(catalog, root);
  // Real clusters: apply, diff and import against a real control plane, next to kubectl.
  if (only.includes('cluster')) await runClusterBench(catalog);

  if (only.includes('fuzz')) {
    const cases = Number(values['fuzz-cases']);
    const seconds = Number(values['fuzz-seconds']);
    const workers = Number(values['fuzz-workers'] ?? campaignWorkers());
    console.log(
      `\nFuzz campaign (${cases.toLocaleString('en')} mutated inputs per parser or ${seconds} s, seed ${values.seed}, ${workers} worker threads)`,
    );
    const started = performance.now();
    const figures = await runFuzzCampaign({
      root,
      catalog,
      seed: Number(values.seed),
      cases,
      seconds,
      workers,
      hangSeconds: Number(values['fuzz-hang-seconds']),
    });
    console.log(`\nFuzz campaign, final figures (${((performance.now() - started) / 60000).toFixed(1)} min):`);
    for (const figure of figures) console.log(formatFuzz(figure));
    console.log(
      `at these rates, ${cases.toLocaleString('en')} cases per parser take ${projectedHours(figures, cases, workers).toFixed(1)} h on ${workers} cores`,
    );
    const problems = figures.reduce((sum, f) => sum + f.crashes + f.hangs, 0);
    if (problems > 0) throw new Error(`bench: the fuzz campaign found ${problems} crashes or hangs`);
  }
}

/** The canvas sizes the pan/zoom fps is measured at: the default bench patch, and an imported app with its Pods. */
const FPS_SIZES = [
  { modules: 300, cables: 1000 },
  { modules: 1000, cables: 3000 },
];

interface FpsBench {
  root: string;
  outDir: string;
  siteDir: string;
  patch: Patch;
  /** The patch as a file, for the app to open. */
  file: string;
  catalog: Catalog;
  values: { seconds: string; 'app-url'?: string; trace: boolean };
}

/** Pan/zoom fps of the bare React Flow page and of the app, on the same modules and cables. */
async function benchFps({ root, outDir, siteDir, patch, file, catalog, values }: FpsBench): Promise<void> {
  const counts = `${patch.modules.length} modules / ${patch.cables.length} cables`;
  const graph = `graph-${patch.modules.length}.json`;
  await writeFile(path.join(siteDir, graph), JSON.stringify(toFlowGraph(patch, catalog)));
  const durationMs = Number(values.seconds) * 1000;
  const traceTo = (which: 'bare' | 'app') =>
    values.trace ? { tracePath: path.join(outDir, `trace-${which}-${patch.modules.length}.json`) } : {};
  const server = await serveStatic(siteDir);
  let bare: FpsResult;
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/?graph=${graph}`;
    console.log(`\nCanvas pan/zoom fps, ${counts} (Chromium headless, no GPU, ${values.seconds} s each)`);
    bare = await probeFps(url, { durationMs, minNodes: patch.modules.length, ...traceTo('bare') });
    console.log(formatFps('bare React Flow', bare));
  } finally {
    server.close();
  }
  // Without --app-url, run the built app itself on the same patch (the comparison needs both).
  const started = values['app-url'] ? undefined : await startApp({ args: [file] });
  const appUrl = values['app-url'] ?? started?.url;
  try {
    if (!appUrl) return;
    // Same counts as the baseline, or the comparison means nothing: the app must show the big patch.
    const app = await probeFps(appUrl, { durationMs, minNodes: patch.modules.length, ...traceTo('app') }).catch(
      (error: unknown) => {
        const why = `the app at ${appUrl} did not show ${patch.modules.length} modules: open ${path.relative(root, file)} in it first`;
        throw new Error(`bench: ${why}`, { cause: error });
      },
    );
    console.log(formatFps('app', app));
    const goal = patch.modules.length > 300 ? '≥ 0.80' : '≥ 0.95 fps, p95 frame ≤ 1.25×';
    console.log(
      `app / bare: ${(app.fps / bare.fps).toFixed(2)} (fps), ${(app.p95FrameMs / bare.p95FrameMs).toFixed(2)} (p95 frame)  goal: ${goal} bare`,
    );
    if (values.trace) {
      console.log(`where the main thread's time went (traces in ${path.relative(root, outDir)}/trace-*.json):`);
      for (const which of ['bare', 'app'] as const)
        console.log(formatTrace(which === 'bare' ? 'bare React Flow' : 'app', summarizeTrace(traceTo(which).tracePath!)));
    }
  } finally {
    await started?.stop();
  }
}

/** Builds the bare page with Vite's JS API (its own config: none of the app's vite.config.ts). */
async function buildBareFlow(root: string, outDir: string): Promise<void> {
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  await build({
    root,
    configFile: false,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, target: 'es2022' },
  });
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** A static file server on 127.0.0.1 and a free port, for the built page (fetch needs http). */
async function serveStatic(dir: string): Promise<Server> {
  const server = createServer((request, response) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      const file = path.join(dir, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
      if (!file.startsWith(dir + path.sep) || !(await stat(file).catch(() => null))?.isFile()) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(response);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

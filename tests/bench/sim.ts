/**
 * Bench part `sim`: the simulated cluster's costs, each next to a baseline measured in
 * the same run.
 *
 *   step    ms per simulation step for 10,000 Pods on 500 Nodes with 1,000 Services (goal < 2 ms),
 *           next to the floor: one plain pass over the same module records and signal buffers
 *   frames  bytes per second of `sim.frame` at 60 Hz (compact deltas) for hello-web and for the
 *           big patch, next to sending a full frame every time
 *   memory  the real `k8s-synth serve` running the big patch at 10×, RSS of the main process while
 *           a WebSocket client reads, then for `seconds` more with a second client that never reads
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { EventHub } from '../../main/api/event-hub';
import type { Catalog } from '../../main/patch/catalog';
import { applyOp } from '../../main/patch/apply';
import { parsePatchFile } from '../../main/patch/file';
import type { Module, Patch } from '../../main/patch/model';
import type { Op } from '../../main/patch/ops';
import { ManualClock } from '../../main/time/clock';
import { Session } from '../../main/session/session';
import { fullFrame } from '../../main/sim/core/frame';
import { Simulator } from '../../main/sim/core/simulator';
import { compileTopology } from '../../main/sim/core/topology';
import { HandTimer } from '../helpers/manual-timers';
import { SimService } from '../../main/sim/sim-service';
import { framesOf } from '../../preload/wire';
import { startApp } from '../e2e/helpers/app';

/** 10,000 Pods (one per Deployment slot, 1,667 Deployments), 500 Nodes, 1,000 Services, 250 Ingresses. */
export function clusterPatch(catalog: Catalog, pods = 10_000, nodes = 500, services = 1_000): Patch {
  const modules: Module[] = [];
  const cables: Patch['cables'] = [];
  const add = (id: string, type: string, params: Record<string, number> = {}) =>
    modules.push({ id, type, row: 0, hp: 0, params: { ...catalog.defaultParams(type), ...params }, data: {} });
  let c = 0;
  const cable = (from: string, to: string) => {
    const [fm, fj] = from.split('.') as [string, string];
    const [tm, tj] = to.split('.') as [string, string];
    cables.push({ id: `c${c++}`, from: { module: fm, jack: fj }, to: { module: tm, jack: tj }, color: '#3695ef' });
  };
  for (let n = 0; n < nodes; n++) add(`n${n}`, 'node', { capacity: 64000 });
  for (let s = 0; s < services; s++) add(`s${s}`, 'service');
  for (let i = 0; i < services / 4; i++) {
    add(`i${i}`, 'ingress', { rps: 200 });
    for (let r = 0; r < 4; r++) cable(`i${i}.route-${r + 1}`, `s${i * 4 + r}.req`);
  }
  const perNode = Math.ceil(pods / nodes);
  for (let p = 0; p < pods; p++) {
    const d = Math.floor(p / 6);
    const slot = (p % 6) + 1;
    if (slot === 1) add(`d${d}`, 'deployment', { replicas: 6 });
    add(`p${p}`, 'pod');
    cable(`d${d}.claim-${slot}`, `p${p}.life`);
    cable(`p${p}.ready`, `d${d}.ready-${slot}`);
    // Nodes take 16 channels each (SIGNALS.md); 20 per Node is past that, which the simulator accepts.
    cable(`p${p}.load`, `n${Math.floor(p / perNode)}.load`);
    const svc = p % services;
    cable(`p${p}.ready`, `s${svc}.select`);
    const channel = Math.floor(p / services);
    if (channel < 4) cable(`s${svc}.ep-${channel + 1}`, `p${p}.req`);
  }
  return { rack: { rows: 16, hp: 208 }, modules, cables };
}

function timeSteps(fn: () => void, steps: number): { mean: number; p95: number } {
  const times: number[] = [];
  for (let i = 0; i < steps; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { mean: times.reduce((a, b) => a + b, 0) / steps, p95: times[Math.floor(steps * 0.95)]! };
}

export function benchStep(catalog: Catalog): string[] {
  const patch = clusterPatch(catalog);
  const sim = new Simulator(patch, catalog, { seed: 1 });
  sim.advance(5000); // every Pod Ready, traffic flowing
  const ready = [...sim.states.pods.values()].filter((s) => s.phase === 'Ready').length;
  const steps = 500;
  const real = timeSteps(() => sim.step(), steps);
  // Baseline: the least a step can do, one visit per module record reading and writing its signals.
  const topo = compileTopology(patch, catalog);
  const cur = new Float64Array(topo.outKeys.length);
  const nxt = new Float64Array(topo.outKeys.length);
  const states = new Map(topo.moduleIds.map((id) => [id, { v: 0 }]));
  const floor = timeSteps(() => {
    for (const p of topo.pods) {
      const s = states.get(p.id)!;
      s.v += p.life.length ? cur[p.life[0]!]! : 0;
      nxt[p.ready] = s.v > 1 ? 10 : 0;
      nxt[p.load] = p.cpu / 1000;
    }
    for (const n of topo.nodes) {
      let sum = 0;
      for (const p of n.pods) sum += cur[topo.pods[p]!.load]!;
      nxt[n.util] = sum;
    }
    for (const s of topo.services) for (const x of s.select) states.get(s.id)!.v += cur[x]!;
    for (const d of topo.deployments) nxt[d.count] = states.get(d.id)!.v;
    cur.set(nxt);
  }, steps);
  const t = compileTopology;
  const compileMs = timeSteps(() => t(patch, catalog), 5).mean;
  const edits = rewireInPlace(catalog, patch, sim);
  return [
    `sim step: ${patch.modules.length} modules (${topo.pods.length} Pods, ${ready} Ready; ${topo.nodes.length} Nodes; ${topo.services.length} Services), ${patch.cables.length} cables, ${steps} steps`,
    `  simulator step        ${real.mean.toFixed(3)} ms mean, ${real.p95.toFixed(3)} ms p95   (goal < 2 ms)`,
    `  baseline: plain pass  ${floor.mean.toFixed(3)} ms mean, ${floor.p95.toFixed(3)} ms p95   (one visit per record: a state lookup by id, its signals read and written, no rules)`,
    `  re-wire on a patch edit, full compile (compileTopology): ${compileMs.toFixed(1)} ms (the baseline)`,
    ...edits.map(
      ([label, ms]) =>
        `  re-wire in place after ${label.padEnd(20)} ${ms.toFixed(2)} ms mean   full compile ${compileMs.toFixed(1)} ms   (goal < 5 ms)`,
    ),
  ];
}

/** Simulator.setPatch with the ops of one edit (the wiring updated in place), mean of 20 edits each. */
function rewireInPlace(catalog: Catalog, patch: Patch, sim: Simulator): [string, number][] {
  let current = patch;
  const apply = (op: Op) => {
    const result = applyOp(current, op, catalog);
    if (!result.ok) throw new Error(`bench: ${result.error.message}`);
    current = result.patch;
    return result.patch;
  };
  const time = (make: (i: number) => Op) => {
    let total = 0;
    for (let i = 0; i < 20; i++) {
      const op = make(i);
      const next = apply(op);
      const t = performance.now();
      sim.setPatch(next, [op]);
      total += performance.now() - t;
    }
    return total / 20;
  };
  const pod = (i: number) => `p${i * 97}`;
  return [
    ['a knob (Pod CPU)', time((i) => ({ type: 'set-param', id: pod(i), param: 'cpu', value: 100 + 10 * i }))],
    [
      'pulling a cable',
      time((i) => ({
        type: 'disconnect',
        id: current.cables.find((c) => c.from.module === pod(i) && c.from.jack === 'load')!.id,
      })),
    ],
    [
      'plugging a cable',
      time((i) => ({
        type: 'connect',
        cable: {
          id: `bench${i}`,
          // Pod p's READY feeds Service p % 1000 already; this adds the next Service (11 of 16 channels).
          from: { module: pod(i), jack: 'ready' },
          to: { module: `s${(i * 97 + 1) % 1000}`, jack: 'select' },
          color: '#3695ef',
        },
      })),
    ],
  ];
}

/** Frames the SimService sends over `seconds` of 60 Hz display, with bytes as JSON (what the WebSocket carries). */
function frameBytes(
  catalog: Catalog,
  patch: Patch,
  seconds: number,
  warmup: number,
): { delta: number; full: number; frames: number } {
  const clock = new ManualClock(0);
  const session = new Session(catalog, clock);
  session.load(patch, 'file');
  const hub = new EventHub();
  const timers = new HandTimer();
  const service = new SimService({ session, catalog, hub, clock, timers });
  let bytes = 0;
  let frames = 0;
  let fullBytes = 0;
  let counting = false;
  hub.on('sim.frame', (f) => {
    if (!counting) return;
    bytes += JSON.stringify({ type: 'event', name: 'sim.frame', payload: f }).length;
    frames++;
  });
  service.control('run');
  const run = (s: number, each?: () => void) => {
    for (let i = 0; i < s * 60; i++) {
      clock.advance(1000 / 60);
      timers.fire();
      each?.();
    }
  };
  run(warmup);
  counting = true;
  let sampled = 0;
  run(seconds, () => {
    if (sampled++ % 60 === 0)
      fullBytes += 60 * JSON.stringify({ type: 'event', name: 'sim.frame', payload: service.snapshot().frame }).length;
  });
  service.dispose();
  void fullFrame;
  return { delta: bytes / seconds, full: fullBytes / seconds, frames: frames / seconds };
}

export function benchFrames(catalog: Catalog, root: string): string[] {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB/s`;
  const lines = ['sim frames at 60 Hz (JSON bytes per second, after warm-up; deltas vs. a full frame every time)'];
  const hello = parsePatchFile(readFileSync(path.join(root, 'resources/examples/hello-web.k8spatch'), 'utf8'), catalog);
  if (hello.ok) {
    const r = frameBytes(catalog, hello.document.patch, 10, 8);
    lines.push(
      `  hello-web (converged, 10 req/s)   deltas ${kb(r.delta)} in ${r.frames.toFixed(0)} frames/s   baseline full frames ${kb(r.full)}`,
    );
  }
  const big = clusterPatch(catalog, 600, 30, 60);
  const r = frameBytes(catalog, big, 5, 5);
  lines.push(
    `  ${big.modules.length} modules, 600 Pods at 200 req/s/Ingress   deltas ${kb(r.delta)} in ${r.frames.toFixed(0)} frames/s   baseline full frames ${kb(r.full)}`,
  );
  return lines;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function connect(url: string): Promise<{ ws: WebSocket; request: (name: string, input: unknown) => Promise<unknown> }> {
  const u = new URL(url);
  const ws = new WebSocket(`ws://${u.host}/api?token=${u.searchParams.get('token')}`, { origin: `http://${u.host}` });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let id = 0;
  const waiting = new Map<number, (v: unknown) => void>();
  ws.on('message', (data) => {
    for (const frame of framesOf(JSON.parse(data.toString())) as { type: string; id?: number; result?: unknown }[])
      if (frame.type === 'response') waiting.get(frame.id!)?.(frame.result);
  });
  return {
    ws,
    request: (name, input) =>
      new Promise((resolve) => {
        waiting.set(++id, resolve);
        ws.send(JSON.stringify({ type: 'request', id, name, input }));
      }),
  };
}

/**
 * Main's V8 heap in use, as its last `[heap] <bytes>` line reports (printed by the probe below):
 * RSS alone hides whether growth is JavaScript objects (a leak) or the allocator keeping pages.
 */
function heapMb(output: string): number {
  const all = [...output.matchAll(/\[heap\] (\d+)/g)];
  return all.length ? Number(all.at(-1)![1]) / 1024 / 1024 : NaN;
}

/** Main's memory with a client that never reads. Needs the built app (`npm run build`). */
export async function benchMemory(root: string, seconds: number): Promise<string[]> {
  // The served process prints its heap each second through a preloaded probe (--require is allowed
  // in NODE_OPTIONS, --trace-gc is not); spawn copies the environment at that moment.
  const probe = path.join(root, '.cache/bench/heap-probe.cjs');
  // Main thread only: the app's worker threads load the probe too, and each has its own heap.
  writeFileSync(
    probe,
    "if (require('node:worker_threads').isMainThread)\n" +
      '  setInterval(() => process.stderr.write(`[heap] ${process.memoryUsage().heapUsed}\\n`), 1000).unref();\n',
  );
  const saved = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = `${saved ?? ''} --require ${probe}`.trim();
  const app = await startApp().finally(() => {
    if (saved === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = saved;
  });
  const pid = app.process.pid!;
  const lines: string[] = [];
  try {
    const reader = await connect(app.url);
    let received = 0;
    reader.ws.on('message', (d) => (received += (d as Buffer).length));
    const bigFile = path.join(root, '.cache/bench/big-patch.k8spatch');
    const file = existsSync(bigFile) ? bigFile : path.join(root, 'resources/examples/hello-web.k8spatch');
    await reader.request('file.open', { path: file });
    await reader.request('sim.control', { action: 'run', speed: 10 });
    const heaps: number[] = [];
    const sample = async (ms: number) => {
      await new Promise((r) => setTimeout(r, ms));
      heaps.push(heapMb(app.output()));
      return rssMb(pid);
    };
    await sample(5000);
    heaps.length = 0;
    // Baseline: the same length of time with only the reading client, so GC's own drift shows too.
    const every = Math.max(1, Math.round(seconds / 12));
    const base: number[] = [];
    for (let t = 0; t < seconds; t += every) base.push(await sample(every * 1000));
    const beforeReceived = received;
    const silent = await connect(app.url);
    // Stop reading the socket: the server's send buffer fills, as with a frozen tablet.
    (silent.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const series: number[] = [];
    for (let t = 0; t < seconds; t += every) series.push(await sample(every * 1000));
    const mb = (i: number) => `${heaps.at(i)!.toFixed(1)} MB`;
    lines.push(
      `sim memory: k8s-synth serve running ${path.relative(root, file)} at 10×, main process RSS`,
      `  baseline: one reading client, ${seconds} s (every ${every} s)    ${base.map((m) => m.toFixed(0)).join(' ')} MB (growth ${(base.at(-1)! - base[0]!).toFixed(1)} MB)`,
      `  + a client that never reads, ${seconds} s (every ${every} s) ${series.map((m) => m.toFixed(0)).join(' ')} MB`,
      `  growth over the silent run: ${(series.at(-1)! - series[0]!).toFixed(1)} MB; the reading client got ${((received - beforeReceived) / 1024 / seconds).toFixed(1)} KB/s meanwhile`,
      `  V8 heap used: baseline ${mb(0)} -> ${mb(base.length - 1)}, silent run ${mb(base.length)} -> ${mb(-1)}`,
    );
    silent.ws.terminate();
    reader.ws.close();
  } finally {
    await app.stop();
  }
  return lines;
}

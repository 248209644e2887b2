/**
 * The fuzz campaign's runner (part `fuzz`): worker threads (one per core by default) take chunks
 * of cases, the parser with the fewest cases handed out going first, so a campaign cut short by
 * --fuzz-seconds still has comparable figures for every parser. The runner watches for hangs
 * (a case running longer than --fuzz-hang-seconds), dead workers (an uncaught error, a stack or
 * heap limit) and the process's RSS; a hung or dead worker is replaced and the campaign goes on
 * from the next case. Each worker runs with the stack of Node's main thread, not a worker's
 * larger default, so a recursion that would overflow in the app overflows here too.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Catalog } from '../../main/patch/catalog';
import { fuzzInput, fuzzTargets, keepInput } from './fuzz';
import type { ChunkRequest, ChunkResult, CrashReport, WorkerSetup } from './fuzz-worker';

export interface CampaignOptions {
  root: string;
  catalog: Catalog;
  seed: number;
  /** Cases per parser. */
  cases: number;
  /** Stop handing out chunks after this long (the figures say what ran). */
  seconds: number;
  workers: number;
  hangSeconds: number;
}

export interface FuzzFigure {
  name: string;
  cases: number;
  parseMs: number;
  baselineCases: number;
  baselineMs: number;
  /** cases/s of each chunk: the median is steady even when the machine is busy for a while. */
  chunkRates: number[];
  crashes: number;
  hangs: number;
  /** The first few crashes and hangs, each with its case number (and where its input was kept). */
  problems: string[];
  slowest: { index: number; ms: number; bytes: number };
  heapMb: number;
  /** The process's peak RSS while this parser was running (workers share the process). */
  rssMb: number;
}

const MB = 1048576;
/** A chunk holds about this much work, so progress and scheduling stay fine-grained. */
const CHUNK_SECONDS = 5;
/** Each worker's heap limit: a parser that balloons on one input dies there as a finding. */
const WORKER_HEAP_MB = 1024;
/** Node's main-thread stack is about 984 KB; a worker's default is 4 MB. */
const WORKER_STACK_MB = 1;

const SHOWN_PROBLEMS = 10;

const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]! : 0);

export function campaignWorkers(): number {
  return Math.max(1, availableParallelism());
}

export async function runFuzzCampaign(options: CampaignOptions): Promise<FuzzFigure[]> {
  const { root, seed, cases } = options;
  const targets = fuzzTargets(root, options.catalog);
  const figures: FuzzFigure[] = targets.map((t) => ({
    name: t.name,
    cases: 0,
    parseMs: 0,
    baselineCases: 0,
    baselineMs: 0,
    chunkRates: [],
    crashes: 0,
    hangs: 0,
    problems: [],
    slowest: { index: 0, ms: 0, bytes: 0 },
    heapMb: 0,
    rssMb: 0,
  }));
  const handedOut = targets.map(() => 0);
  /** Cases that still have to be run again after a worker died in their chunk. */
  const leftovers: ChunkRequest[] = [];
  const deadline = performance.now() + options.seconds * 1000;
  const progress = new SharedArrayBuffer(options.workers * 2 * Float64Array.BYTES_PER_ELEMENT);
  const progressView = new Float64Array(progress);
  const workerFile = path.join(root, '.cache', 'bench', 'fuzz-worker.mjs');

  function nextChunk(): ChunkRequest | undefined {
    const left = leftovers.pop();
    if (left) return left;
    if (performance.now() > deadline) return undefined;
    let pick = -1;
    for (let t = 0; t < targets.length; t++)
      if (handedOut[t]! < cases && (pick < 0 || handedOut[t]! < handedOut[pick]!)) pick = t;
    if (pick < 0) return undefined;
    const rate = median(figures[pick]!.chunkRates) || 1000;
    const size = Math.max(200, Math.min(cases - handedOut[pick]!, Math.round(rate * CHUNK_SECONDS)));
    const from = handedOut[pick]!;
    handedOut[pick] = from + size;
    return { target: pick, from, to: from + size };
  }

  const note = (f: FuzzFigure, problem: string) => {
    if (f.problems.length < SHOWN_PROBLEMS) f.problems.push(problem);
  };

  function record(r: ChunkResult): void {
    const f = figures[r.target]!;
    f.cases += r.to - r.from;
    f.parseMs += r.parseMs;
    f.baselineCases += r.baselineCases;
    f.baselineMs += r.baselineMs;
    if (r.parseMs > 0) f.chunkRates.push((r.to - r.from) / (r.parseMs / 1000));
    if (r.slowest.ms > f.slowest.ms) f.slowest = r.slowest;
    f.heapMb = Math.max(f.heapMb, r.heapMb);
    f.rssMb = Math.max(f.rssMb, Math.round(process.memoryUsage.rss() / MB));
  }

  /** A case that killed or hung its worker: counted, kept for a repro, and the chunk goes on after it. */
  function lostCase(req: ChunkRequest, index: number, what: 'crash' | 'hang', message: string): void {
    const f = figures[req.target]!;
    const target = targets[req.target]!;
    f.cases += index - req.from + 1;
    if (what === 'hang') f.hangs++;
    else f.crashes++;
    const file = keepInput(root, target, index, fuzzInput(target, req.target, seed, index));
    note(f, `case ${index} (${what}): ${message}; input in ${path.relative(root, file)}`);
    if (index + 1 < req.to) leftovers.push({ target: req.target, from: index + 1, to: req.to });
  }

  let lastTick = Date.now();
  let resumedAt = 0;
  let lastReport = performance.now();
  const busy = new Map<number, ChunkRequest>();
  const ticker = setInterval(() => {
    const now = Date.now();
    // A tick far too late means this process was stopped or starved: no case is a hang for that.
    if (now - lastTick > 5000) resumedAt = now;
    lastTick = now;
    const rss = process.memoryUsage.rss() / MB;
    for (const req of busy.values()) figures[req.target]!.rssMb = Math.max(figures[req.target]!.rssMb, Math.round(rss));
    if (performance.now() - lastReport > 60_000) {
      lastReport = performance.now();
      console.log(`  … ${figures.map((f) => `${f.name} ${f.cases.toLocaleString('en')}`).join(', ')}`);
    }
  }, 1000);

  async function runSlot(slot: number): Promise<void> {
    for (;;) {
      const first = nextChunk();
      if (!first) return;
      const setup: WorkerSetup = { root, seed, progress, slot };
      const worker = new Worker(workerFile, {
        workerData: setup,
        resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, stackSizeMb: WORKER_STACK_MB },
      });
      // Runs chunks on this worker until the work runs out (resolve) or the worker is lost.
      await new Promise<void>((resolve, reject) => {
        let current: ChunkRequest | undefined = first;
        /** Whether a chunk is running: a worker still starting up is not on any case. */
        let running = false;
        let lost = false;
        const lose = (what: 'crash' | 'hang', message: string) => {
          if (lost || !current) return;
          lost = true;
          clearInterval(watch);
          busy.delete(slot);
          // A worker that dies before its first chunk is the campaign's own failure, not a finding.
          if (!running) return void reject(new Error(`bench: a fuzz worker did not start: ${message}`));
          lostCase(current, progressView[slot * 2]!, what, message);
          void worker.terminate().then(() => resolve());
        };
        const watch = setInterval(() => {
          if (!running || Date.now() - lastTick > 5000) return; // just resumed: the ticker has not seen it yet
          const started = Math.max(progressView[slot * 2 + 1]!, resumedAt);
          if (Date.now() - started > options.hangSeconds * 1000) lose('hang', `no answer for ${options.hangSeconds} s`);
        }, 1000);
        worker.on('message', (msg: 'ready' | ChunkResult | CrashReport) => {
          if (typeof msg === 'object' && 'crash' in msg) {
            const f = figures[msg.crash.target]!;
            f.crashes++;
            note(f, `case ${msg.crash.index}: ${msg.crash.message}`);
            return;
          }
          if (msg !== 'ready') {
            record(msg);
            current = nextChunk();
          }
          if (!current) {
            lost = true;
            clearInterval(watch);
            busy.delete(slot);
            void worker.terminate().then(() => resolve());
            return;
          }
          busy.set(slot, current);
          progressView[slot * 2] = current.from;
          progressView[slot * 2 + 1] = Date.now();
          running = true;
          worker.postMessage(current);
        });
        worker.on('error', (error) => lose('crash', `the worker died: ${error.message}`));
        worker.on('exit', (code) => lose('crash', `the worker exited with code ${code}`));
      });
    }
  }

  try {
    await Promise.all(Array.from({ length: options.workers }, (_, slot) => runSlot(slot)));
  } finally {
    clearInterval(ticker);
  }
  // Each parser's slowest input, to profile it alone.
  figures.forEach((f, t) => {
    if (f.cases > 0) keepInput(root, targets[t]!, 'slowest', fuzzInput(targets[t]!, t, seed, f.slowest.index));
  });
  return figures;
}

export function formatFuzz(f: FuzzFigure): string {
  const rate = median(f.chunkRates);
  const baseline = f.baselineMs > 0 ? f.baselineCases / (f.baselineMs / 1000) : 0;
  const n = (x: number) => Math.round(x).toLocaleString('en');
  return (
    `${f.name.padEnd(18)} ${n(f.cases)} cases, ${n(rate)}/s per worker (JSON.parse of the same inputs: ${n(baseline)}/s), ` +
    `${f.crashes} crashes, ${f.hangs} hangs, peak RSS ${f.rssMb} MB (worker heap ${f.heapMb} MB), ` +
    `slowest case ${f.slowest.ms.toFixed(1)} ms for ${n(f.slowest.bytes)} chars (case ${f.slowest.index})` +
    f.problems.map((p) => `\n  ${p}`).join('')
  );
}

/** Hours a campaign of `cases` per parser takes at the measured per-worker rates on `workers` idle cores. */
export function projectedHours(figures: FuzzFigure[], cases: number, workers: number): number {
  const seconds = figures.reduce((sum, f) => sum + cases / (median(f.chunkRates) || Infinity), 0);
  return seconds / workers / 3600;
}

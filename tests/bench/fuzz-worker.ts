/**
 * One worker thread of the fuzz campaign (bundled to .cache/bench/fuzz-worker.mjs by
 * scripts/bench.mjs). It builds the targets once, then runs the chunks the campaign sends it:
 * each case's input, the parser on it, and now and then JSON.parse of the same input (the
 * same-run baseline). Before each case it writes the case number and its start time into the
 * shared buffer, so the campaign can name the case a hang or a dead worker was on.
 */
import path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { loadCatalog } from '../../main/catalog/load-catalog';
import { fuzzInput, fuzzTargets, keepInput, type FuzzTarget } from './fuzz';

export interface WorkerSetup {
  root: string;
  seed: number;
  /** [case number, case start (ms since the epoch)] of each worker, indexed by `slot`. */
  progress: SharedArrayBuffer;
  slot: number;
}

export interface ChunkRequest {
  target: number;
  from: number;
  to: number;
}

/** Sent at once, so a crash is counted even when the worker is lost later in the same chunk. */
export interface CrashReport {
  crash: { target: number; index: number; message: string };
}

export interface ChunkResult {
  target: number;
  from: number;
  to: number;
  parseMs: number;
  baselineCases: number;
  baselineMs: number;
  /** The chunk's slowest case, timed again (best of 3) so a pause or a GC does not count. */
  slowest: { index: number; ms: number; bytes: number };
  heapMb: number;
}

/** JSON.parse is timed on one case in this many: enough for a steady figure, little overhead. */
const BASELINE_EVERY = 8;
/** Inputs of the first crashes of each target are kept for a repro. */
const KEPT_CRASHES = 5;

async function time(target: FuzzTarget, input: string): Promise<number> {
  const t0 = performance.now();
  const done = target.run(input);
  if (done) await done;
  return performance.now() - t0;
}

async function runChunk(
  targets: FuzzTarget[],
  setup: WorkerSetup,
  progress: Float64Array,
  kept: number[],
  req: ChunkRequest,
): Promise<ChunkResult> {
  const target = targets[req.target]!;
  const result: ChunkResult = {
    ...req,
    parseMs: 0,
    baselineCases: 0,
    baselineMs: 0,
    slowest: { index: req.from, ms: 0, bytes: 0 },
    heapMb: 0,
  };
  for (let index = req.from; index < req.to; index++) {
    const input = fuzzInput(target, req.target, setup.seed, index);
    progress[setup.slot * 2] = index;
    progress[setup.slot * 2 + 1] = Date.now();
    let ms: number;
    const t0 = performance.now();
    try {
      ms = await time(target, input);
    } catch (error) {
      ms = performance.now() - t0;
      const message = error instanceof Error ? error.message : String(error);
      parentPort!.postMessage({ crash: { target: req.target, index, message } } satisfies CrashReport);
      if ((kept[req.target] = (kept[req.target] ?? 0) + 1) <= KEPT_CRASHES) keepInput(setup.root, target, index, input);
    }
    result.parseMs += ms;
    if (ms > result.slowest.ms) result.slowest = { index, ms, bytes: input.length };
    if (index % BASELINE_EVERY === 0) {
      const t1 = performance.now();
      try {
        JSON.parse(input);
      } catch {
        // the baseline only times the parse
      }
      result.baselineMs += performance.now() - t1;
      result.baselineCases++;
    }
  }
  const slowInput = fuzzInput(target, req.target, setup.seed, result.slowest.index);
  let best = result.slowest.ms;
  progress[setup.slot * 2] = result.slowest.index;
  for (let i = 0; i < 3; i++) {
    progress[setup.slot * 2 + 1] = Date.now();
    best = Math.min(best, await time(target, slowInput).catch(() => best));
  }
  result.slowest.ms = best;
  result.heapMb = Math.round(getHeapStatistics().used_heap_size / 1048576);
  return result;
}

if (parentPort) {
  const port = parentPort;
  const setup = workerData as WorkerSetup;
  // Nearly every case is refused with an error (JSON.parse's SyntaxError, zod's, yaml's), and
  // capturing each one's stack trace took up to half of a case. No parser reads a stack, and a
  // stack overflow is still a RangeError: the campaign runs the same code paths, faster.
  Error.stackTraceLimit = 0;
  const progress = new Float64Array(setup.progress);
  const { catalog } = await loadCatalog(path.join(setup.root, 'resources'));
  const targets = fuzzTargets(setup.root, catalog);
  const kept: number[] = [];
  port.on('message', (req: ChunkRequest) => {
    void runChunk(targets, setup, progress, kept, req).then((result) => port.postMessage(result));
  });
  port.postMessage('ready');
}

/**
 * WAL checkpoints on a worker thread. SQLite's automatic checkpoint runs inside whichever commit
 * crosses 1,000 WAL pages, on the main thread, and copies and fsyncs pages for milliseconds:
 * measured here, it alone makes the 99.9th percentile of an op's acknowledgement 3 ms instead
 * of 0.2 ms. A worker with its own connection checkpoints instead (PASSIVE: it never blocks the
 * writer). Durability does not change: a commit is durable once it is in the WAL.
 *
 * Keeping the WAL small. SQLite rewinds the WAL (the next commit writes from its start again,
 * after one fsync of the new WAL header) only when a checkpoint has copied it up to its last
 * frame and no reader holds an older snapshot. No reader does here (the worker reads nothing;
 * every statement of the app is reset after its run), but a stream of ops appends frames during
 * every checkpoint, so a checkpoint every second never reached the end: 40,000 unpaced knob ops
 * grew the WAL to 512 MB. So:
 *
 * - past `rewindBytes` the worker checkpoints again at once instead of waiting `everyMs`: each
 *   pass has fewer frames to copy, until one ends inside a pause between ops (a 1 kHz knob
 *   stream leaves most of every millisecond free) and the next commit rewinds the WAL, with no
 *   checkpoint on the op path. Measured with 8 × 1 kHz knob streams: a rewind about every 0.5 s,
 *   the WAL under 17 MB. A writer that never pauses (the unpaced benchmark) gives no such
 *   moment: the main connection's own automatic checkpoint bounds the WAL at a larger size
 *   there (database.ts), with little left to copy since the worker keeps copying;
 * - when the app is quiet (the WAL copied to its end and no commit for `everyMs`) and the WAL
 *   file has grown past `rewindBytes`, the worker truncates it to nothing (TRUNCATE holds writers off
 *   for the truncation only, and only then).
 *
 * A reader in another process that keeps an old snapshot open starves every checkpoint (SQLite's
 * "checkpoint starvation"); the worker then waits `everyMs` between passes instead of spinning.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The worker, as source: it runs with `eval`, so the app's bundles need no extra entry file. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const rewindPages = Math.ceil(workerData.rewindBytes / db.pragma('page_size', { simple: true }));
const walFile = workerData.file + '-wal';
const walBytes = () => {
  try {
    return statSync(walFile).size;
  } catch {
    return 0;
  }
};
let timer;
let copied = -1;
/** The WAL's end when it was first seen copied to it, and when: the same end everyMs later means nobody committed. */
let still = { log: -1, since: 0 };
const checkpoint = () => {
  let again = false;
  try {
    const [{ log, checkpointed }] = db.pragma('wal_checkpoint(PASSIVE)');
    if (checkpointed !== log) still = { log: -1, since: 0 };
    else if (still.log !== log) still = { log, since: Date.now() };
    else if (Date.now() - still.since >= workerData.everyMs && walBytes() >= workerData.rewindBytes) {
      db.pragma('wal_checkpoint(TRUNCATE)');
      still = { log: -1, since: 0 };
    }
    // Over its size and not rewound: go on. (\`log\` is the WAL's end when this pass began, so
    // checkpointed === log does not mean that no frame came since.) Unless this pass copied
    // nothing: the app is quiet, or another process's reader holds an old snapshot; both wait.
    again = log >= rewindPages && checkpointed !== copied;
    copied = checkpointed;
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message) });
  }
  timer = again ? setImmediate(checkpoint) : setTimeout(checkpoint, workerData.everyMs);
};
timer = setTimeout(checkpoint, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearTimeout(timer);
  clearImmediate(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Stops the worker (after its current checkpoint); resolves once it has exited. */
  stop(): Promise<void>;
}

export interface CheckpointerOptions {
  /** Checkpoint this often while the WAL is small. */
  everyMs: number;
  /** Past this WAL size, checkpoint again at once until the WAL rewinds; truncate it when quiet. */
  rewindBytes: number;
  onError?: (message: string) => void;
}

/** Starts checkpointing `file`; undefined when no worker can start (then keep autocheckpoint on). */
export function startCheckpointer(file: string, options: CheckpointerOptions): Checkpointer | undefined {
  let worker: Worker;
  try {
    // Not the bare `require`: esbuild's ESM bundle turns it into a shim that throws.
    const here = createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file, everyMs: options.everyMs, rewindBytes: options.rewindBytes, module: here.resolve('better-sqlite3') },
    });
  } catch {
    return undefined;
  }
  worker.on('message', (m: { error?: string }) => m.error && options.onError?.(m.error));
  worker.on('error', (error) => options.onError?.(error.message));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  // The worker must never keep the app alive on exit. Last: adding a 'message' listener refs
  // the worker's port again, so an unref before it was undone (a failed start then never exited).
  worker.unref();
  return {
    stop() {
      // Held until it has exited: an unref'd worker would let a closing process end mid-wait.
      worker.ref();
      worker.postMessage('stop');
      return exited;
    },
  };
}

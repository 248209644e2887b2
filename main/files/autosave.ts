/**
 * Autosave, as VCV Rack does it: the working state (patch, file path, dirty flag) is written to
 * <dataDir>/autosave.json shortly after every change and restored on the next start, so a crash
 * or kill -9 loses at most the last debounce interval. The file is written atomically (temp file,
 * then rename), so a crash mid-write leaves the previous autosave whole. A damaged autosave is
 * renamed aside, never deleted; a data directory that cannot be written gives one notice and the
 * app keeps working in memory.
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import type { Catalog } from '../patch/catalog';
import { parsePatchFile, serializePatch } from '../patch/file';
import { INPUT_BUDGET, jsonTextDepthProblem, sizeProblem } from '../patch/input-budget';
import type { Session } from '../session/session';
import type { Clock } from '../time/clock';
import { Debounce } from '../time/debounce';
import type { TimerPort } from '../time/timers';
import type { Notice } from '../../preload/contract';
import { documentName, type DocumentService } from './document-service';
import { describeFsError } from './fs-errors';
import { decodeText, readRegularFile } from './read-bounded';

export const AUTOSAVE_FILE_NAME = 'autosave.json';
const AUTOSAVE_FORMAT = 'k8s-synth/autosave';

/** Quiet time after the last change before writing, and the longest a change waits in a storm. */
export const AUTOSAVE_DELAY_MS = 1_000;
export const AUTOSAVE_MAX_DELAY_MS = 15_000;

const AutosaveSchema = z.object({
  format: z.literal(AUTOSAVE_FORMAT),
  savedAt: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'a date'),
  path: z.string().min(1).nullable(),
  dirty: z.boolean(),
  /** The patch in the .k8spatch file format, so it loads through the same tolerant loader. */
  document: z.unknown(),
});

export interface AutosaveOptions {
  dataDir: string;
  session: Session;
  documents: DocumentService;
  notify: (notice: Notice) => void;
  delayMs?: number;
  maxDelayMs?: number;
  /** Wall-clock time for `savedAt` and the debounce (tests pass a manual clock). */
  clock: Clock;
  timers: TimerPort;
}

/** Writes the working state after changes; `flush()` writes a pending change at once. */
export class Autosave {
  private readonly debounce: Debounce;
  private writing: Promise<void> = Promise.resolve();
  private failing = false;
  private readonly disposers: (() => void)[] = [];

  constructor(private readonly options: AutosaveOptions) {
    // Debounced, but a steady stream of edits (a knob being turned) still saves every maxDelayMs.
    this.debounce = new Debounce(() => this.enqueueWrite(), {
      quietMs: options.delayMs ?? AUTOSAVE_DELAY_MS,
      maxWaitMs: options.maxDelayMs ?? AUTOSAVE_MAX_DELAY_MS,
      clock: options.clock,
      timers: options.timers,
    });
  }

  /** The autosave file's path. */
  get file(): string {
    return join(this.options.dataDir, AUTOSAVE_FILE_NAME);
  }

  /** Starts following patch and file changes. */
  start(): void {
    // File changes matter too: after a save the autosave must stop saying "dirty".
    this.disposers.push(this.options.session.subscribe(() => this.debounce.request()));
    this.disposers.push(this.options.documents.subscribe(() => this.debounce.request()));
  }

  /** Writes a pending change now (before exit); resolves once the file is on disk. */
  async flush(): Promise<void> {
    this.debounce.flush();
    await this.writing;
  }

  /** Stops following changes; a pending write is dropped (call flush first to keep it). */
  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
    this.debounce.dispose();
  }

  private enqueueWrite(): void {
    // Snapshot now, write in order: a slow disk never writes an older state over a newer one.
    // This runs in a timer: a state that cannot be serialised must not end the process. The last
    // good autosave stays on disk and the user is told once.
    let text: string;
    try {
      text = this.snapshot();
    } catch (error) {
      this.report(`the patch cannot be written (${error instanceof Error ? error.message : String(error)})`);
      return;
    }
    const tooLarge = sizeProblem(text.length, INPUT_BUDGET.patchBytes, 'The patch');
    if (tooLarge) return this.report(`${tooLarge} It could not be opened again`);
    this.writing = this.writing.then(() => this.write(text));
  }

  private report(reason: string): void {
    if (this.failing) return;
    this.failing = true;
    this.options.notify({
      level: 'warning',
      message: `Autosave is not working: ${reason}. The last autosave is kept; undo the last change or save to a file.`,
    });
  }

  private snapshot(): string {
    const state = this.options.documents.state();
    const document = JSON.parse(serializePatch(this.options.documents.document())) as unknown;
    return (
      JSON.stringify({
        format: AUTOSAVE_FORMAT,
        savedAt: new Date(this.options.clock.now()).toISOString(),
        path: state.path,
        dirty: state.dirty,
        document,
      }) + '\n'
    );
  }

  private async write(text: string): Promise<void> {
    try {
      await mkdir(this.options.dataDir, { recursive: true });
      await writeFileAtomic(this.file, text);
      this.failing = false;
    } catch (error) {
      if (this.failing) return;
      this.failing = true;
      this.options.notify({
        level: 'warning',
        message: `Autosave is not working: cannot write ${this.file} (${describeFsError(error)}). Your patch is safe while the app runs; save it to a file to keep it.`,
      });
    }
  }
}

export interface RestoreOptions {
  dataDir: string;
  catalog: Catalog;
  documents: DocumentService;
  notify: (notice: Notice) => void;
  now?: () => number;
}

export type RestoreResult = 'none' | 'restored' | 'corrupt';

/**
 * Brings back the working state of the last run. A dirty one is announced ("Recovered unsaved
 * changes to …"); an unreadable one is renamed aside to autosave.corrupt-<time>.json, announced,
 * and the app starts empty.
 */
export async function restoreAutosave(options: RestoreOptions): Promise<RestoreResult> {
  const file = join(options.dataDir, AUTOSAVE_FILE_NAME);
  // No file, or no data dir at all (a path part is a file): nothing to restore.
  if (!existsSync(file)) return 'none';
  // The bounded reader: something put there that is not a regular file (a FIFO) never blocks the start.
  const read = await readRegularFile(file, INPUT_BUDGET.patchBytes + 4096);
  if (!read.ok) return setAside(options, file, read.reason);
  const text = decodeText(read.bytes, AUTOSAVE_FILE_NAME).text;
  // The autosave wraps a patch file in one more level: it may nest one level deeper than a file.
  const overBudget =
    sizeProblem(text.length, INPUT_BUDGET.patchBytes + 4096, 'The autosave') ??
    jsonTextDepthProblem(text, INPUT_BUDGET.documentDepth + 1, 'The autosave');
  if (overBudget) return setAside(options, file, overBudget);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return setAside(options, file, 'it is not valid JSON');
  }
  const parsed = AutosaveSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return setAside(options, file, `${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}`);
  }
  const { savedAt, path, document } = parsed.data;
  const loaded = parsePatchFile(JSON.stringify(document), options.catalog);
  if (!loaded.ok) return setAside(options, file, loaded.error);
  // A clean state whose file has since vanished is unsaved work after all.
  const dirty = parsed.data.dirty || (path !== null && !existsSync(path));
  options.documents.restore(loaded.document, path, dirty);
  if (dirty) {
    options.notify({
      level: 'info',
      message: `Recovered unsaved changes to ${documentName(path)} from ${new Date(savedAt).toLocaleString()}.`,
    });
  }
  if (loaded.warnings.length) {
    options.notify({
      level: 'warning',
      message: `Some of the recovered patch could not be shown (it is kept and saved back):\n${loaded.warnings.join('\n')}`,
    });
  }
  return 'restored';
}

/**
 * Keeps a copy of the autosave beside it (autosave.previous-<time>.json), for when a file given on
 * the command line replaces recovered unsaved work. Returns the copy's path, or undefined if the
 * copy failed (then the caller must not discard the work).
 */
export async function keepAutosaveCopy(dataDir: string, now: () => number = Date.now): Promise<string | undefined> {
  const copy = join(dataDir, `autosave.previous-${stamp(now())}.json`);
  try {
    await copyFile(join(dataDir, AUTOSAVE_FILE_NAME), copy);
    return copy;
  } catch {
    return undefined;
  }
}

async function setAside(options: RestoreOptions, file: string, reason: string): Promise<RestoreResult> {
  const aside = join(options.dataDir, `autosave.corrupt-${stamp((options.now ?? Date.now)())}.json`);
  let where: string;
  try {
    await rename(file, aside);
    where = `It was kept as ${aside}.`;
  } catch (error) {
    where = `It could not be moved aside (${describeFsError(error)}) and stays at ${file}.`;
  }
  options.notify({
    level: 'warning',
    message: `The autosaved patch could not be restored (${reason}). ${where} Starting with an empty patch.`,
  });
  return 'corrupt';
}

/** A timestamp that is safe in file names on every OS (no colons). */
function stamp(time: number): string {
  return new Date(time).toISOString().replace(/[:.]/g, '-');
}

/**
 * The Session owns the one live patch. Every input (UI, YAML, hardware, cluster, replay, file)
 * becomes ops applied here; the Session validates them, bumps the version, keeps undo history for
 * the sources the user can undo, and tells every subscriber what changed. Nothing else mutates
 * the patch.
 */
import { applyOp } from '../patch/apply';
import type { Catalog } from '../patch/catalog';
import type { PatchError } from '../patch/errors';
import { emptyPatch, type Patch } from '../patch/model';
import { describeOp, UNDOABLE_SOURCES, type Op, type OpSource } from '../patch/ops';
import type { Clock } from './clock';
import { UndoHistory, type SessionHistory, type UndoEntry, type UndoState } from './undo';

export interface ApplyMeta {
  source: OpSource;
  /**
   * Ops sharing a gesture id merge into one undo step (a knob drag sends many set-param ops
   * while turning, so other views follow it live, and undoes in one go).
   */
  gesture?: string;
}

/** What subscribers receive: either ops to apply to their copy, or a whole new patch. */
export type PatchChange =
  | { kind: 'ops'; version: number; source: OpSource; time: number; ops: Op[] }
  | { kind: 'reset'; version: number; source: OpSource; time: number; patch: Patch };

export type SessionResult = { ok: true; version: number } | { ok: false; error: PatchError; version: number };

export type HistoryState = UndoState;

export interface SessionOptions {
  /**
   * Where applied changes and the undo stack live. Default: in memory. main/history/ passes its
   * SQLite store, which journals every change before subscribers hear of it (durability) and
   * keeps undo across restarts.
   */
  history?: SessionHistory;
}

export class Session {
  private current: Patch;
  private versionNumber = 0;
  private readonly listeners = new Set<(change: PatchChange) => void>();
  private readonly undo: SessionHistory;

  constructor(
    readonly catalog: Catalog,
    private readonly clock: Clock,
    initial: Patch = emptyPatch(),
    options: SessionOptions = {},
  ) {
    this.current = initial;
    this.undo = options.history ?? new UndoHistory();
    this.undo.loaded(initial, 'file', this.versionNumber, clock.now());
  }

  get patch(): Patch {
    return this.current;
  }

  get version(): number {
    return this.versionNumber;
  }

  /** Validates and applies one op (a batch applies all or nothing). */
  apply(op: Op, meta: ApplyMeta): SessionResult {
    const result = applyOp(this.current, op, this.catalog);
    if (!result.ok) return { ok: false, error: result.error, version: this.versionNumber };
    this.current = result.patch;
    const time = this.clock.now();
    this.versionNumber++;
    // Journaled before anyone hears of it: an op the user has seen is in the history.
    this.undo.applied({
      version: this.versionNumber,
      time,
      source: meta.source,
      ...(meta.gesture === undefined ? {} : { gesture: meta.gesture }),
      kind: 'edit',
      undoable: UNDOABLE_SOURCES.has(meta.source),
      op,
      inverse: result.inverse,
      label: describeOp(op),
    });
    this.emit({ kind: 'ops', version: this.versionNumber, source: meta.source, time, ops: [op] });
    return { ok: true, version: this.versionNumber };
  }

  /**
   * Replaces the whole patch (new, open, recover, replay start). A loaded patch is a new document
   * with an empty undo stack, unless a persistent history recognises it (restart) and resumes it.
   */
  load(patch: Patch, source: OpSource): number {
    this.current = patch;
    this.versionNumber++;
    const time = this.clock.now();
    // A persistent history may resume this patch's undo stack (same patch after a restart).
    this.undo.loaded(patch, source, this.versionNumber, time);
    this.emit({ kind: 'reset', version: this.versionNumber, source, time, patch });
    return this.versionNumber;
  }

  undoStep(): SessionResult {
    return this.step(this.undo.popUndo(), 'undo');
  }

  redoStep(): SessionResult {
    return this.step(this.undo.popRedo(), 'redo');
  }

  history(): HistoryState {
    return this.undo.state();
  }

  /**
   * The commit barrier: resolves once every op applied so far is durable in the history, or is
   * undefined when it already is. Subscribers in this process hear of an op at once (they die with
   * it); whatever tells the outside world (a request's reply, an event to a renderer) waits for this.
   */
  committed(): Promise<void> | undefined {
    return this.undo.committed?.();
  }

  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe(listener: (change: PatchChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private step(entry: UndoEntry | undefined, what: 'undo' | 'redo'): SessionResult {
    if (!entry) return { ok: false, error: { code: 'invalid-op', message: `Nothing to ${what}.` }, version: this.versionNumber };
    const result = applyOp(this.current, entry.op, this.catalog);
    // Undo entries only ever hold inverses of ops applied to this very patch, and hardware or
    // cluster ops in between can make one inapplicable (the physical cable was moved): say so.
    if (!result.ok)
      return {
        ok: false,
        error: { ...result.error, message: `Cannot ${what} "${entry.label}": ${result.error.message}` },
        version: this.versionNumber,
      };
    this.current = result.patch;
    const time = this.clock.now();
    this.versionNumber++;
    entry.done();
    this.undo.applied({
      version: this.versionNumber,
      time,
      source: 'ui',
      kind: what,
      undoable: false,
      op: entry.op,
      inverse: result.inverse,
      label: `${what} ${entry.label}`,
    });
    this.emit({ kind: 'ops', version: this.versionNumber, source: 'ui', time, ops: [entry.op] });
    return { ok: true, version: this.versionNumber };
  }

  private emit(change: PatchChange): void {
    for (const listener of this.listeners) listener(change);
  }
}

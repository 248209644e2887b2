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
import { describeOp, touchedIds, UNDOABLE_SOURCES, type Op, type OpSource } from '../patch/ops';
import type { Clock } from '../time/clock';
import { runMiddleware, type ApplyMiddleware, type ChangeKind } from './middleware';
import { UndoHistory, type SessionHistory, type UndoEntry, type UndoState } from './undo';

export interface ApplyMeta {
  source: OpSource;
  /**
   * Ops sharing a gesture id merge into one undo step (a knob drag sends many set-param ops
   * while turning, so other views follow it live, and undoes in one go). Subscribers get it back
   * on the change, so a view can tell its own gesture's echo from someone else's edit.
   */
  gesture?: string;
  /** 'restore' when a history version is brought back; default 'edit'. */
  kind?: Extract<ChangeKind, 'edit' | 'restore'>;
  /**
   * The Session version the op was made against (a YAML apply, the inspector's data edit, both
   * built from the renderer's copy). When the patch has moved on since, the op still applies if
   * nothing it changes was changed after that version; otherwise it is refused as 'stale-edit'.
   */
  baseVersion?: number;
}

/** What subscribers receive: either ops to apply to their copy, or a whole new patch. */
export type PatchChange =
  | { kind: 'ops'; version: number; source: OpSource; time: number; ops: Op[]; gesture?: string }
  | { kind: 'reset'; version: number; source: OpSource; time: number; patch: Patch };

export type SessionResult = { ok: true; version: number } | { ok: false; error: PatchError; version: number };

export type { UndoState };

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
  private readonly middleware: ApplyMiddleware[] = [];
  /** The version at which each module, cable (and 'rack') was last changed, since `loadedAt`. */
  private readonly changedAt = new Map<string, number>();
  /** The version of the last load: an op made against an older document is always stale. */
  private loadedAt = 0;

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

  /**
   * Adds a rule that every op passes before it is applied, from every source and also on undo,
   * redo and restore (see middleware.ts); returns the function that removes it.
   */
  use(middleware: ApplyMiddleware): () => void {
    this.middleware.push(middleware);
    return () => {
      const at = this.middleware.indexOf(middleware);
      if (at >= 0) this.middleware.splice(at, 1);
    };
  }

  /** Validates and applies one op (a batch applies all or nothing). */
  apply(op: Op, meta: ApplyMeta): SessionResult {
    if (meta.baseVersion !== undefined) {
      const stale = this.staleness(op, meta.baseVersion);
      if (stale) return { ok: false, error: { code: 'stale-edit', message: stale }, version: this.versionNumber };
    }
    const kind = meta.kind ?? 'edit';
    const verdict = runMiddleware(this.middleware, op, {
      patch: this.current,
      source: meta.source,
      kind,
      ...(meta.gesture === undefined ? {} : { gesture: meta.gesture }),
    });
    if (!verdict.ok) return { ok: false, error: verdict.error, version: this.versionNumber };
    if (verdict.op === null) {
      verdict.applied?.();
      return { ok: true, version: this.versionNumber };
    }
    const allowed = verdict.op;
    const result = applyOp(this.current, allowed, this.catalog);
    if (!result.ok) return { ok: false, error: result.error, version: this.versionNumber };
    this.commit(result.patch, allowed, result.inverse, {
      source: meta.source,
      gesture: meta.gesture,
      kind: 'edit',
      undoable: UNDOABLE_SOURCES.has(meta.source),
      label: describeOp(allowed),
    });
    verdict.applied?.();
    return { ok: true, version: this.versionNumber };
  }

  /**
   * Replaces the whole patch (new, open, recover, replay start). A loaded patch is a new document
   * with an empty undo stack, unless a persistent history recognises it (restart) and resumes it.
   */
  load(patch: Patch, source: OpSource): number {
    this.current = patch;
    this.versionNumber++;
    this.loadedAt = this.versionNumber;
    this.changedAt.clear();
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

  history(): UndoState {
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
    if (!entry)
      return {
        ok: false,
        error: { code: what === 'undo' ? 'nothing-to-undo' : 'nothing-to-redo', message: `Nothing to ${what}.` },
        version: this.versionNumber,
      };
    const verdict = runMiddleware(this.middleware, entry.op, { patch: this.current, source: 'ui', kind: what });
    if (!verdict.ok)
      return {
        ok: false,
        error: { ...verdict.error, message: `Cannot ${what} "${entry.label}": ${verdict.error.message}` },
        version: this.versionNumber,
      };
    // A rule may only let an undo step through whole or refuse it: a part of a step is no step.
    const result = applyOp(this.current, entry.op, this.catalog);
    // Undo entries only ever hold inverses of ops applied to this very patch, and hardware or
    // cluster ops in between can make one inapplicable (the physical cable was moved): say so.
    if (!result.ok)
      return {
        ok: false,
        error: { ...result.error, message: `Cannot ${what} "${entry.label}": ${result.error.message}` },
        version: this.versionNumber,
      };
    entry.done();
    this.commit(result.patch, entry.op, result.inverse, {
      source: 'ui',
      gesture: undefined,
      kind: what,
      undoable: false,
      label: `${what} ${entry.label}`,
    });
    verdict.applied?.();
    return { ok: true, version: this.versionNumber };
  }

  /** Makes an applied op the live patch: a new version, journaled, then told to subscribers. */
  private commit(
    patch: Patch,
    op: Op,
    inverse: Op,
    how: { source: OpSource; gesture: string | undefined; kind: 'edit' | 'undo' | 'redo'; undoable: boolean; label: string },
  ): void {
    this.current = patch;
    const time = this.clock.now();
    this.versionNumber++;
    for (const id of touchedIds(inverse, touchedIds(op))) this.changedAt.set(id, this.versionNumber);
    const gesture = how.gesture === undefined ? {} : { gesture: how.gesture };
    // Journaled before anyone hears of it: an op the user has seen is in the history.
    this.undo.applied({
      version: this.versionNumber,
      time,
      source: how.source,
      ...gesture,
      kind: how.kind,
      undoable: how.undoable,
      op,
      inverse,
      label: how.label,
    });
    this.emit({ kind: 'ops', version: this.versionNumber, source: how.source, time, ops: [op], ...gesture });
  }

  /** Why an op made against `base` may not apply now, or undefined when nothing it changes has moved since. */
  private staleness(op: Op, base: number): string | undefined {
    if (base >= this.versionNumber) return undefined;
    if (base < this.loadedAt)
      return 'The edit was made on a patch that has since been replaced (a file opened or a replay started); nothing was changed.';
    for (const id of touchedIds(op)) {
      const at = this.changedAt.get(id);
      if (at !== undefined && at > base)
        return `"${id}" changed after this edit was made (version ${base}, now ${this.versionNumber}); nothing was changed: look at it again and redo the edit.`;
    }
    return undefined;
  }

  private emit(change: PatchChange): void {
    for (const listener of this.listeners) listener(change);
  }
}

/**
 * Undo/redo over ops, behind one port (`SessionHistory`) so the Session stays free of I/O: the
 * in-memory `UndoHistory` here serves tests and runs without a database; main/history/ implements
 * the same port on SQLite, which makes undo persistent across restarts.
 *
 * Each step stores ops and their inverses (ids and data, never references, as VCV Rack's history
 * does). Undoable ops with the same gesture id are one step (a knob drag, a cable drag: the
 * CLAP gesture begin/end idea, carried as an id), also when other gestures interleave with it. A new edit after undo drops the redo
 * branch from the undo stack; a journal (the SQLite store) keeps it in the version history.
 */
import type { Patch } from '../patch/model';
import type { Op, OpSource } from '../patch/ops';

/** What the Session tells its history about one applied change. */
export interface AppliedChange {
  /** The Session version after this change. */
  version: number;
  time: number;
  source: OpSource;
  gesture?: string;
  /**
   * 'edit': an op from an input; it enters the undo stack when `undoable`.
   * 'undo' / 'redo': the Session applying a step; never pushed back onto the stack.
   */
  kind: 'edit' | 'undo' | 'redo';
  undoable: boolean;
  op: Op;
  inverse: Op;
  label: string;
}

/** One step the Session can take back (or forward): the op to apply and a commit callback. */
export interface UndoEntry {
  op: Op;
  label: string;
  /** Called once `op` has been applied to the live patch. */
  done: () => void;
}

export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
  undoLabel?: string;
  redoLabel?: string;
}

/**
 * The Session's history port. Every call is synchronous and happens before subscribers hear of
 * the change, so a journal that writes here has the change on disk before anyone sees it.
 */
export interface SessionHistory {
  /** Records an applied change (and, for undoable edits, the undo step). */
  applied(change: AppliedChange): void;
  /** The whole patch was replaced (new, open, recover, replay start): a new document. */
  loaded(patch: Patch, source: OpSource, version: number, time: number): void;
  popUndo(): UndoEntry | undefined;
  popRedo(): UndoEntry | undefined;
  state(): UndoState;
  /**
   * Resolves once every change recorded so far is on disk; undefined when it already is (or the
   * history is not durable). A store that commits once per tick (group commit) returns its tick's
   * commit here, and the transports wait for it before anything leaves the process.
   */
  committed?(): Promise<void> | undefined;
}

interface Step {
  label: string;
  gesture?: string;
  /** Forward ops in the order applied, and their inverses in the same order. */
  ops: Op[];
  inverses: Op[];
}

/** VCV Rack keeps 500 actions; the oldest drop off. */
const LIMIT = 500;
/** How far back a gesture id can still join its step: gestures that run at the same time. */
const MAX_OPEN_GESTURES = 64;

/** The undo op of a step: its inverses, last first, as one batch. */
export function undoOpOf(label: string, inverses: readonly Op[]): Op {
  return { type: 'batch', label: `undo ${label}`, ops: [...inverses].reverse() };
}

/** The redo op of a step: its ops in order, as one batch. */
export function redoOpOf(label: string, ops: readonly Op[]): Op {
  return { type: 'batch', label, ops: [...ops] };
}

/** In-memory undo history: the Session's default when no store is attached. */
export class UndoHistory implements SessionHistory {
  private done: Step[] = [];
  private undone: Step[] = [];

  applied(change: AppliedChange): void {
    if (change.kind === 'edit' && change.undoable)
      this.record({ op: change.op, inverse: change.inverse, label: change.label, gesture: change.gesture });
  }

  loaded(): void {
    this.clear();
  }

  record(entry: { op: Op; inverse: Op; label: string; gesture?: string }): void {
    this.undone = [];
    // A gesture may still be running while others start (several knobs at once): join its step.
    const open =
      entry.gesture === undefined ? undefined : this.done.slice(-MAX_OPEN_GESTURES).findLast((s) => s.gesture === entry.gesture);
    if (open) {
      open.ops.push(entry.op);
      open.inverses.push(entry.inverse);
      return;
    }
    this.done.push({ label: entry.label, gesture: entry.gesture, ops: [entry.op], inverses: [entry.inverse] });
    if (this.done.length > LIMIT) this.done.shift();
  }

  /** The op that undoes the last step; call `done` once it has been applied. */
  popUndo(): UndoEntry | undefined {
    const step = this.done.at(-1);
    if (!step) return undefined;
    return {
      op: undoOpOf(step.label, step.inverses),
      label: step.label,
      done: () => this.undone.push(this.done.pop()!),
    };
  }

  popRedo(): UndoEntry | undefined {
    const step = this.undone.at(-1);
    if (!step) return undefined;
    return {
      op: redoOpOf(step.label, step.ops),
      label: step.label,
      done: () => this.done.push(this.undone.pop()!),
    };
  }

  clear(): void {
    this.done = [];
    this.undone = [];
  }

  state(): UndoState {
    return {
      canUndo: this.done.length > 0,
      canRedo: this.undone.length > 0,
      undoLabel: this.done.at(-1)?.label,
      redoLabel: this.undone.at(-1)?.label,
    };
  }
}

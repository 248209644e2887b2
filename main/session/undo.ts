/**
 * In-memory undo/redo over ops. Each step stores the op and its inverse (ids and data, never
 * references, as VCV Rack's history does). Consecutive entries with the same gesture id are one
 * step. A new edit after undo drops the redo branch.
 */
import type { Op } from '../patch/ops';

interface Step {
  label: string;
  gesture?: string;
  /** Forward ops in the order applied, and their inverses in the same order. */
  ops: Op[];
  inverses: Op[];
}

/** VCV Rack keeps 500 actions; the oldest drop off. */
const LIMIT = 500;

export class UndoHistory {
  private done: Step[] = [];
  private undone: Step[] = [];

  record(entry: { op: Op; inverse: Op; label: string; gesture?: string }): void {
    this.undone = [];
    const last = this.done.at(-1);
    if (entry.gesture !== undefined && last?.gesture === entry.gesture) {
      last.ops.push(entry.op);
      last.inverses.push(entry.inverse);
      return;
    }
    this.done.push({ label: entry.label, gesture: entry.gesture, ops: [entry.op], inverses: [entry.inverse] });
    if (this.done.length > LIMIT) this.done.shift();
  }

  /** The op that undoes the last step; call `done` once it has been applied. */
  popUndo(): { op: Op; label: string; done: () => void } | undefined {
    const step = this.done.at(-1);
    if (!step) return undefined;
    return {
      op: { type: 'batch', label: `undo ${step.label}`, ops: [...step.inverses].reverse() },
      label: step.label,
      done: () => this.undone.push(this.done.pop()!),
    };
  }

  popRedo(): { op: Op; label: string; done: () => void } | undefined {
    const step = this.undone.at(-1);
    if (!step) return undefined;
    return {
      op: { type: 'batch', label: step.label, ops: [...step.ops] },
      label: step.label,
      done: () => this.done.push(this.undone.pop()!),
    };
  }

  clear(): void {
    this.done = [];
    this.undone = [];
  }

  state(): { canUndo: boolean; canRedo: boolean; undoLabel?: string; redoLabel?: string } {
    return {
      canUndo: this.done.length > 0,
      canRedo: this.undone.length > 0,
      undoLabel: this.done.at(-1)?.label,
      redoLabel: this.undone.at(-1)?.label,
    };
  }
}

/**
 * Apply middleware: rules that must hold for every change, whatever its source, run inside
 * `Session.apply` (and undo/redo) before the op touches the patch — as tldraw's
 * `StoreSideEffects.registerBeforeChangeHandler` and xyflow's change middleware do, never on one
 * request handler. The physical rack's rule (a cable between two physical jacks is made by hand,
 * physical modules stay in their slots) is one; what a live cluster allows will be another.
 *
 * A middleware sees the op and where it comes from, and answers with the op to apply (the same,
 * a smaller one, or null for "nothing in software"), optionally a callback for once it is applied,
 * or a refusal. Middleware run in the order they were added; each sees the previous one's op.
 */
import type { PatchError } from '../patch/errors';
import type { Patch } from '../patch/model';
import type { Op, OpSource } from '../patch/ops';

/**
 * Why the Session is applying an op:
 * - 'edit': an input made it (a screen edit, YAML, the rack, a cluster, a replay);
 * - 'restore': a history version brought back as new ops;
 * - 'undo' / 'redo': a step of the undo stack.
 */
export type ChangeKind = 'edit' | 'restore' | 'undo' | 'redo';

export interface ApplyContext {
  /** The patch before the op. */
  readonly patch: Patch;
  readonly source: OpSource;
  readonly kind: ChangeKind;
  readonly gesture?: string;
}

export type ApplyVerdict =
  /** Apply `op` (null: nothing to apply in software); `applied` runs once it has been applied. */
  { ok: true; op: Op | null; applied?: () => void } | { ok: false; error: PatchError };

export type ApplyMiddleware = (op: Op, context: ApplyContext) => ApplyVerdict;

/** Runs `middleware` in order; stops at the first refusal or when nothing is left to apply. */
export function runMiddleware(middleware: Iterable<ApplyMiddleware>, op: Op, context: ApplyContext): ApplyVerdict {
  let current: Op | null = op;
  const after: (() => void)[] = [];
  for (const rule of middleware) {
    if (current === null) break;
    const verdict = rule(current, context);
    if (!verdict.ok) return verdict;
    current = verdict.op;
    if (verdict.applied) after.push(verdict.applied);
  }
  return after.length === 0 ? { ok: true, op: current } : { ok: true, op: current, applied: () => after.forEach((f) => f()) };
}

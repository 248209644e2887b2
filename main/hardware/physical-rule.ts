/**
 * The physical rack's rule, as Session middleware so it holds for every change, not only for the
 * screen's `patch.apply`: software cannot plug or unplug a cable between two jacks of a mirrored
 * case, nor move or remove a physical module (main/hardware/README.md).
 *
 * - A screen or YAML edit is split (mirror/intercept.ts): its software part applies and its
 *   physical part waits as pending (ghost) edits for the performer's hands.
 * - A restore, an undo or a redo, or a change from a cluster, is one step that cannot be half
 *   done: if it needs hands on the rack it is refused, and the patch guide can lead there instead.
 * - The rack's own changes, and a replay (which plays into its own untitled patch), pass.
 */
import type { Op } from '../patch/ops';
import type { ApplyMiddleware } from '../session/middleware';
import type { Interception } from './mirror/intercept';
import type { PendingEdit } from './mirror/types';

export interface PhysicalRuleDeps {
  /** Splits an op into its software part, its physical part (fresh pending edits) and a refusal. */
  intercept(op: Op): Interception & { pending: PendingEdit[]; physical: number };
  /** Keeps pending edits once the software part has been applied. */
  keepPending(pending: PendingEdit[]): void;
}

export const NEEDS_HANDS =
  'it would plug or unplug a cable between physical jacks, which only hands on the rack can do (the Patch guide shows the way).';

export function physicalRackRule(deps: PhysicalRuleDeps): ApplyMiddleware {
  return (op, context) => {
    if (context.source === 'hardware' || context.source === 'replay') return { ok: true, op };
    const cut = deps.intercept(op);
    if (cut.error !== undefined) return { ok: false, error: { code: 'physical-rack', message: cut.error } };
    const screenEdit = context.kind === 'edit' && (context.source === 'ui' || context.source === 'yaml');
    if (!screenEdit) {
      if (cut.physical > 0) return { ok: false, error: { code: 'physical-rack', message: `Not applied: ${NEEDS_HANDS}` } };
      return { ok: true, op };
    }
    if (cut.pending.length === 0) return { ok: true, op: cut.op };
    const pending = cut.pending;
    return { ok: true, op: cut.op, applied: () => deps.keepPending(pending) };
  };
}

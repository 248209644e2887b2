/**
 * The FOLLOW module's ARM switch (resources/modules/follow.json): at SAFE, on the physical rack or
 * on screen, follow mode is disarmed at once and cannot be armed. A switch flipped on the rack
 * reaches the Session as a set-param op with source `hardware` (main/hardware/mirror). Pure.
 */
import type { Patch } from '../../patch/model';
import type { Op } from '../../patch/ops';

export const FOLLOW_TYPE = 'follow';
export const ARM_PARAM = 'arm';
export const SAFE = 0;

const flat = (ops: readonly Op[]): Op[] => ops.flatMap((op) => (op.type === 'batch' ? flat(op.ops) : [op]));

/** Whether `ops` put a FOLLOW module's switch at SAFE (`patch` is the patch after them). */
export function flippedToSafe(ops: readonly Op[], patch: Patch): boolean {
  const follow = new Set(patch.modules.filter((m) => m.type === FOLLOW_TYPE).map((m) => m.id));
  return flat(ops).some((op) => op.type === 'set-param' && op.param === ARM_PARAM && op.value === SAFE && follow.has(op.id));
}

/** The FOLLOW modules whose switch is at SAFE: while there is one, follow mode is not armed. */
export const safeModules = (patch: Patch): string[] =>
  patch.modules.filter((m) => m.type === FOLLOW_TYPE && (m.params[ARM_PARAM] ?? SAFE) === SAFE).map((m) => m.id);

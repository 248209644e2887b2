/**
 * On-screen edits that touch the physical rack. Software cannot plug a real cable: a connect or
 * disconnect between two jacks of the same mirrored case is not applied but becomes a pending
 * (ghost) edit, lit on the rack, until the performer does it by hand. Moving or removing a
 * physical module on screen is refused. Knobs, names and colours apply as usual (a knob edit
 * then waits for pickup). A batch is split: its software part applies, its physical part waits.
 */
import type { Catalog } from '../../patch/catalog';
import type { Patch } from '../../patch/model';
import type { Op } from '../../patch/ops';
import { parsePhysicalCableId, parsePhysicalModuleId } from './module-map';
import { physicalJack } from './physical';
import type { PendingEdit } from './types';

export type PendingDraft = Omit<PendingEdit, 'id'>;

export interface Interception {
  /** What still applies in software (null: nothing). */
  op: Op | null;
  pending: PendingDraft[];
  /** Set when the op must be refused as a whole. */
  error?: string;
}

export interface InterceptContext {
  patch: Patch;
  catalog: Catalog;
  /** Whether a case is mirrored now (its cables are the hardware's to make). */
  mirrored(bridgeUid: string): boolean;
}

export const REMOVE_PHYSICAL =
  'This module is in the physical rack: take it out of the case to remove it (or turn the mirror off first).';
export const MOVE_PHYSICAL = 'This module sits in the physical rack: its place on screen is its slot in the case.';

export function interceptOp(op: Op, ctx: InterceptContext): Interception {
  const physicalModule = (id: string) => {
    const where = parsePhysicalModuleId(id);
    return where !== null && ctx.mirrored(where.bridgeUid);
  };
  switch (op.type) {
    case 'remove-module':
      return physicalModule(op.id) ? refuse(REMOVE_PHYSICAL) : pass(op);
    case 'move-module': {
      const m = ctx.patch.modules.find((x) => x.id === op.id);
      const moved = m && (m.row !== op.row || m.hp !== op.hp);
      return physicalModule(op.id) && moved ? refuse(MOVE_PHYSICAL) : pass(op);
    }
    case 'connect': {
      const from = physicalJack(ctx.patch, ctx.catalog, op.cable.from);
      const to = physicalJack(ctx.patch, ctx.catalog, op.cable.to);
      if (!from || !to || from.bridgeUid !== to.bridgeUid || !ctx.mirrored(from.bridgeUid)) return pass(op);
      return { op: null, pending: [{ action: 'plug', from: op.cable.from, to: op.cable.to, color: op.cable.color }] };
    }
    case 'disconnect': {
      const where = parsePhysicalCableId(op.id);
      const cable = ctx.patch.cables.find((c) => c.id === op.id);
      if (!where || !cable || !ctx.mirrored(where.bridgeUid)) return pass(op);
      return { op: null, pending: [{ action: 'unplug', from: cable.from, to: cable.to, color: cable.color }] };
    }
    case 'batch':
      return interceptBatch(op, ctx);
    default:
      return pass(op);
  }
}

function interceptBatch(op: Extract<Op, { type: 'batch' }>, ctx: InterceptContext): Interception {
  const ops: Op[] = [];
  const pending: PendingDraft[] = [];
  for (const child of op.ops) {
    const part = interceptOp(child, ctx);
    if (part.error !== undefined) return part;
    if (part.op) ops.push(part.op);
    pending.push(...part.pending);
  }
  if (pending.length === 0) return pass(op);
  const rest: Op | null = ops.length === 0 ? null : { ...op, ops };
  return { op: rest, pending };
}

const pass = (op: Op): Interception => ({ op, pending: [] });
const refuse = (error: string): Interception => ({ op: null, pending: [], error });

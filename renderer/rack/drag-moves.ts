/**
 * Turning a multi-module drag into move ops. Main applies a batch op by op and checks each
 * placement against the modules as they stand at that point, so when several modules move
 * together (a group shifted right by 4 HP) each one must go after the one that was in its way.
 * Pure.
 */
import type { Catalog } from '../../main/patch/catalog';
import { overlapping } from '../../main/patch/layout';
import type { Patch } from '../../main/patch/model';
import type { Op } from '../../main/patch/ops';

export interface Move {
  id: string;
  row: number;
  hp: number;
}

/**
 * The moves that change something, ordered so that each lands in a place already vacated.
 * Moves that cannot be ordered (two modules swapping places) keep their order at the end; main
 * then refuses the batch with an overlap reason, and every module stays where it was.
 */
export function orderMoves(patch: Patch, catalog: Catalog, moves: readonly Move[]): Op[] {
  const byId = new Map(patch.modules.map((m) => [m.id, m]));
  let pending = moves.filter((mv) => {
    const m = byId.get(mv.id);
    return m !== undefined && (m.row !== mv.row || m.hp !== mv.hp);
  });
  let view = patch;
  const ops: Op[] = [];
  while (pending.length > 0) {
    const next = pending.find((mv) => {
      const m = byId.get(mv.id)!;
      return overlapping(view, catalog, mv, catalog.get(m.type)?.hp ?? 0, mv.id) === undefined;
    });
    if (!next) break;
    view = { ...view, modules: view.modules.map((m) => (m.id === next.id ? { ...m, row: next.row, hp: next.hp } : m)) };
    ops.push({ type: 'move-module', id: next.id, row: next.row, hp: next.hp });
    pending = pending.filter((mv) => mv !== next);
  }
  for (const mv of pending) ops.push({ type: 'move-module', id: mv.id, row: mv.row, hp: mv.hp });
  return ops;
}

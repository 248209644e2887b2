/** Where modules may sit: inside the rack, on whole HP, never overlapping. */
import type { Catalog } from './catalog';
import { MAX_RACK_ROWS, type Patch, type RackSize } from './model';

export interface Slot {
  row: number;
  hp: number;
}

/** The module that overlaps [hp, hp + width) in a row, ignoring `ignoreId`, if any. */
export function overlapping(patch: Patch, catalog: Catalog, slot: Slot, width: number, ignoreId?: string): string | undefined {
  for (const m of patch.modules) {
    if (m.id === ignoreId || m.row !== slot.row) continue;
    const w = catalog.get(m.type)?.hp ?? 0;
    if (slot.hp < m.hp + w && m.hp < slot.hp + width) return m.id;
  }
  return undefined;
}

export function insideRack(patch: Patch, slot: Slot, width: number): boolean {
  return slot.row >= 0 && slot.row < patch.rack.rows && slot.hp >= 0 && slot.hp + width <= patch.rack.hp;
}

/**
 * The free slot nearest to `near` (same row first, then the rows closest to it), or undefined when
 * the rack is full. Used to place a module dropped from the browser or pasted, and by imports that
 * add a thousand modules one after the other: so each row's taken HP are gathered once, and the
 * free stretches between them are searched instead of every HP against every module.
 */
export function nearestFreeSlot(
  patch: Patch,
  catalog: Catalog,
  width: number,
  near: Slot,
  ignoreIds: ReadonlySet<string> = new Set(),
): Slot | undefined {
  const last = patch.rack.hp - width;
  if (last < 0) return undefined;
  // Per row, the left edges a module of `width` may not take: [start - width + 1, end - 1] for each
  // module [start, end) (so a module of no known width still blocks the slots that straddle it).
  const blocked = new Map<number, [number, number][]>();
  for (const m of patch.modules) {
    if (ignoreIds.has(m.id) || m.row < 0 || m.row >= patch.rack.rows) continue;
    const from = m.hp - width + 1;
    const to = m.hp + (catalog.get(m.type)?.hp ?? 0) - 1;
    if (from > to) continue;
    const list = blocked.get(m.row);
    if (list) list.push([from, to]);
    else blocked.set(m.row, [[from, to]]);
  }
  const rows = [...Array(patch.rack.rows).keys()].sort((a, b) => Math.abs(a - near.row) - Math.abs(b - near.row) || a - b);
  for (const row of rows) {
    const hp = nearestFreeLeftEdge(
      (blocked.get(row) ?? []).sort((a, b) => a[0] - b[0]),
      last,
      near.hp,
    );
    if (hp !== undefined) return { row, hp };
  }
  return undefined;
}

/**
 * Growing the rack when it is full, for every placer (add and paste, the YAML builder, the
 * hardware mirror): tries `place` on the patch, then on it with one more row at a time, up to
 * MAX_RACK_ROWS, until it finds room. `grown` tells `place` that the rack had to grow; `rack` is
 * set when it did (send it as a set-rack op before the adds). Undefined: no room even then.
 */
export function placeGrowingRack<T>(
  patch: Patch,
  place: (view: Patch, grown: boolean) => T | undefined,
): { placed: T; rack?: RackSize } | undefined {
  for (let rows = patch.rack.rows; rows <= Math.max(patch.rack.rows, MAX_RACK_ROWS); rows++) {
    const grown = rows !== patch.rack.rows;
    const rack = grown ? { ...patch.rack, rows } : patch.rack;
    const placed = place(grown ? { ...patch, rack } : patch, grown);
    if (placed !== undefined) return grown ? { placed, rack } : { placed };
  }
  return undefined;
}

/** The left edge in [0, last], outside every (sorted) blocked range, nearest to `near`; the lower one on a tie. */
function nearestFreeLeftEdge(blocked: readonly [number, number][], last: number, near: number): number | undefined {
  let best: number | undefined;
  let free = 0; // the first left edge not yet known to be blocked
  const consider = (from: number, to: number) => {
    if (from > to) return;
    const hp = Math.min(Math.max(near, from), to);
    if (best === undefined || Math.abs(hp - near) < Math.abs(best - near)) best = hp;
  };
  for (const [from, to] of blocked) {
    consider(free, Math.min(from - 1, last));
    free = Math.max(free, to + 1);
    if (free > last) break;
  }
  consider(free, last);
  return best;
}

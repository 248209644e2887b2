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
 * the rack is full. Used to place a module dropped from the browser or pasted.
 */
export function nearestFreeSlot(
  patch: Patch,
  catalog: Catalog,
  width: number,
  near: Slot,
  ignoreIds: ReadonlySet<string> = new Set(),
): Slot | undefined {
  const rows = [...Array(patch.rack.rows).keys()].sort((a, b) => Math.abs(a - near.row) - Math.abs(b - near.row) || a - b);
  const view: Patch = ignoreIds.size ? { ...patch, modules: patch.modules.filter((m) => !ignoreIds.has(m.id)) } : patch;
  for (const row of rows) {
    let best: Slot | undefined;
    for (let hp = 0; hp + width <= patch.rack.hp; hp++) {
      const slot = { row, hp };
      if (overlapping(view, catalog, slot, width)) continue;
      if (!best || Math.abs(hp - near.hp) < Math.abs(best.hp - near.hp)) best = slot;
    }
    if (best) return best;
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

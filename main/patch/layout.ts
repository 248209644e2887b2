/** Where modules may sit: inside the rack, on whole HP, never overlapping. */
import type { Catalog } from './catalog';
import type { Patch } from './model';

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

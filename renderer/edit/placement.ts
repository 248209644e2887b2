/**
 * Where new modules go: free slots for one or several modules at once (add, paste, duplicate),
 * growing the rack by whole rows when it is full. Pure: patch and catalog in, slots out.
 */
import type { Result } from '../../main/patch/result';
import type { Catalog } from '../../main/patch/catalog';
import { insideRack, nearestFreeSlot, overlapping, placeGrowingRack, type Slot } from '../../main/patch/layout';
import { MAX_RACK_ROWS, type Patch, type RackSize } from '../../main/patch/model';

/** The most rows a rack may have (the patch model's limit; callers of placement read it here). */
export { MAX_RACK_ROWS };

/** A module to place: its type (for its width) and where it sat before (for keeping the layout). */
export interface PlaceItem {
  type: string;
  row: number;
  hp: number;
}

export type Placement =
  /** `rack` is set when the rack had to grow; send it as a set-rack op before the adds. */
  Result<{ slots: Slot[]; rack?: RackSize }>;

/**
 * Free slots for `items`, none overlapping the patch or each other. First tries to move the
 * group as one block (keeping the relative layout, as VCV Rack pastes a selection) to the spot
 * nearest `anchor` (default: where the items were); failing that, places each module at its own
 * nearest free slot; failing that, adds rows to the rack (up to MAX_RACK_ROWS) and tries again.
 */
export function placeModules(patch: Patch, catalog: Catalog, items: readonly PlaceItem[], anchor?: Slot): Placement {
  if (items.length === 0) return { ok: true, slots: [] };
  const widths = items.map((item) => catalog.get(item.type)?.hp);
  const missing = items.findIndex((_, i) => widths[i] === undefined);
  if (missing >= 0) return { ok: false, error: `There is no "${items[missing]!.type}" module in the catalog.` };
  const tooWide = widths.findIndex((w) => w! > patch.rack.hp);
  if (tooWide >= 0)
    return {
      ok: false,
      error: `${items[tooWide]!.type} is ${widths[tooWide]} HP wide; the rack rows are only ${patch.rack.hp} HP.`,
    };

  const grown = placeGrowingRack(
    patch,
    (view) =>
      placeAsBlock(view, catalog, items, widths as number[], anchor) ??
      placeOneByOne(view, catalog, items, widths as number[], anchor),
  );
  if (grown) return grown.rack ? { ok: true, slots: grown.placed, rack: grown.rack } : { ok: true, slots: grown.placed };
  return {
    ok: false,
    error: `The rack is full: ${MAX_RACK_ROWS} rows is the most it can have. Remove or move modules to make room.`,
  };
}

/** The block translation nearest the anchor where every item fits, or undefined. */
function placeAsBlock(
  patch: Patch,
  catalog: Catalog,
  items: readonly PlaceItem[],
  widths: number[],
  anchor?: Slot,
): Slot[] | undefined {
  const originRow = Math.min(...items.map((i) => i.row));
  const originHp = Math.min(...items.map((i) => i.hp));
  const target = anchor ?? { row: originRow, hp: originHp };
  const offsets = items.map((i) => ({ row: i.row - originRow, hp: i.hp - originHp }));
  // Items that overlap each other (only possible with hand-edited clipboard text) cannot move as a block.
  if (selfOverlap(offsets, widths)) return undefined;
  let best: { slots: Slot[]; cost: number } | undefined;
  for (let row = 0; row < patch.rack.rows; row++) {
    for (let hp = 0; hp < patch.rack.hp; hp++) {
      // Rows away cost more than HP away: a paste should land in the same row when it can.
      const cost = Math.abs(row - target.row) * 1000 + Math.abs(hp - target.hp) * 2 + (hp < target.hp ? 1 : 0);
      if (best && cost >= best.cost) continue;
      const slots = offsets.map((o) => ({ row: row + o.row, hp: hp + o.hp }));
      const fits = slots.every(
        (slot, i) => insideRack(patch, slot, widths[i]!) && !overlapping(patch, catalog, slot, widths[i]!),
      );
      if (fits) best = { slots, cost };
    }
  }
  return best?.slots;
}

/** Each item at its own nearest free slot, reserving each slot before placing the next. */
function placeOneByOne(
  patch: Patch,
  catalog: Catalog,
  items: readonly PlaceItem[],
  widths: number[],
  anchor?: Slot,
): Slot[] | undefined {
  let view = patch;
  const slots: Slot[] = [];
  for (const [i, item] of items.entries()) {
    const slot = nearestFreeSlot(view, catalog, widths[i]!, anchor ?? item);
    if (!slot) return undefined;
    slots.push(slot);
    // A placeholder module keeps later items off this slot; its id cannot clash with real ids.
    view = {
      ...view,
      modules: [...view.modules, { id: `\u0000placed-${i}`, type: item.type, row: slot.row, hp: slot.hp, params: {}, data: {} }],
    };
  }
  return slots;
}

function selfOverlap(offsets: Slot[], widths: number[]): boolean {
  return offsets.some((a, i) =>
    offsets.some((b, j) => j > i && a.row === b.row && a.hp < b.hp + widths[j]! && b.hp < a.hp + widths[i]!),
  );
}

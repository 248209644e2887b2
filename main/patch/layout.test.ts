import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testCatalog } from '../../tests/helpers/catalog';
import type { Catalog } from './catalog';
import { nearestFreeSlot, overlapping, type Slot } from './layout';
import type { Patch } from './model';

const catalog = testCatalog();
const types = [...catalog.entries.map((e) => e.type), 'unknown-type'];

/** The plain definition: every HP of every row tried against every module, nearest first. */
function reference(patch: Patch, cat: Catalog, width: number, near: Slot, ignoreIds: ReadonlySet<string>): Slot | undefined {
  const rows = [...Array(patch.rack.rows).keys()].sort((a, b) => Math.abs(a - near.row) - Math.abs(b - near.row) || a - b);
  const view: Patch = { ...patch, modules: patch.modules.filter((m) => !ignoreIds.has(m.id)) };
  for (const row of rows) {
    let best: Slot | undefined;
    for (let hp = 0; hp + width <= patch.rack.hp; hp++) {
      if (overlapping(view, cat, { row, hp }, width)) continue;
      if (!best || Math.abs(hp - near.hp) < Math.abs(best.hp - near.hp)) best = { row, hp };
    }
    if (best) return best;
  }
  return undefined;
}

const patchArb = fc
  .record({
    rows: fc.integer({ min: 1, max: 5 }),
    hp: fc.integer({ min: 8, max: 48 }),
    modules: fc.array(
      fc.record({ type: fc.constantFrom(...types), row: fc.integer({ min: 0, max: 6 }), hp: fc.integer({ min: 0, max: 50 }) }),
      { maxLength: 25 },
    ),
  })
  .map(({ rows, hp, modules }): Patch => ({
    rack: { rows, hp },
    modules: modules.map((m, i) => ({ ...m, id: `m${i}`, params: {}, data: {} })),
    cables: [],
  }));

describe('nearestFreeSlot', () => {
  it('finds the same slot as trying every HP against every module (property)', () => {
    fc.assert(
      fc.property(
        patchArb,
        fc.integer({ min: 0, max: 14 }),
        fc.record({ row: fc.integer({ min: -2, max: 7 }), hp: fc.integer({ min: -5, max: 55 }) }),
        fc.array(fc.integer({ min: 0, max: 24 }), { maxLength: 4 }),
        (patch, width, near, ignored) => {
          const ignoreIds = new Set(ignored.map((i) => `m${i}`));
          expect(nearestFreeSlot(patch, catalog, width, near, ignoreIds)).toEqual(
            reference(patch, catalog, width, near, ignoreIds),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('puts the module after a thousand others in the first free HP of the first row with room', () => {
    const modules = Array.from({ length: 1000 }, (_, i) => ({
      id: `m${i}`,
      type: 'src',
      row: Math.floor(i / 69),
      hp: (i % 69) * 6,
      params: {},
      data: {},
    }));
    const patch: Patch = { rack: { rows: 64, hp: 416 }, modules, cables: [] };
    expect(nearestFreeSlot(patch, catalog, 6, { row: 0, hp: 0 })).toEqual({ row: 14, hp: 204 });
    expect(nearestFreeSlot(patch, catalog, 6, { row: 0, hp: 0 })).toEqual(
      reference(patch, catalog, 6, { row: 0, hp: 0 }, new Set()),
    );
  });
});

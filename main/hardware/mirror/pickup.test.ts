import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moduleCatalog } from '../../../tests/helpers/module-catalog';
import type { KnobDef } from '../../patch/catalog';
import { caseFixture, FIXTURE_UID as UID } from './case-fixture';
import { knobValueFromWire, knobValueToWire } from './module-map';
import { knobPickups, knobTakeover } from './pickup';
import { syncCase } from './sync';
import { applyOp } from '../../patch/apply';
import { emptyPatch } from '../../patch/model';
import { batch } from '../../patch/ops';

const catalog = moduleCatalog();
const cpu = catalog.param('pod', 'cpu') as KnobDef;
const wire = (v: number) => knobValueToWire(cpu, v);

describe('knobTakeover', () => {
  it('follows the knob once picked up, and waits until it crosses the screen value otherwise', () => {
    expect(knobTakeover(cpu, 1000, wire(1000), wire(1200))).toBe(1200);
    expect(knobTakeover(cpu, 3000, wire(1000), wire(2000))).toBeUndefined();
    expect(knobTakeover(cpu, 3000, wire(2000), wire(3100))).toBe(3100);
    expect(knobTakeover(cpu, 3000, wire(3500), wire(2900))).toBe(2900);
    // A knob never seen before does not take over from a different screen value.
    expect(knobTakeover(cpu, 3000, undefined, wire(1000))).toBeUndefined();
  });

  it('property: the screen value never jumps: a takeover lands between the two knob positions', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.nat(65535), fc.nat(65535), (screen10, a, b) => {
        const screen = screen10 * 10;
        const value = knobTakeover(cpu, screen, a, b);
        if (value === undefined) return;
        const lo = Math.min(knobValueFromWire(cpu, a), screen);
        const hi = Math.max(knobValueFromWire(cpu, a), screen);
        // Picked up (prev == screen) or crossed: the new value is the knob's, and the screen value lay on the way.
        expect(value).toBe(knobValueFromWire(cpu, b));
        expect(screen >= Math.min(lo, value) - 10 && screen <= Math.max(hi, value) + 10).toBe(true);
      }),
    );
  });
});

describe('knobPickups', () => {
  it('lists the physical knobs whose screen value differs from their position', () => {
    const state = caseFixture(catalog, [{ slot: 0, type: 'pod' }], { knobs: { '0/0': wire(1000) } });
    const { ops } = syncCase({ patch: emptyPatch(), catalog, bridgeUid: UID, row: 0, prev: undefined, next: state });
    const placed = applyOp(emptyPatch(), batch(ops), catalog);
    if (!placed.ok) throw new Error(placed.error.message);
    expect(knobPickups(placed.patch, catalog, [{ bridgeUid: UID, state }])).toEqual([]);
    const edited = applyOp(placed.patch, { type: 'set-param', id: `hw-${UID}-0`, param: 'cpu', value: 500 }, catalog);
    if (!edited.ok) throw new Error(edited.error.message);
    expect(knobPickups(edited.patch, catalog, [{ bridgeUid: UID, state }])).toEqual([
      { key: `hw-${UID}-0/cpu`, target: 500, physical: 1000 },
    ]);
  });
});

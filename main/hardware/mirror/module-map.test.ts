import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moduleCatalog } from '../../../tests/helpers/module-catalog';
import { IdSchema } from '../../patch/model';
import {
  defForTypeId,
  jackIdAt,
  jackIndexOf,
  knobs,
  knobValueFromWire,
  knobValueToWire,
  leds,
  parsePhysicalCableId,
  parsePhysicalModuleId,
  physicalCableId,
  physicalModuleId,
} from './module-map';

const catalog = moduleCatalog();
const uid = fc.stringMatching(/^[0-9a-f]{16}$/);
const slot = fc.integer({ min: 0, max: 207 });
const jack = fc.record({ slot, jack: fc.integer({ min: 0, max: 255 }) });

describe('module-map', () => {
  it('names physical modules and cables with valid patch ids that read back to the same case, slot and jacks', () => {
    fc.assert(
      fc.property(uid, slot, jack, jack, (bridgeUid, s, from, to) => {
        const moduleId = physicalModuleId(bridgeUid, s);
        const cableId = physicalCableId(bridgeUid, from, to);
        expect(IdSchema.safeParse(moduleId).success && IdSchema.safeParse(cableId).success).toBe(true);
        expect(parsePhysicalModuleId(moduleId)).toEqual({ bridgeUid, slot: s });
        expect(parsePhysicalCableId(cableId)).toEqual({ bridgeUid, from, to });
        expect(parsePhysicalModuleId(cableId)).toBeNull();
      }),
    );
    expect(parsePhysicalModuleId('pod-1')).toBeNull();
    expect(parsePhysicalModuleId('hw-XYZ-1')).toBeNull();
  });

  it('numbers every catalog jack on the wire and back, and gives every hardware module a distinct type id', () => {
    const hardware = catalog.entries.filter((e) => e.hardwareId !== undefined);
    expect(hardware.length).toBeGreaterThanOrEqual(7);
    expect(new Set(hardware.map((e) => e.hardwareId)).size).toBe(hardware.length);
    for (const def of hardware) {
      expect(defForTypeId(catalog, def.hardwareId!)?.type).toBe(def.type);
      for (const j of def.jacks) {
        const wire = jackIndexOf(def, j.id)!;
        expect(jackIdAt(def, wire.direction, wire.index)).toBe(j.id);
      }
      expect(leds(def)).toHaveLength(def.lights.reduce((n, l) => n + l.segments, 0));
    }
    expect(defForTypeId(catalog, 999)).toBeUndefined();
  });

  it('maps a knob position to its param monotonically, within range, and a param value back to the same value', () => {
    const all = catalog.entries.flatMap((def) => knobs(def));
    fc.assert(
      fc.property(
        fc.constantFrom(...all),
        fc.integer({ min: 0, max: 65535 }),
        fc.integer({ min: 0, max: 65535 }),
        (knob, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const vLo = knobValueFromWire(knob, lo);
          expect(vLo).toBeGreaterThanOrEqual(knob.min);
          expect(knobValueFromWire(knob, hi)).toBeLessThanOrEqual(knob.max);
          expect(knobValueFromWire(knob, hi)).toBeGreaterThanOrEqual(vLo);
          expect(knobValueFromWire(knob, knobValueToWire(knob, vLo))).toBeCloseTo(vLo, 9);
        },
      ),
    );
  });
});

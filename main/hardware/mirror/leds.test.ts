import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moduleCatalog } from '../../../tests/helpers/module-catalog';
import { caseFixture, FIXTURE_UID as UID, mirroredPatch } from './case-fixture';
import { ledCommands, ledLevel, moduleLedLevels } from './leds';
import { gateCommands, gateLevels } from './gates';

const catalog = moduleCatalog();
const patch = mirroredPatch(
  catalog,
  caseFixture(catalog, [
    { slot: 0, type: 'pod' },
    { slot: 8, type: 'node' },
  ]),
);
const pod = `hw-${UID}-0`;
const node = `hw-${UID}-8`;

describe('LEDs from simulator frames', () => {
  it('fills a bargraph from the bottom and scales a plain light', () => {
    expect([0, 1, 2, 3].map((s) => ledLevel(0.3, s, 4))).toEqual([255, 51, 0, 0]);
    expect(ledLevel(0.5, 0, 1)).toBe(128);
  });

  it('sends each module once, then only the changed range', () => {
    const lights = { [`${pod}/ready-led`]: 1, [`${node}/util-led`]: 0.25 };
    const first = ledCommands(moduleLedLevels(patch, catalog, UID, lights), new Map());
    expect(first.commands).toEqual([
      { kind: 'set-leds', slot: 0, first: 0, levels: [255, 0, 0] },
      { kind: 'set-leds', slot: 8, first: 0, levels: [255, 255, 0, 0, 0, 0, 0, 0, 0] },
    ]);
    const again = ledCommands(moduleLedLevels(patch, catalog, UID, lights), first.sent);
    expect(again.commands).toEqual([]);
    const next = ledCommands(moduleLedLevels(patch, catalog, UID, { ...lights, [`${pod}/req-led`]: 1 }), first.sent);
    expect(next.commands).toEqual([{ kind: 'set-leds', slot: 0, first: 2, levels: [255] }]);
  });
});

describe('gate outputs from simulator voltages', () => {
  it('drives gate outputs only (not CV), high above the threshold, sending only changes', () => {
    const levels = gateLevels(patch, catalog, UID, { [`${pod}/ready`]: 10, [`${pod}/load`]: 10, [`${node}/cordoned`]: 0 });
    // Pod outputs: READY (gate, wire 0), LOAD (cv, not driven); Node: UTIL (cv), CORDONED (gate, wire 1).
    expect([...levels]).toEqual([
      ['0/0', 255],
      ['8/1', 0],
    ]);
    expect(gateCommands(levels, new Map())).toEqual([
      { kind: 'set-gate', slot: 0, jack: 0, level: 255, pulseMs: 0 },
      { kind: 'set-gate', slot: 8, jack: 1, level: 0, pulseMs: 0 },
    ]);
    expect(gateCommands(levels, levels)).toEqual([]);
  });
});

describe('LED diff (property)', () => {
  it('a rack that applies every command sent ends with exactly the current levels', () => {
    const levelsArb = fc.array(fc.array(fc.nat(255), { minLength: 60, maxLength: 60 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(levelsArb, (frames) => {
        const rack = new Map<number, number[]>();
        let sent = new Map<string, number[]>();
        for (const levels of frames) {
          const result = ledCommands(new Map([[`hw-${UID}-4`, levels]]), sent);
          for (const c of result.commands) {
            const leds = rack.get(c.slot) ?? [];
            c.levels.forEach((level, i) => (leds[c.first + i] = level));
            rack.set(c.slot, leds);
            expect(c.levels.length).toBeLessThanOrEqual(48);
          }
          sent = result.sent;
          expect(rack.get(4)).toEqual(levels);
        }
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holdIsOver, type KnobHold, type ParamSetBy } from './knob-hold';

const hold: KnobHold = { gesture: 'g-1', since: 10, sent: 7 };
const store = (value: number, setBy: ParamSetBy | undefined, reloadedAt = 0) => ({ value, setBy, reloadedAt });

describe('holdIsOver', () => {
  it('holds until the echo of the last value sent arrives', () => {
    expect(holdIsOver(hold, store(3, undefined))).toBe(false);
    expect(holdIsOver(hold, store(3, { gesture: 'g-0', version: 9 }))).toBe(false);
    expect(holdIsOver(hold, store(5, { gesture: 'g-1', version: 11 }))).toBe(false);
    expect(holdIsOver(hold, store(7, { gesture: 'g-1', version: 12 }))).toBe(true);
  });

  it('lets go when someone else changed the knob after the gesture began', () => {
    expect(holdIsOver(hold, store(2, { gesture: undefined, version: 11 }))).toBe(true);
    expect(holdIsOver(hold, store(2, { gesture: 'other', version: 11 }))).toBe(true);
  });

  it('lets go when the patch was reloaded after the gesture began', () => {
    expect(holdIsOver(hold, store(3, undefined, 11))).toBe(true);
    expect(holdIsOver(hold, store(3, undefined, 10))).toBe(false);
  });

  it('never lets go on an older echo of its own gesture in a fast turn', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: 30 }), (values) => {
        const last = values.at(-1)!;
        const turn: KnobHold = { gesture: 'g', since: 0, sent: last };
        // The echoes arrive in order, each a version later; only the last one ends the hold.
        const over = values.map((value, i) => holdIsOver(turn, store(value, { gesture: 'g', version: i + 1 })));
        expect(over).toEqual(values.map((_, i) => i === values.length - 1));
      }),
    );
  });
});

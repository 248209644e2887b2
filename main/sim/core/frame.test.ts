import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deltaFrame, fullFrame, isEmptyFrame, mergeFrames } from './frame';
import type { SimFrame, SimOutputs } from './types';

const header = { seq: 1, time: 0, running: true, speed: 1 };
const outputs = (lights: Record<string, number>, colors: Record<string, string> = {}): SimOutputs => ({
  lights,
  volts: {},
  colors,
  status: {},
});

/** What a client holds after applying frames in order (as the renderer does). */
function apply(frames: SimFrame[]): Record<string, number> {
  let held: Record<string, number> = {};
  for (const f of frames) held = f.full ? { ...f.lights } : { ...held, ...f.lights };
  return held;
}

describe('frames', () => {
  it('a delta carries only what changed, colours going back to default as null', () => {
    const d = deltaFrame(header, outputs({ a: 0, b: 1 }, { a: '#ff0000' }), outputs({ a: 0, b: 0.5 }));
    expect(d).toEqual({ ...header, full: false, lights: { b: 0.5 }, colors: { a: null } });
    expect(isEmptyFrame(deltaFrame(header, outputs({ a: 1 }), outputs({ a: 1 })))).toBe(true);
  });

  it('merging frames gives the client the same state as receiving them all', () => {
    const snapshot = fc.dictionary(
      fc.constantFrom('a', 'b', 'c', 'd'),
      fc.integer({ min: 0, max: 4 }).map((n) => n / 4),
    );
    fc.assert(
      fc.property(fc.array(snapshot, { minLength: 2, maxLength: 8 }), (snaps) => {
        // Every snapshot has every key, as the simulator's outputs do.
        const full = snaps.map((s) => ({ a: 0, b: 0, c: 0, d: 0, ...s }));
        const frames = [fullFrame(header, outputs(full[0]!))];
        for (let i = 1; i < full.length; i++) frames.push(deltaFrame(header, outputs(full[i - 1]!), outputs(full[i]!)));
        const merged = frames.slice(1).reduce(mergeFrames, frames[0]!);
        expect(apply([merged])).toEqual(apply(frames));
        expect(apply(frames)).toEqual(full.at(-1));
      }),
    );
  });
});

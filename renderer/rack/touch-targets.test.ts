import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moduleCatalog } from '../../tests/helpers/module-catalog';
import { MAX_ZOOM, MIN_ZOOM } from './geometry';
import { faceplates, targetsClear, TOUCH_TARGET_PX, touchSide, touchZoom, type Faceplate } from './touch-targets';

const plate = fc
  .record({
    width: fc.integer({ min: 60, max: 300 }),
    height: fc.constant(380),
  })
  .chain(({ width, height }) =>
    fc.record({
      width: fc.constant(width),
      height: fc.constant(height),
      targets: fc.array(
        fc.record({
          x: fc.double({ min: 1, max: width - 1, noNaN: true }),
          y: fc.double({ min: 1, max: height - 1, noNaN: true }),
          width: fc.integer({ min: 6, max: 40 }),
          height: fc.integer({ min: 6, max: 40 }),
          round: fc.boolean(),
        }),
        { minLength: 1, maxLength: 8 },
      ),
    }),
  ) satisfies fc.Arbitrary<Faceplate>;

describe('touch targets', () => {
  it('the real catalog: at touchZoom every control is at least 24 px on screen and no two touch areas meet', () => {
    const plates = faceplates(moduleCatalog());
    const zoom = touchZoom(plates);
    // The Controller's TICK/AUDIO/ACT jacks, 9.3 mm apart, set it: well above the ~0.5 that fits a rack in 1024 px.
    expect(zoom).toBeGreaterThan(0.8);
    expect(zoom).toBeLessThan(1);
    for (const p of plates) {
      expect(targetsClear(p, zoom)).toBe(true);
      for (const t of p.targets)
        expect(Math.min(touchSide(t.width, zoom), touchSide(t.height, zoom)) * zoom).toBeGreaterThanOrEqual(TOUCH_TARGET_PX);
    }
    expect(plates.every((p) => targetsClear(p, zoom - 0.01))).toBe(false);
  });

  it('any faceplate: touchZoom is the lowest zoom, to 0.01, at which the touch areas are clear', () => {
    fc.assert(
      fc.property(fc.array(plate, { minLength: 1, maxLength: 4 }), (plates) => {
        const zoom = touchZoom(plates);
        expect(zoom).toBeGreaterThanOrEqual(MIN_ZOOM);
        expect(zoom).toBeLessThanOrEqual(MAX_ZOOM);
        const clear = (z: number) => plates.every((p) => targetsClear(p, z));
        if (zoom < MAX_ZOOM) expect(clear(zoom)).toBe(true);
        if (zoom > MIN_ZOOM) expect(clear(zoom - 0.01)).toBe(false);
      }),
    );
  });

  it('a touch area is the drawn size, grown to 24 screen px', () => {
    expect(touchSide(20, 1)).toBe(24);
    expect(touchSide(20, 2)).toBe(20);
    expect(touchSide(30, 0.5) * 0.5).toBe(24);
    expect(touchZoom([{ width: 100, height: 380, targets: [] }])).toBe(1);
  });
});

import { getViewportForBounds } from '@xyflow/react';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FIT_PADDING, rackViewport, visibleRect } from './fit-rack';

const rect = fc.record({
  x: fc.constant(0),
  y: fc.constant(0),
  width: fc.integer({ min: 100, max: 5000 }),
  height: fc.integer({ min: 100, max: 3000 }),
});
const canvas = fc.record({ width: fc.integer({ min: 200, max: 2500 }), height: fc.integer({ min: 150, max: 1500 }) });

describe('fitting the rack', () => {
  it('centres the rack as React Flow does while it fits at or above the lowest zoom', () => {
    fc.assert(
      fc.property(rect, canvas, (bounds, size) => {
        const v = rackViewport(bounds, size, { min: 0.08, max: 4 });
        const fitted = getViewportForBounds(bounds, size.width, size.height, 0.08, 4, FIT_PADDING);
        if (fitted.zoom > 0.08) expect(v).toEqual(fitted);
      }),
    );
  });

  it('held at the lowest zoom (a touch screen): never below it, and an axis that does not fit starts at the rack’s edge', () => {
    fc.assert(
      fc.property(rect, canvas, fc.double({ min: 0.1, max: 2, noNaN: true }), (bounds, size, min) => {
        const v = rackViewport(bounds, size, { min, max: 4 });
        expect(v.zoom).toBeGreaterThanOrEqual(min);
        const seen = visibleRect(v, size);
        if (bounds.width * v.zoom > size.width) expect(seen.x).toBeLessThanOrEqual(bounds.x);
        if (bounds.width * v.zoom > size.width) expect(bounds.x - seen.x).toBeLessThan((size.width * 0.04) / v.zoom);
        if (bounds.height * v.zoom > size.height) expect(bounds.y - seen.y).toBeLessThan((size.height * 0.04) / v.zoom);
        if (bounds.height * v.zoom > size.height) expect(seen.y).toBeLessThanOrEqual(bounds.y);
      }),
    );
  });

  it('the 84 HP × 2 row rack in a 1024×768 window’s canvas: 0.51 with a mouse, 0.91 and top-left on a touch screen', () => {
    const bounds = { x: 0, y: 0, width: 1260, height: 808 };
    const size = { width: 672, height: 545 };
    expect(rackViewport(bounds, size, { min: 0.08, max: 4 }).zoom).toBeCloseTo(0.51, 2);
    const touch = rackViewport(bounds, size, { min: 0.91, max: 4 });
    expect(touch.zoom).toBe(0.91);
    expect(visibleRect(touch, size).x).toBeLessThan(0);
    expect(visibleRect(touch, size).x).toBeGreaterThan(-20);
  });
});

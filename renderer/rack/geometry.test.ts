import { describe, expect, it } from 'vitest';
import { HP_MM } from '../../main/patch/catalog';
import {
  cableControl,
  cableHitPath,
  cablePath,
  HP_PX,
  jackPoint,
  mmToPx,
  positionToSlot,
  PX_PER_MM,
  quadPoint,
  quadSegment,
  ROW_PX,
  slotToPosition,
  slotUnderPoint,
} from './geometry';

describe('rack grid', () => {
  it('is VCV Rack’s: a 128.5 mm row is 380 px and one HP (5.08 mm) is 15 px', () => {
    expect(mmToPx(128.5)).toBe(ROW_PX);
    expect(HP_MM * PX_PER_MM).toBeCloseTo(HP_PX, 0);
  });

  it('turns slots into positions and back', () => {
    expect(slotToPosition({ row: 2, hp: 10 })).toEqual({ x: 150, y: 760 });
    expect(positionToSlot({ x: 150, y: 760 })).toEqual({ row: 2, hp: 10 });
    // A position between grid lines snaps to the nearest slot.
    expect(positionToSlot({ x: 158, y: 570 })).toEqual({ row: 2, hp: 11 });
  });

  it('centres a dropped module under the pointer, inside the rack', () => {
    const rack = { rows: 2, hp: 84 };
    expect(slotUnderPoint({ x: 300, y: 500 }, 8, rack)).toEqual({ row: 1, hp: 16 });
    expect(slotUnderPoint({ x: -50, y: -10 }, 8, rack)).toEqual({ row: 0, hp: 0 });
    expect(slotUnderPoint({ x: 5000, y: 5000 }, 8, rack)).toEqual({ row: 1, hp: 76 });
  });

  it('puts a jack’s handle on the jack’s centre', () => {
    expect(jackPoint(10, 20)).toEqual({ x: mmToPx(10), y: mmToPx(20) });
  });
});

describe('cable sag', () => {
  it('hangs below the midpoint, more for longer cables (VCV getSlumpPos, tension 0.5)', () => {
    expect(cableControl({ x: 0, y: 0 }, { x: 100, y: 0 })).toEqual({ x: 50, y: 125 });
    expect(cableControl({ x: 0, y: 0 }, { x: 400, y: 0 }).y).toBe(275);
    // A tight cable (tension 1) does not sag.
    expect(cableControl({ x: 0, y: 0 }, { x: 100, y: 0 }, 1)).toEqual({ x: 50, y: 0 });
  });

  it('is a quadratic from output to input', () => {
    expect(cablePath({ x: 0, y: 0 }, { x: 100, y: 0 })).toBe('M0,0 Q50,125 100,0');
  });

  it('cuts a segment that lies on the same curve', () => {
    const p0 = { x: 0, y: 0 };
    const c = { x: 50, y: 125 };
    const p1 = { x: 100, y: 0 };
    const [a, b, d] = quadSegment(p0, c, p1, 0.25, 0.75);
    expect(a).toEqual(quadPoint(p0, c, p1, 0.25));
    expect(d).toEqual(quadPoint(p0, c, p1, 0.75));
    const mid = quadPoint(a, b, d, 0.5);
    const expected = quadPoint(p0, c, p1, 0.5);
    expect(mid.x).toBeCloseTo(expected.x);
    expect(mid.y).toBeCloseTo(expected.y);
  });

  it('leaves the jacks under the plugs out of the clickable part', () => {
    const hit = cableHitPath({ x: 0, y: 0 }, { x: 300, y: 0 }, 15);
    const [x0, y0] = hit.slice(1).split(' ')[0]!.split(',').map(Number) as [number, number];
    expect(Math.hypot(x0, y0)).toBeGreaterThan(10);
    // Too short to have a middle: nothing to click.
    expect(cableHitPath({ x: 0, y: 0 }, { x: 1, y: 0 }, 200)).toBe('');
  });
});

import { describe, expect, it } from 'vitest';
import { dragValue, formatValue, FULL_SWEEP_PX, knobAngle, nudge, settle } from './knob-math';

const cpu = { min: 0, max: 4000, step: 10, detents: [250, 500, 1000, 2000], unit: 'm' };
const level = { min: 0, max: 10, detents: [5], unit: 'V' };
const replicas = { min: 0, max: 12, step: 1, detents: [], unit: '' };

describe('knob drag', () => {
  it('sweeps the whole range in about 200 px, ten times slower in fine mode', () => {
    expect(dragValue(level, 0, FULL_SWEEP_PX, false)).toBe(10);
    expect(dragValue(level, 0, FULL_SWEEP_PX / 2, false)).toBe(5);
    expect(dragValue(level, 0, FULL_SWEEP_PX, true)).toBeCloseTo(1);
    expect(dragValue(level, 5, -1000, false)).toBe(0);
  });

  it('snaps to the step and is pulled into detents', () => {
    expect(settle(replicas, 3.4)).toBe(3);
    expect(settle(cpu, 1234)).toBe(1230);
    expect(settle(cpu, 1090)).toBe(1000);
    expect(settle(level, 5.2)).toBe(5);
    expect(settle(level, 6)).toBe(6);
    expect(settle({ min: 0, max: 1, step: 0.1, detents: [] }, 0.3)).toBe(0.3);
    // max off the step grid: never past max.
    expect(settle({ min: 0, max: 10, step: 3, detents: [] }, 10)).toBe(9);
  });

  it('steps by one step with wheel and keys, leaving detents', () => {
    expect(nudge(replicas, 3, 1, false)).toBe(4);
    expect(nudge(replicas, 0, -1, false)).toBe(0);
    expect(nudge(cpu, 1000, 1, false)).toBe(1010);
    expect(nudge(level, 5, 1, false)).toBeCloseTo(5.1);
    expect(nudge(level, 5, 1, true)).toBeCloseTo(5.01);
  });

  it('turns from −135° to +135°', () => {
    expect(knobAngle(level, 0)).toBe(-135);
    expect(knobAngle(level, 5)).toBe(0);
    expect(knobAngle(level, 10)).toBe(135);
  });

  it('shows the value with its unit', () => {
    expect(formatValue(cpu, 250)).toBe('250 m');
    expect(formatValue(replicas, 3)).toBe('3');
    expect(formatValue(level, 3.14159)).toBe('3.142 V');
  });
});

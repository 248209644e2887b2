import { describe, expect, it } from 'vitest';
import type { SimFrame } from '../../preload/contract';
import { telemetry } from '../rack/telemetry';
import { addEvents, applyFrame, jackLightId, MAX_EVENTS, useSim } from './simStore';

const frame = (seq: number, full: boolean, rest: Partial<SimFrame> = {}): SimFrame => ({
  seq,
  full,
  time: seq * 100,
  running: true,
  speed: 1,
  ...rest,
});

describe('simStore', () => {
  it('feeds lights, colours and jack voltages into telemetry; a full frame replaces everything', () => {
    applyFrame(frame(1, true, { lights: { 'p/ready-led': 1, 'p/phase': 1 }, volts: { 'p/ready': 10 }, status: { p: 'Ready' } }));
    expect(telemetry.get('p', 'ready-led').brightness).toBe(1);
    expect(telemetry.get('p', jackLightId('ready')).brightness).toBe(1);
    applyFrame(
      frame(2, false, { lights: { 'p/phase': 0.5 }, colors: { 'p/phase': '#ff4040' }, status: { p: 'CrashLoopBackOff' } }),
    );
    expect(telemetry.get('p', 'phase')).toEqual({ brightness: 0.5, color: '#ff4040' });
    expect(useSim.getState().moduleStatus).toEqual({ p: 'CrashLoopBackOff' });
    // An older delta arriving late is ignored.
    applyFrame(frame(1, false, { lights: { 'p/phase': 1 } }));
    expect(telemetry.get('p', 'phase').brightness).toBe(0.5);
    // A full frame without module p (it was removed): its lights and glow go dark.
    applyFrame(frame(3, true, { lights: { 'q/ready-led': 1 }, volts: {}, status: { q: 'Ready' } }));
    expect(telemetry.get('p', 'ready-led').brightness).toBe(0);
    expect(telemetry.get('p', jackLightId('ready')).brightness).toBe(0);
    expect(useSim.getState().moduleStatus).toEqual({ q: 'Ready' });
    expect(useSim.getState().status).toMatchObject({ running: true, time: 300 });
  });

  it('keeps at most MAX_EVENTS events', () => {
    for (let i = 0; i < MAX_EVENTS + 50; i++)
      addEvents([{ time: i, type: 'Normal', reason: 'R', object: 'o', kind: 'pod', message: '', count: 1 }]);
    expect(useSim.getState().events).toHaveLength(MAX_EVENTS);
    expect(useSim.getState().events[0]!.time).toBe(50);
  });
});

import { describe, expect, it, vi } from 'vitest';
import type { RackClient, SimFrame } from '../../preload/contract';
import { telemetry } from '../rack/telemetry';
import { addEvents, applyFrame, connectSim, jackLightId, MAX_EVENTS, useSim } from './simStore';

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

  it('acknowledges the shown frames to main once per animation frame (IPC flow control), from the resync on', async () => {
    vi.useFakeTimers(); // no requestAnimationFrame in node: the store falls back to a 16 ms timer
    const acks: number[] = [];
    let onFrame: ((f: SimFrame) => void) | undefined;
    const client = {
      on: (name: string, fn: (f: SimFrame) => void) => {
        if (name === 'sim.frame') onFrame = fn;
        return () => undefined;
      },
      request: (name: string, input: { seq: number }) => {
        if (name === 'sim.ack') acks.push(input.seq);
        if (name === 'sim.state')
          return Promise.resolve({ running: false, speed: 1, time: 0, seed: 1, frame: frame(10, true), events: [] });
        return Promise.resolve(null);
      },
    } as unknown as RackClient;
    const stop = connectSim(client);
    await vi.advanceTimersByTimeAsync(20);
    expect(acks).toEqual([10]);
    for (const seq of [11, 12, 13]) onFrame!(frame(seq, false));
    await vi.advanceTimersByTimeAsync(20);
    expect(acks).toEqual([10, 13]);
    stop();
    vi.useRealTimers();
  });
});

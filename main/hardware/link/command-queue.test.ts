import { describe, expect, it } from 'vitest';
import type { HostMessage } from '../codec';
import { CommandQueue, defaultAck } from './command-queue';

const led = (slot: number, ledIndex: number, level: number): HostMessage => ({
  kind: 'set-led',
  slot,
  led: ledIndex,
  level,
  mode: 'steady',
  rgb: [0, 0, 0],
});
const guide = (jack: number): HostMessage => ({ kind: 'guide-jack', slot: 4, direction: 'input', jack, state: 'plug' });

describe('CommandQueue', () => {
  it('keeps only the newest state per target, in the place of the first', () => {
    const q = new CommandQueue({ rate: 1000, burst: 100 });
    expect(q.enqueue(led(1, 0, 10), false)).toBe(0);
    expect(q.enqueue(led(2, 0, 10), false)).toBe(0);
    expect(q.enqueue(led(1, 0, 99), false)).toBe(1);
    expect(q.enqueue({ kind: 'set-leds', slot: 1, first: 0, levels: [1, 2] }, false)).toBe(0);
    expect(q.enqueue({ kind: 'set-leds', slot: 1, first: 0, levels: [3, 4] }, false)).toBe(1);
    expect(q.enqueue({ kind: 'set-gate', slot: 1, jack: 0, level: 255, pulseMs: 0 }, false)).toBe(0);
    expect(q.enqueue({ kind: 'set-gate', slot: 1, jack: 0, level: 0, pulseMs: 0 }, false)).toBe(1);
    expect(q.take(0, 8).map((c) => c.message)).toEqual([
      led(1, 0, 99),
      led(2, 0, 10),
      { kind: 'set-leds', slot: 1, first: 0, levels: [3, 4] },
      { kind: 'set-gate', slot: 1, jack: 0, level: 0, pulseMs: 0 },
    ]);
  });

  it('lets a guide-clear drop the guide lights queued before it, and keeps those queued after', () => {
    const q = new CommandQueue({ rate: 1000, burst: 100 });
    q.enqueue(guide(0), true);
    q.enqueue(guide(1), true);
    q.enqueue(led(1, 0, 5), false);
    expect(q.enqueue({ kind: 'guide-clear' }, true)).toBe(2);
    q.enqueue(guide(2), true);
    expect(q.enqueue({ kind: 'guide-clear' }, true)).toBe(2);
    q.enqueue(guide(3), true);
    expect(q.take(0, 8).map((c) => c.message)).toEqual([led(1, 0, 5), { kind: 'guide-clear' }, guide(3)]);
  });

  it('never merges commands that are not state', () => {
    const q = new CommandQueue({ rate: 1000, burst: 100 });
    q.enqueue({ kind: 'snapshot-req' }, false);
    expect(q.enqueue({ kind: 'snapshot-req' }, false)).toBe(0);
    expect(q.size).toBe(2);
  });

  it('spends a token bucket: a burst after a pause, then the rate', () => {
    const q = new CommandQueue({ rate: 100, burst: 3 });
    for (let i = 0; i < 10; i++) q.enqueue(led(i, 0, 1), false);
    expect(q.take(0, 8)).toHaveLength(3);
    expect(q.waitMs(0)).toBe(10);
    expect(q.take(5, 8)).toHaveLength(0);
    expect(q.waitMs(5)).toBeCloseTo(5);
    expect(q.take(25, 8)).toHaveLength(2);
    expect(q.take(1000, 8)).toHaveLength(3); // capped at the burst however long the pause
    expect(q.size).toBe(2);
    q.clear();
    expect(q.waitMs(2000)).toBeNull();
  });

  it('holds ack commands beyond the free ack slots, letting others pass them', () => {
    const q = new CommandQueue({ rate: 1000, burst: 100 });
    q.enqueue(guide(0), true);
    q.enqueue(guide(1), true);
    q.enqueue(led(1, 0, 1), false);
    expect(q.take(0, 1).map((c) => c.key)).toEqual(['guide:4/input/0', 'led:1/0']);
    expect(q.take(0, 1).map((c) => c.key)).toEqual(['guide:4/input/1']);
  });

  it('asks for acks on guide and config commands only, by default', () => {
    expect(defaultAck(guide(0))).toBe(true);
    expect(defaultAck({ kind: 'guide-clear' })).toBe(true);
    expect(defaultAck({ kind: 'config', knobMinIntervalMs: 10, knobDeadband: 2, heartbeatMs: 500 })).toBe(true);
    expect(defaultAck(led(0, 0, 0))).toBe(false);
  });
});

describe('CommandQueue.replay', () => {
  it('queues again the latest state sent per target, without guide lights a clear turned off', () => {
    const q = new CommandQueue({ rate: 1000, burst: 100 });
    q.enqueue(led(1, 0, 10), false);
    q.enqueue(guide(0), true);
    q.enqueue({ kind: 'snapshot-req' }, false);
    q.take(0, 8);
    q.enqueue(led(1, 0, 20), false);
    q.enqueue({ kind: 'guide-clear' }, true);
    q.enqueue(guide(1), true);
    q.take(1, 8);
    q.enqueue(led(2, 0, 5), false);
    q.replay();
    expect(q.take(2, 8).map((c) => c.message)).toEqual([led(2, 0, 5), led(1, 0, 20), { kind: 'guide-clear' }, guide(1)]);
  });
});

import { describe, expect, it } from 'vitest';
import { PingTracker } from './ping-tracker';

describe('PingTracker', () => {
  it('reports the median round trip of the last pongs', () => {
    const p = new PingTracker(4);
    expect(p.latencyMs).toBeNull();
    const rtts = [5, 1, 100, 3, 2];
    let now = 0;
    for (const rtt of rtts) {
      const token = p.ping(now);
      expect(p.pong(token, now + rtt)).toBe(true);
      now += 1000;
    }
    // The last four: 1, 100, 3, 2 → median (2 + 3) / 2: one slow pong does not swing it.
    expect(p.latencyMs).toBe(2.5);
  });

  it('ignores pongs it did not ask for and forgets old pings', () => {
    const p = new PingTracker(2);
    const first = p.ping(0);
    p.ping(1);
    p.ping(2);
    expect(p.pong(first, 3)).toBe(false);
    expect(p.pong(12345, 3)).toBe(false);
    expect(p.latencyMs).toBeNull();
  });
});

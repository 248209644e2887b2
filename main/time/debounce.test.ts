import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualTimers } from '../../tests/helpers/manual-timers';
import { ManualClock } from './clock';
import { Debounce } from './debounce';

function setup(quietMs: number, maxWaitMs: number) {
  const clock = new ManualClock(1000);
  const timers = new ManualTimers(clock);
  const calls: number[] = [];
  const debounce = new Debounce(() => calls.push(clock.now()), { quietMs, maxWaitMs, clock, timers });
  return { clock, timers, calls, debounce };
}

describe('Debounce', () => {
  it('calls once changes pause for the quiet time', () => {
    const { timers, calls, debounce } = setup(250, 2000);
    debounce.request();
    timers.advance(200);
    debounce.request();
    timers.advance(249);
    expect(calls).toEqual([]);
    timers.advance(1);
    expect(calls).toEqual([1450]);
    expect(debounce.pending).toBe(false);
  });

  it('still calls every longest wait while changes go on', () => {
    const { timers, calls, debounce } = setup(250, 1000);
    for (let i = 0; i < 30; i++) {
      debounce.request();
      timers.advance(100);
    }
    // Bursts start at 1000, 2000 and 3000 (a request just after each call).
    expect(calls).toEqual([2000, 3000, 4000]);
  });

  it('flush calls a waiting request at once; dispose drops it', () => {
    const { timers, calls, debounce } = setup(250, 1000);
    expect(debounce.flush()).toBe(false);
    debounce.request();
    expect(debounce.flush()).toBe(true);
    expect(calls).toEqual([1000]);
    debounce.request();
    debounce.dispose();
    timers.advance(5000);
    expect(calls).toEqual([1000]);
  });

  it('calls at the earlier of the quiet time and the longest wait, for any pattern of requests', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.array(fc.integer({ min: 0, max: 800 }), { minLength: 1, maxLength: 40 }),
        (quietMs, maxWaitMs, gaps) => {
          const { clock, timers, calls, debounce } = setup(quietMs, maxWaitMs);
          const longest = Math.max(quietMs, maxWaitMs);
          // The model: a burst starts at its first request and ends at its first due time.
          const expected: number[] = [];
          let first: number | undefined;
          let last = 0;
          const settle = (until: number) => {
            while (first !== undefined) {
              const due = Math.min(last + quietMs, first + longest);
              if (due > until) return;
              expected.push(due);
              first = undefined;
            }
          };
          for (const gap of gaps) {
            timers.advance(gap);
            // A timer due now fires before the request that comes at the same time.
            settle(clock.now());
            debounce.request();
            last = clock.now();
            first ??= last;
          }
          settle(Infinity);
          timers.advance(longest + 1);
          expect(calls).toEqual(expected);
        },
      ),
    );
  });
});

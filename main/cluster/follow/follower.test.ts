import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../time/clock';
import { ManualTimers } from '../../../tests/helpers/manual-timers';
import { Follower } from './follower';

/** A run that records its start and waits until the test lets it finish. */
function gatedRuns() {
  const started: number[] = [];
  const gates: (() => void)[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const run = () =>
    new Promise<void>((resolve) => {
      started.push(started.length);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      gates.push(() => {
        inFlight--;
        resolve();
      });
    });
  return { run, started, release: () => gates.shift()?.(), maxInFlight: () => maxInFlight };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('the follow-mode rhythm', () => {
  it('a burst of changes becomes one apply, 300 ms after the last one', async () => {
    const clock = new ManualClock();
    const timers = new ManualTimers(clock);
    const runs = gatedRuns();
    const f = new Follower({ timers, run: runs.run });
    for (let i = 0; i < 10; i++) {
      f.changed();
      timers.advance(100);
    }
    expect(runs.started.length).toBe(0);
    timers.advance(199);
    expect(runs.started.length).toBe(0);
    timers.advance(1);
    expect(runs.started.length).toBe(1);
    runs.release();
    await f.idle();
    expect(f.busy).toBe(false);
  });

  it('never runs two applies at once; a change during an apply is applied right after it', async () => {
    const clock = new ManualClock();
    const timers = new ManualTimers(clock);
    const runs = gatedRuns();
    const f = new Follower({ timers, run: runs.run });
    f.changed();
    timers.advance(300);
    expect(runs.started.length).toBe(1);
    f.changed();
    timers.advance(300); // its pause ends while the first apply is still in flight
    f.changed();
    timers.advance(300);
    expect(runs.started.length).toBe(1);
    runs.release();
    await tick();
    expect(runs.started.length).toBe(2); // both changes, coalesced into one apply
    runs.release();
    await f.idle();
    expect(runs.started.length).toBe(2);
    expect(runs.maxInFlight()).toBe(1);
  });

  it('a failing apply does not stop the next one', async () => {
    const clock = new ManualClock();
    const timers = new ManualTimers(clock);
    let calls = 0;
    const f = new Follower({ timers, run: () => (calls++ === 0 ? Promise.reject(new Error('boom')) : Promise.resolve()) });
    f.changed();
    timers.advance(300);
    await f.idle();
    f.changed();
    timers.advance(300);
    await f.idle();
    expect(calls).toBe(2);
  });

  it('after stop nothing more is applied', async () => {
    const clock = new ManualClock();
    const timers = new ManualTimers(clock);
    let calls = 0;
    const f = new Follower({ timers, run: async () => void calls++ });
    f.changed();
    f.stop();
    timers.advance(1000);
    f.changed();
    timers.advance(1000);
    await f.idle();
    expect(calls).toBe(0);
    expect(timers.pending).toBe(0);
  });
});

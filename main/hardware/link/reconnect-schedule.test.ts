import { describe, expect, it } from 'vitest';
import { ManualTimers } from '../../../tests/helpers/manual-timers';
import { ManualClock } from '../../time/clock';
import { ReconnectSchedule } from './reconnect-schedule';

function setup() {
  const clock = new ManualClock(0);
  const timers = new ManualTimers(clock);
  const attempts: number[] = [];
  let notify: ((name: string | null) => void) | null = null;
  const schedule = new ReconnectSchedule({
    time: { clock, timers },
    watch: (_path, onChange) => {
      notify = onChange;
      return () => void (notify = null);
    },
    attempt: () => attempts.push(clock.now()),
  });
  return { clock, timers, attempts, schedule, notify: (name: string | null) => notify?.(name), watching: () => notify !== null };
}

describe('ReconnectSchedule', () => {
  it('backs off 250 ms, 500 ms, 1 s … up to 5 s, without jitter', () => {
    const { timers, attempts, schedule } = setup();
    for (let i = 0; i < 7; i++) {
      schedule.next('/dev/ttyACM0', false); // each attempt fails: the next wait is longer
      timers.advance(10_000);
    }
    // Attempt i starts at i × 10 s plus its wait.
    expect(attempts.map((t, i) => t - i * 10_000)).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
  });

  it('tries 100 ms after its port shows up in the watched folder; other names do not count', () => {
    const { timers, attempts, schedule, notify } = setup();
    schedule.next('/tmp/rack/case-A', false);
    timers.advance(250);
    schedule.next('/tmp/rack/case-A', false); // due at 750
    notify('case-A-rack');
    timers.advance(200);
    expect(attempts).toEqual([250]);
    notify('case-A');
    timers.advance(100);
    expect(attempts).toEqual([250, 550]);
  });

  it('makes the next wait short when the port changed during an attempt', () => {
    const { timers, attempts, schedule, notify } = setup();
    schedule.next('/dev/ttyACM0', false);
    timers.advance(250); // attempt under way…
    notify('ttyACM0'); // …while the port appears; the attempt then fails
    schedule.next('/dev/ttyACM0', false);
    timers.advance(100);
    expect(attempts).toEqual([250, 350]);
  });

  it('takes any change as maybe a USB bridge (it can come back as another ttyACM), and stops watching on reset', () => {
    const { timers, attempts, schedule, notify, watching } = setup();
    schedule.next('/dev/ttyACM0', true);
    notify('ttyACM1');
    timers.advance(100);
    expect(attempts).toEqual([100]);
    schedule.reset();
    expect(watching()).toBe(false);
    timers.advance(10_000);
    expect(attempts).toEqual([100]);
  });
});

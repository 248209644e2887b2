import { describe, expect, it } from 'vitest';
import { ManualTimers } from '../../tests/helpers/manual-timers';
import { ManualClock } from '../time/clock';
import { Throttle } from './throttle';

describe('Throttle', () => {
  it('calls at once, then at most once per interval with the last request delivered; `now` skips the wait', () => {
    const clock = new ManualClock(0);
    const timers = new ManualTimers(clock);
    const calls: number[] = [];
    const throttle = new Throttle(() => calls.push(clock.now()), 100, clock, timers);
    throttle.request();
    for (let i = 0; i < 10; i++) {
      clock.advance(5);
      throttle.request();
    }
    expect(calls).toEqual([0]);
    timers.advance(100);
    expect(calls).toEqual([0, 100]);
    timers.advance(30);
    throttle.request(true);
    expect(calls).toEqual([0, 100, 180]);
    throttle.request();
    throttle.dispose();
    timers.advance(500);
    expect(calls).toEqual([0, 100, 180]);
  });
});

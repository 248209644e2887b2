/**
 * The clocks and timers of the running app, made once in the composition root (main/rack.ts)
 * and handed to every scheduler: the autosave, the simulator, the record/replay deck, the serial
 * links and the hardware panel's throttle. A test hands the rack a manual clock and timers
 * instead, and nothing in it waits for real.
 */
import { monotonicClock, systemClock, type Clock } from './clock';
import { preciseTimers } from './precise-timers';
import { systemTimers, type TimerPort } from './timers';

export interface AppTime {
  /** Wall-clock time (epoch ms): version stamps, dates, the autosave's debounce. */
  wall: Clock;
  /** Monotonic ms with sub-ms resolution: link heartbeats and round trips, replays. */
  monotonic: Clock;
  /** One-shot timers (setTimeout underneath). */
  timers: TimerPort;
  /** Timers that fire to a fraction of a millisecond on `monotonic`: the deck's replay. */
  precise: TimerPort;
}

export const systemTime: AppTime = {
  wall: systemClock,
  monotonic: monotonicClock,
  timers: systemTimers,
  precise: preciseTimers(monotonicClock.now),
};

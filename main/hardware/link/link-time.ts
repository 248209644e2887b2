/**
 * Time for the link layer, injected: the app uses the system clock and setTimeout; unit tests a
 * ManualClock with ManualTimers (tests/helpers/manual-timers.ts), so handshakes, heartbeats and
 * backoff run without waiting.
 */
import { monotonicClock, type Clock } from '../../time/clock';
import { systemTimers, type TimerPort } from '../../time/timers';

export interface LinkTime {
  clock: Clock;
  timers: TimerPort;
}

/** Monotonic with sub-millisecond resolution: round trips on a local link are around a millisecond. */
export const systemLinkTime: LinkTime = { clock: monotonicClock, timers: systemTimers };

/** A cancel function that may be absent. */
export type Cancel = (() => void) | null;

/** Cancels `cancel` if set; returns null to store back. */
export function cancel(c: Cancel): null {
  c?.();
  return null;
}

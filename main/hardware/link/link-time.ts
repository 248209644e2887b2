/**
 * Time for the link layer, injected: the app uses the system clock and setTimeout; unit tests a
 * ManualClock with ManualTimers (tests/helpers/manual-timers.ts), so handshakes, heartbeats and
 * backoff run without waiting.
 */
import { monotonicClock } from '../../history/precise-timers';
import type { Clock } from '../../session/clock';
import type { TimerPort } from '../../session/replay';

export interface LinkTime {
  clock: Clock;
  timers: TimerPort;
}

const systemTimers: TimerPort = {
  schedule(fn, ms) {
    // A timer callback that throws would end the process: log it and let the link go on.
    const timer = setTimeout(() => {
      try {
        fn();
      } catch (error) {
        console.error(
          `[k8s-synth] a link timer failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      }
    }, ms);
    return () => clearTimeout(timer);
  },
};

/** Monotonic with sub-millisecond resolution: round trips on a local link are around a millisecond. */
export const systemLinkTime: LinkTime = { clock: monotonicClock, timers: systemTimers };

/** A cancel function that may be absent. */
export type Cancel = (() => void) | null;

/** Cancels `cancel` if set; returns null to store back. */
export function cancel(c: Cancel): null {
  c?.();
  return null;
}

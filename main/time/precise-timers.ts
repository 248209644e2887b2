/**
 * The replay scheduler's TimerPort for the real app. Node's setTimeout fires a millisecond or
 * more late, which alone would break the 2 ms jitter goal at p99; so it sleeps with setTimeout
 * until 1 ms before the due time and then yields with setImmediate (letting I/O run) until the
 * due time, read from the same monotonic clock the scheduler uses.
 */
import type { TimerPort } from './timers';

/** How long before the due time the coarse sleep ends. */
const SPIN_MS = 1;

export function preciseTimers(now: () => number): TimerPort {
  return {
    schedule(fn, ms) {
      const due = now() + ms;
      let cancelled = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      let immediate: ReturnType<typeof setImmediate> | undefined;
      const wake = () => {
        timer = undefined;
        immediate = undefined;
        if (cancelled) return;
        const left = due - now();
        if (left <= 0.02) fn();
        else if (left > SPIN_MS) timer = setTimeout(wake, left - SPIN_MS);
        else immediate = setImmediate(wake);
      };
      wake();
      return () => {
        cancelled = true;
        if (timer) clearTimeout(timer);
        if (immediate) clearImmediate(immediate);
      };
    },
  };
}

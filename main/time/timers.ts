/**
 * Waiting, injected: every scheduler in the app (the replay deck, the simulator's display frames,
 * the serial links, the virtual rack) takes a TimerPort instead of calling setTimeout, so tests
 * drive them with ManualTimers (tests/helpers/manual-timers.ts) and nothing waits for real.
 */

/** Calls a function later; each call returns the function that cancels it. */
export interface TimerPort {
  /** Calls `fn` once, after about `ms`. */
  schedule(fn: () => void, ms: number): () => void;
}

/**
 * The system's timers (setTimeout). A callback that throws would end the process: it is logged
 * and the scheduler that armed it goes on.
 */
export const systemTimers: TimerPort = {
  schedule(fn, ms) {
    const timer = setTimeout(() => {
      try {
        fn();
      } catch (error) {
        console.error(
          `[k8s-synth] a timer callback failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      }
    }, ms);
    return () => clearTimeout(timer);
  },
};

/**
 * Calls `fn` every `ms` until cancelled, by re-arming a one-shot timer: one port serves one-shot
 * and repeating schedulers alike, and a manual timer fires each repetition at its due time.
 */
export function repeatEvery(timers: TimerPort, ms: number, fn: () => void): () => void {
  let cancel: (() => void) | undefined;
  let stopped = false;
  const arm = (): void => {
    cancel = timers.schedule(() => {
      if (stopped) return;
      arm();
      fn();
    }, ms);
  };
  arm();
  return () => {
    stopped = true;
    cancel?.();
  };
}

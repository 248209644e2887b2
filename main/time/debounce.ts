/**
 * A debounce with a longest wait: `request()` calls `fn` once changes pause for `quietMs`, and
 * at least every `maxWaitMs` while they go on (a knob being turned still saves, and a version
 * list still refreshes). Time and timers are injected, so tests drive it with a manual clock.
 */
import type { Clock } from './clock';
import type { TimerPort } from './timers';

export interface DebounceOptions {
  quietMs: number;
  /** The longest a request waits in a storm of them (at least `quietMs`). */
  maxWaitMs: number;
  clock: Clock;
  timers: TimerPort;
}

export class Debounce {
  private cancel: (() => void) | undefined;
  private firstAt: number | undefined;
  private lastAt = 0;
  private readonly maxWaitMs: number;

  constructor(
    private readonly fn: () => void,
    private readonly options: DebounceOptions,
  ) {
    this.maxWaitMs = Math.max(options.quietMs, options.maxWaitMs);
  }

  /** A change happened: call `fn` once they pause (or the longest wait is over). */
  request(): void {
    this.lastAt = this.options.clock.now();
    this.firstAt ??= this.lastAt;
    this.cancel ??= this.options.timers.schedule(() => this.due(), this.wait(this.lastAt));
  }

  /** True while a call is waiting. */
  get pending(): boolean {
    return this.cancel !== undefined;
  }

  /** Calls a waiting `fn` now; returns whether one was waiting. */
  flush(): boolean {
    if (!this.pending) return false;
    this.fire();
    return true;
  }

  /** Drops a waiting call. */
  dispose(): void {
    this.cancel?.();
    this.cancel = undefined;
    this.firstAt = undefined;
  }

  private wait(now: number): number {
    const quiet = this.lastAt + this.options.quietMs - now;
    const longest = this.firstAt! + this.maxWaitMs - now;
    return Math.max(0, Math.min(quiet, longest));
  }

  private due(): void {
    this.cancel = undefined;
    const wait = this.wait(this.options.clock.now());
    if (wait > 0) this.cancel = this.options.timers.schedule(() => this.due(), wait);
    else this.fire();
  }

  private fire(): void {
    this.dispose();
    this.fn();
  }
}

/**
 * At most one call per interval, the last state always delivered: the panel hears about counter
 * and latency changes ~10 times a second however fast they come, and never misses the final one.
 */
import type { Clock } from '../time/clock';
import type { TimerPort } from '../time/timers';

export class Throttle {
  private last = -Infinity;
  private cancel: (() => void) | null = null;

  constructor(
    private readonly fn: () => void,
    private readonly intervalMs: number,
    private readonly clock: Clock,
    private readonly timers: TimerPort,
  ) {}

  /** Calls now if the interval has passed (or `now` is set), else once at the end of it. */
  request(now = false): void {
    const wait = this.last + this.intervalMs - this.clock.now();
    if (now || wait <= 0) return this.fire();
    this.cancel ??= this.timers.schedule(() => this.fire(), wait);
  }

  dispose(): void {
    this.cancel?.();
    this.cancel = null;
  }

  private fire(): void {
    this.dispose();
    this.last = this.clock.now();
    this.fn();
  }
}

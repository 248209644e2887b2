/**
 * A TimerPort driven by a ManualClock: `advance(ms)` moves the clock forward and fires every timer
 * that falls due, in due order, each at exactly its due time. Replays run to the microsecond.
 */
import type { ManualClock } from '../../main/time/clock';
import type { TimerPort } from '../../main/time/timers';

export class ManualTimers implements TimerPort {
  private queue: { due: number; fn: () => void; id: number }[] = [];
  private nextId = 0;

  constructor(private readonly clock: ManualClock) {}

  schedule(fn: () => void, ms: number): () => void {
    const id = this.nextId++;
    this.queue.push({ due: this.clock.now() + ms, fn, id });
    return () => void (this.queue = this.queue.filter((t) => t.id !== id));
  }

  get pending(): number {
    return this.queue.length;
  }

  advance(ms: number): void {
    const end = this.clock.now() + ms;
    for (;;) {
      this.queue.sort((a, b) => a.due - b.due || a.id - b.id);
      const next = this.queue[0];
      if (!next || next.due > end) break;
      this.queue.shift();
      this.clock.set(Math.max(this.clock.now(), next.due));
      next.fn();
    }
    this.clock.set(end);
  }
}

/**
 * A TimerPort holding at most one timer, fired by hand with `fire()` (the simulator's display
 * frame: a test advances its clock, then fires). `armed` says whether a timer is waiting.
 */
export class HandTimer implements TimerPort {
  private pendingFn: (() => void) | undefined;

  schedule(fn: () => void): () => void {
    const once = (): void => {
      this.pendingFn = undefined;
      fn();
    };
    this.pendingFn = once;
    return () => {
      if (this.pendingFn === once) this.pendingFn = undefined;
    };
  }

  fire(): void {
    this.pendingFn?.();
  }

  get armed(): boolean {
    return this.pendingFn !== undefined;
  }
}

/**
 * When a lost link tries its port again: after 250 ms, 500 ms, 1 s … 5 s (link-policy.ts), or
 * 100 ms after a watch on the port's folder sees something that may be the port coming back. A
 * change seen while an attempt is under way makes the next wait short too (the attempt may have
 * failed just before the port appeared).
 */
import path from 'node:path';
import { reconnectDelay } from './link-policy';
import { type Cancel, cancel, type LinkTime } from './link-time';
import { PORT_APPEARED_DELAY_MS, type WatchPort } from './port-watch';

export interface ReconnectScheduleOptions {
  time: LinkTime;
  watch: WatchPort | null;
  /** Starts one attempt. */
  attempt: () => void;
}

export class ReconnectSchedule {
  private attempts = 0;
  private timer: Cancel = null;
  private dueAt = 0;
  private changedDuringAttempt = false;
  private unwatch: Cancel = null;
  /** The path watched, and whether any change in its folder may be the port (a USB bridge can come back under another name). */
  private target: { path: string; anyName: boolean } | null = null;

  constructor(private readonly options: ReconnectScheduleOptions) {}

  /** The port is gone (or an attempt failed): plan the next attempt and watch for the port. */
  next(portPath: string, anyName: boolean): void {
    const backoff = reconnectDelay(this.attempts++);
    this.wake(this.changedDuringAttempt ? Math.min(PORT_APPEARED_DELAY_MS, backoff) : backoff);
    this.changedDuringAttempt = false;
    this.target = { path: portPath, anyName };
    if (!this.unwatch && this.options.watch) this.unwatch = this.options.watch(portPath, (name) => this.changed(name));
  }

  /** Connected again (or closed): back to the first step, no watch. */
  reset(): void {
    this.attempts = 0;
    this.timer = cancel(this.timer);
    this.unwatch = cancel(this.unwatch);
    this.changedDuringAttempt = false;
    this.target = null;
  }

  private wake(ms: number): void {
    cancel(this.timer);
    this.dueAt = this.options.time.clock.now() + ms;
    this.timer = this.options.time.timers.schedule(() => {
      this.timer = null;
      this.options.attempt();
    }, ms);
  }

  private changed(name: string | null): void {
    const target = this.target;
    if (!target || !(target.anyName || name === null || name === path.basename(target.path))) return;
    if (!this.timer) {
      this.changedDuringAttempt = true;
      return;
    }
    if (this.options.time.clock.now() + PORT_APPEARED_DELAY_MS < this.dueAt) this.wake(PORT_APPEARED_DELAY_MS);
  }
}

/**
 * The rhythm of follow mode, apart from what an apply does: every change restarts a short pause
 * (a burst of changes becomes one apply), never two applies at once, and a change that arrives
 * during an apply is applied right after it. Waiting goes through the injected TimerPort, so tests
 * drive it with manual timers.
 */
import type { TimerPort } from '../../time/timers';

/** About the pause after the last change before the patch is applied. */
export const FOLLOW_DELAY_MS = 300;

export interface FollowerOptions {
  timers: TimerPort;
  delayMs?: number;
  /** One apply of the patch as it is now; a rejection is reported by the caller's own code. */
  run: () => Promise<void>;
  /** Called when the last apply is done and no change waits for its pause. */
  onSettled?: () => void;
}

export class Follower {
  private cancelTimer: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(private readonly options: FollowerOptions) {}

  /** The patch changed: apply it after the pause (a later change restarts the pause). */
  changed(): void {
    if (this.stopped) return;
    this.cancelTimer?.();
    this.cancelTimer = this.options.timers.schedule(() => this.fire(), this.options.delayMs ?? FOLLOW_DELAY_MS);
  }

  /** Whether an apply is waiting for its pause or running. */
  get busy(): boolean {
    return this.cancelTimer !== undefined || this.running !== undefined;
  }

  private fire(): void {
    this.cancelTimer = undefined;
    if (this.running) {
      this.again = true; // the apply in flight read an older patch: go again once it is done
      return;
    }
    this.running = this.loop();
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      await this.options.run().catch(() => undefined);
    } while (this.again && !this.stopped);
    this.running = undefined;
    if (!this.cancelTimer) this.options.onSettled?.();
  }

  /** Resolves once the apply in flight (if any) is done. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Nothing more is applied; an apply in flight finishes (a request cannot be taken back). */
  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }
}

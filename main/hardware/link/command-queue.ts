/**
 * Host → rack commands waiting for the link's budget. LED, gate, guide and config commands are
 * absolute state, not events: a newer one for the same target replaces the queued one (it keeps
 * its place in line), so a slow link shows the latest lights, never a backlog of old ones. The
 * budget is a token bucket: `rate` frames a second, at most `burst` at once after a pause.
 */
import type { HostMessage } from '../codec/messages';

export interface QueuedCommand {
  /** What the command sets (`led:3/2`), or a unique `once:n` for a command that is not state. */
  key: string;
  message: HostMessage;
  /** Sent with FLAG_ACK_REQ: resent until the rack acknowledges it. */
  ack: boolean;
}

const GUIDE_PREFIX = 'guide:';

/** The target a state command sets, or null for a command every copy of which must go out. */
export function commandKey(message: HostMessage): string | null {
  switch (message.kind) {
    case 'set-led':
      return `led:${message.slot}/${message.led}`;
    case 'set-leds':
      return `leds:${message.slot}/${message.first}`;
    case 'set-gate':
      return `gate:${message.slot}/${message.jack}`;
    case 'guide-jack':
      return `${GUIDE_PREFIX}${message.slot}/${message.direction}/${message.jack}`;
    case 'guide-clear':
      return 'guide-clear';
    case 'config':
      return 'config';
    case 'hello-req':
    case 'snapshot-req':
    case 'ping':
      return null;
  }
}

/** Whether a command asks for an ack unless told: guide and config changes each matter; LED and gate state is refreshed by the next frame. */
export function defaultAck(message: HostMessage): boolean {
  return message.kind === 'guide-jack' || message.kind === 'guide-clear' || message.kind === 'config';
}

export interface CommandQueueOptions {
  /** Frames per second. */
  rate: number;
  /** Most frames taken at once after the queue was idle. */
  burst: number;
}

export class CommandQueue {
  /** In send order; a Map keeps the first insertion's place when a key is replaced. */
  private readonly queue = new Map<string, QueuedCommand>();
  /** The state last sent per target, oldest first: what a rack that lost power must be told again. */
  private readonly sentState = new Map<string, QueuedCommand>();
  private tokens: number;
  private refilledAt: number | null = null;
  private onceCounter = 0;

  constructor(private readonly options: CommandQueueOptions) {
    this.tokens = options.burst;
  }

  get size(): number {
    return this.queue.size;
  }

  /** Queues a command; returns how many queued commands it made obsolete (merged away). */
  enqueue(message: HostMessage, ack: boolean): number {
    const key = commandKey(message) ?? `once:${this.onceCounter++}`;
    let merged = 0;
    if (message.kind === 'guide-clear') {
      // A clear turns every guide light off: guide-jacks queued before it would only flash.
      for (const queued of [...this.queue.keys()]) {
        if (queued.startsWith(GUIDE_PREFIX)) {
          this.queue.delete(queued);
          merged++;
        }
      }
      // And it goes after anything still queued, so guide-jacks queued after it stay lit.
      if (this.queue.delete(key)) merged++;
    } else if (this.queue.has(key)) {
      merged++;
    }
    this.queue.set(key, { key, message, ack });
    return merged;
  }

  /**
   * Takes what the budget allows now, in queue order. Commands that need an ack are taken only
   * while `ackSlots` lasts (the rest wait, keeping their place); others pass them.
   */
  take(now: number, ackSlots: number): QueuedCommand[] {
    this.refill(now);
    const taken: QueuedCommand[] = [];
    let slots = ackSlots;
    for (const command of this.queue.values()) {
      if (this.tokens < 1) break;
      if (command.ack) {
        if (slots <= 0) continue;
        slots--;
      }
      this.queue.delete(command.key);
      this.tokens--;
      taken.push(command);
      this.remember(command);
    }
    return taken;
  }

  /** Spends budget on a frame sent outside the queue (an ack retry). */
  spend(now: number): void {
    this.refill(now);
    this.tokens--;
  }

  /** Milliseconds until one frame's budget is there (0 when it is), or null when nothing waits. */
  waitMs(now: number): number | null {
    if (this.queue.size === 0) return null;
    this.refill(now);
    return this.tokens >= 1 ? 0 : ((1 - this.tokens) * 1000) / this.options.rate;
  }

  /**
   * Queues again the latest state sent for every target (after a reconnect: the rack may have
   * lost power and with it every light). A newer command already queued for a target stays.
   */
  replay(): void {
    for (const command of this.sentState.values()) if (!this.queue.has(command.key)) this.queue.set(command.key, command);
  }

  private remember(command: QueuedCommand): void {
    if (command.key.startsWith('once:')) return;
    if (command.message.kind === 'guide-clear') {
      for (const key of [...this.sentState.keys()]) if (key.startsWith(GUIDE_PREFIX)) this.sentState.delete(key);
    }
    // Re-inserted at the end, so a replay keeps the order things were last sent in.
    this.sentState.delete(command.key);
    this.sentState.set(command.key, command);
  }

  /** Drops everything queued (the link was closed by the user). */
  clear(): void {
    this.queue.clear();
    this.sentState.clear();
  }

  private refill(now: number): void {
    if (this.refilledAt !== null) {
      this.tokens = Math.min(this.options.burst, this.tokens + ((now - this.refilledAt) * this.options.rate) / 1000);
    }
    this.refilledAt = now;
  }
}

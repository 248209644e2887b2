/**
 * Commands sent with FLAG_ACK_REQ that the rack has not acknowledged yet. Host commands are
 * absolute state, so a resend is harmless (XMODEM-style ack + timeout retry, no window): each try
 * goes out as a new frame with a new seq, and a newer command for the same target supersedes the
 * one in flight instead of racing it.
 */
import type { QueuedCommand } from './command-queue';

export interface AckLimits {
  timeoutMs: number;
  /** Resends after the first try. */
  retries: number;
  maxOutstanding: number;
}

interface InFlight {
  command: QueuedCommand;
  seq: number;
  tries: number;
  dueAt: number;
}

export interface Attempted {
  command: QueuedCommand;
  /** Times it was sent so far. */
  tries: number;
}

export interface AckDue {
  /** Commands to send again now: pass `tries + 1` to `sent` with the new seq. */
  resend: Attempted[];
  /** Commands that used up their tries. */
  failed: Attempted[];
}

export class AckTracker {
  private readonly inFlight = new Map<number, InFlight>();

  constructor(private readonly limits: AckLimits) {}

  /** How many more ack-requesting commands may be sent now. */
  get freeSlots(): number {
    return Math.max(0, this.limits.maxOutstanding - this.inFlight.size);
  }

  get outstanding(): number {
    return this.inFlight.size;
  }

  sent(command: QueuedCommand, seq: number, now: number, tries = 1): void {
    this.inFlight.set(seq, { command, seq, tries, dueAt: now + this.limits.timeoutMs });
  }

  /** The rack acknowledged frame `seq`: the command it carried, or undefined for a seq not in flight. */
  settle(seq: number): QueuedCommand | undefined {
    const entry = this.inFlight.get(seq);
    if (!entry) return undefined;
    this.inFlight.delete(seq);
    return entry.command;
  }

  /** A newer command for `key` was queued: stop resending the old one. */
  supersede(key: string): void {
    for (const [seq, entry] of this.inFlight) if (entry.command.key === key) this.inFlight.delete(seq);
  }

  /** Takes the commands whose ack is overdue: to resend, or given up on. */
  due(now: number): AckDue {
    const result: AckDue = { resend: [], failed: [] };
    for (const [seq, entry] of this.inFlight) {
      if (entry.dueAt > now) continue;
      this.inFlight.delete(seq);
      const attempted = { command: entry.command, tries: entry.tries };
      (entry.tries > this.limits.retries ? result.failed : result.resend).push(attempted);
    }
    return result;
  }

  /** Milliseconds until the next ack is overdue, or null when none is in flight. */
  nextDueIn(now: number): number | null {
    let next: number | null = null;
    for (const entry of this.inFlight.values()) next = next === null ? entry.dueAt : Math.min(next, entry.dueAt);
    return next === null ? null : Math.max(0, next - now);
  }

  clear(): void {
    this.inFlight.clear();
  }
}

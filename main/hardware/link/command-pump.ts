/**
 * Moves host commands from the link's CommandQueue onto the wire at the budget it allows, and
 * resends the ones that asked for an ack until the rack gives it (or the tries run out). Frames
 * go to the session's `send`, which writes everything of one tick in one port.write.
 */
import { describeMessage, FLAG_ACK_REQ, type HostMessage, type NackError } from '../codec';
import { AckTracker } from './ack-tracker';
import type { CommandQueue } from './command-queue';
import * as policy from './link-policy';
import { type Cancel, cancel, type LinkTime } from './link-time';

export interface CommandPumpOptions {
  commands: CommandQueue;
  time: LinkTime;
  /** Queues one frame for this tick's write; returns its seq. */
  send(message: HostMessage, flags: number): number;
  /** A nack or a command never acknowledged, for the panel's error line. */
  problem(message: string): void;
}

export class CommandPump {
  private readonly acks = new AckTracker({
    timeoutMs: policy.ACK_TIMEOUT_MS,
    retries: policy.ACK_RETRIES,
    maxOutstanding: policy.MAX_OUTSTANDING,
  });
  private timer: Cancel = null;
  private stopped = false;

  constructor(private readonly options: CommandPumpOptions) {}

  /** Commands were queued or an ack slot freed: send what the budget allows, as soon as it allows. */
  kick(): void {
    if (this.timer || this.stopped) return;
    const now = this.options.time.clock.now();
    const waits = [this.options.commands.waitMs(now), this.acks.nextDueIn(now)].filter((w): w is number => w !== null);
    if (waits.length > 0) this.wake(Math.min(...waits));
  }

  /** A newer command for `key` was queued: stop resending the one in flight. */
  supersede(key: string): void {
    this.acks.supersede(key);
  }

  acked(seq: number): void {
    this.acks.settle(seq);
    this.kick();
  }

  refused(seq: number, error: NackError): void {
    const command = this.acks.settle(seq);
    const what = command ? describeMessage(command.message) : `frame #${seq}`;
    this.options.problem(policy.LINK_MESSAGES.nack(what, error));
    this.kick();
  }

  stop(): void {
    this.stopped = true;
    this.timer = cancel(this.timer);
  }

  private wake(ms: number): void {
    this.timer = this.options.time.timers.schedule(() => {
      this.timer = null;
      this.flush();
    }, ms);
  }

  private flush(): void {
    const now = this.options.time.clock.now();
    const { commands, send, problem } = this.options;
    const due = this.acks.due(now);
    for (const { command, tries } of due.failed) problem(policy.LINK_MESSAGES.noAck(describeMessage(command.message), tries));
    for (const { command, tries } of due.resend) {
      commands.spend(now);
      this.acks.sent(command, send(command.message, FLAG_ACK_REQ), now, tries + 1);
    }
    for (const command of commands.take(now, this.acks.freeSlots)) {
      const seq = send(command.message, command.ack ? FLAG_ACK_REQ : 0);
      if (command.ack) this.acks.sent(command, seq, now);
    }
    // What is left waits for budget (or an ack slot): go again a tick later, as one write.
    const waits = [
      commands.size > 0 ? Math.max(policy.COMMAND_TICK_MS, commands.waitMs(now) ?? 0) : null,
      this.acks.nextDueIn(now),
    ].filter((w): w is number => w !== null);
    if (waits.length > 0) this.wake(Math.min(...waits));
  }
}

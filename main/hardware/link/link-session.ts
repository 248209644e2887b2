/**
 * One connection's conversation with a rack, from the first byte after open to the close: the
 * hello handshake, the snapshot, live events, sequence gaps, the heartbeat watchdog, pings and
 * the host commands. It does no I/O itself: bytes come in through `receive` and go out through
 * `hooks.write`, time through LinkTime. SerialLink owns the port and makes a new session per open.
 *
 * Rules (../shared/reference/serial-link.md §4 "Session"):
 * - everything before the hello is dropped (a rack left running streams stale events: firmata.js);
 * - the snapshot is swapped in whole at snap-end; a live event that arrives during a dump waits
 *   until the dump is in (events are absolute, so applying one the dump already holds is harmless);
 * - a gap in the rack's seq, or a heartbeat stateGen that differs from ours, asks for a new
 *   snapshot (at most once a second) instead of retransmissions.
 */
import {
  applyCaseEvent,
  type CaseHello,
  type CaseState,
  describeMessage,
  encodeFrame,
  FLAG_SNAPSHOT,
  type Frame,
  type HeartbeatMessage,
  type HelloMessage,
  type HostMessage,
  PROTOCOL_MAJOR,
  PROTOCOL_MINOR,
  SnapshotAssembler,
} from '../codec';
import type { LinkCounters } from '../mirror/types';
import { CommandPump } from './command-pump';
import type { CommandQueue } from './command-queue';
import * as policy from './link-policy';
import { type Cancel, cancel, type LinkTime } from './link-time';
import type { CaseEvent } from './link-types';
import type { PingTracker } from './ping-tracker';
import { RackIntake } from './rack-intake';

export type SessionPhase = 'handshake' | 'syncing' | 'online' | 'stale';

/** Why a session gave up (the link then closes the port). */
/** `rackMajor` null: the rack refused our hello-req with NACK `version` without saying its own. */
export type SessionEnd = { reason: 'no-answer' } | { reason: 'silent' } | { reason: 'incompatible'; rackMajor: number | null };

export interface SessionHooks {
  /** Bytes for the port: every frame of one tick in one call. */
  write(bytes: Uint8Array): void;
  /** The rack said hello (`first`), or said it again after a reboot; false stops the session (another case, a duplicate). */
  hello(hello: CaseHello, first: boolean): boolean;
  phase(phase: SessionPhase): void;
  snapshot(state: CaseState): void;
  event(event: CaseEvent, state: CaseState): void;
  ended(end: SessionEnd): void;
  /** Counters or latency moved. */
  changed(): void;
  /**
   * Something for the panel's error line: about a command (a nack, no ack), or about keeping in
   * sync (a broken dump, an event that does not fit), which the next good snapshot settles.
   */
  problem(message: string, about: 'command' | 'sync'): void;
}

export interface LinkSessionOptions {
  hooks: SessionHooks;
  time: LinkTime;
  /** The link's counters: the session adds to them. */
  counters: LinkCounters;
  /** The link's command queue: it outlives sessions, so the latest LED state survives a replug. */
  commands: CommandQueue;
  pings: PingTracker;
  app: [number, number, number];
}

const LIVE_EVENTS = new Set(['module-info', 'module-gone', 'cable-on', 'cable-off', 'jack', 'knob', 'switch', 'fault']);

function isCaseEvent(message: Frame['message']): message is CaseEvent {
  return LIVE_EVENTS.has(message.kind);
}

function helloOf(message: HelloMessage): CaseHello {
  const { kind: _, ...hello } = message;
  return hello;
}

export class LinkSession {
  private phaseNow: SessionPhase = 'handshake';
  private readonly intake = new RackIntake();
  private outSeq = 0;
  private outbox: Uint8Array[] = [];
  private flushQueued = false;
  private disposed = false;

  private hello: CaseHello | null = null;
  private helloTries = 0;
  private caseState: CaseState | null = null;

  private assembler: SnapshotAssembler | null = null;
  private snapshotInFlight = false;
  private lastSnapshotReqAt = Number.NEGATIVE_INFINITY;
  private heldEvents: CaseEvent[] = [];

  private helloTimer: Cancel = null;
  private snapshotTimer: Cancel = null;
  private resyncTimer: Cancel = null;
  private heartbeatTimer: Cancel = null;
  private pingTimer: Cancel = null;

  private readonly pump: CommandPump;

  constructor(private readonly options: LinkSessionOptions) {
    this.pump = new CommandPump({
      commands: options.commands,
      time: options.time,
      send: (message, flags) => this.send(message, flags),
      problem: (message) => options.hooks.problem(message, 'command'),
    });
  }

  /** Sends the flush byte and the first hello-req. */
  start(): void {
    // A lone 0x00 ends whatever half-frame the rack's decoder holds from an earlier session.
    this.outbox.push(Uint8Array.of(0));
    this.sendHelloReq();
  }

  receive(chunk: Uint8Array): void {
    if (this.disposed) return;
    const frames = this.intake.push(chunk);
    // Junk before the hello is expected (boot noise, a rack left streaming): only count after it.
    if (this.intake.foldStats(this.options.counters, this.hello !== null)) this.options.hooks.changed();
    for (const frame of frames) {
      if (this.disposed) return;
      this.handle(frame);
    }
  }

  /** New commands were queued: send them when the budget allows. */
  kick(): void {
    if (this.hello) this.pump.kick();
  }

  /** A newer command for `key` was queued: stop resending the one in flight. */
  supersede(key: string): void {
    this.pump.supersede(key);
  }

  dispose(): void {
    this.disposed = true;
    this.helloTimer = cancel(this.helloTimer);
    this.snapshotTimer = cancel(this.snapshotTimer);
    this.resyncTimer = cancel(this.resyncTimer);
    this.heartbeatTimer = cancel(this.heartbeatTimer);
    this.pingTimer = cancel(this.pingTimer);
    this.pump.stop();
    this.outbox = [];
  }

  // --- receiving ---

  private handle(frame: Frame): void {
    const message = frame.message;
    if (message.kind === 'hello') {
      this.onHello(message, frame.seq);
      return;
    }
    if (!this.hello) {
      // A rack that does not speak our major may answer the hello-req with only a NACK `version`.
      if (message.kind === 'nack' && message.error === 'version') this.end({ reason: 'incompatible', rackMajor: null });
      return; // anything else before the hello is stale traffic from an earlier session
    }
    if (!this.checkSeq(frame.seq)) return;
    if ((frame.flags & FLAG_SNAPSHOT) !== 0 || message.kind === 'snap-end') {
      if (this.assembler) this.feedDump(frame);
      // Dump frames without their snap-begin (it was lost): not live events, and the dump is broken.
      else if (this.snapshotInFlight) this.snapshotFailed('snap-begin missing');
      return;
    }
    switch (message.kind) {
      case 'snap-begin':
        this.assembler = new SnapshotAssembler();
        this.assembler.begin(message, this.hello);
        return;
      case 'heartbeat':
        this.onHeartbeat(message);
        return;
      case 'pong':
        if (this.options.pings.pong(message.token, this.now())) this.options.hooks.changed();
        return;
      case 'ack':
        this.pump.acked(message.ackedSeq);
        return;
      case 'nack':
        this.pump.refused(message.ackedSeq, message.error);
        return;
      case 'log':
        return;
      default:
        if (isCaseEvent(message)) this.onEvent(message);
    }
  }

  private onHello(message: HelloMessage, seq: number): void {
    if (message.protoMajor !== PROTOCOL_MAJOR) {
      this.end({ reason: 'incompatible', rackMajor: message.protoMajor });
      return;
    }
    const first = this.hello === null;
    // A rack answers every hello-req and also says hello by itself when the port opens, so a
    // second hello in the same seq run is only another answer. A hello that breaks the run comes
    // from a bridge that rebooted: its state and its seq start over.
    const continues = this.intake.helloContinuesRun(seq);
    if (!first && continues) return;
    const hello = helloOf(message);
    this.hello = hello;
    this.helloTimer = cancel(this.helloTimer);
    if (!this.options.hooks.hello(hello, first) || this.disposed) return;
    if (first) {
      this.setPhase('syncing');
      this.watchHeartbeat();
      this.ping();
      this.requestSnapshot();
      this.pump.kick();
    } else {
      this.assembler = null;
      this.snapshotInFlight = false;
      this.requestResync();
    }
  }

  /** True to handle the frame; false for a duplicate of the previous one. Counts gaps. */
  private checkSeq(seq: number): boolean {
    const verdict = this.intake.check(seq);
    if (verdict === 'gap') {
      this.options.counters.seqGaps++;
      this.options.hooks.changed();
      // A frame lost before a dump begins is covered by the dump; one lost inside it fails its frame count.
      if (!this.snapshotInFlight) this.requestResync();
    }
    return verdict !== 'duplicate';
  }

  private feedDump(frame: Frame): void {
    const result = this.assembler!.accept(frame);
    if (result === 'more') return;
    this.assembler = null;
    if ('error' in result) {
      this.snapshotFailed(result.error);
      return;
    }
    this.snapshotInFlight = false;
    this.snapshotTimer = cancel(this.snapshotTimer);
    this.caseState = result.state;
    this.options.hooks.snapshot(result.state);
    const held = this.heldEvents;
    this.heldEvents = [];
    for (const event of held) if (!this.disposed) this.onEvent(event);
    if (this.phaseNow === 'syncing') this.setPhase('online');
  }

  private onEvent(event: CaseEvent): void {
    if (this.assembler) {
      this.heldEvents.push(event);
      return;
    }
    // Before the first snapshot: the dump that was asked for already holds this change.
    if (!this.caseState) return;
    const result = applyCaseEvent(this.caseState, event);
    if (result.error) {
      this.options.hooks.problem(`${describeMessage(event)}: ${result.error}; resyncing`, 'sync');
      this.requestResync();
      return;
    }
    this.caseState = result.state;
    this.options.hooks.event(event, result.state);
  }

  private onHeartbeat(message: HeartbeatMessage): void {
    const counters = this.options.counters;
    if (counters.rackCrcErrors !== message.crcErrors || counters.rackDropped !== message.dropped) {
      counters.rackCrcErrors = message.crcErrors;
      counters.rackDropped = message.dropped;
      this.options.hooks.changed();
    }
    this.watchHeartbeat();
    if (this.phaseNow === 'stale') this.setPhase(this.caseState ? 'online' : 'syncing');
    if (this.caseState && !this.snapshotInFlight && message.stateGen !== this.caseState.stateGen) this.requestResync();
  }

  // --- timers ---

  private sendHelloReq(): void {
    this.helloTries++;
    this.send({ kind: 'hello-req', protoMajor: PROTOCOL_MAJOR, protoMinor: PROTOCOL_MINOR, app: this.options.app });
    this.helloTimer = this.options.time.timers.schedule(() => {
      this.helloTimer = null;
      if (this.helloTries < policy.HELLO_TRIES) this.sendHelloReq();
      else this.end({ reason: 'no-answer' });
    }, policy.HELLO_RETRY_MS);
  }

  private watchHeartbeat(): void {
    cancel(this.heartbeatTimer);
    this.heartbeatTimer = this.options.time.timers.schedule(() => {
      this.setPhase('stale');
      this.heartbeatTimer = this.options.time.timers.schedule(
        () => this.end({ reason: 'silent' }),
        policy.HEARTBEAT_LOST_MS - policy.HEARTBEAT_STALE_MS,
      );
    }, policy.HEARTBEAT_STALE_MS);
  }

  private ping(): void {
    this.send({ kind: 'ping', token: this.options.pings.ping(this.now()) });
    this.pingTimer = this.options.time.timers.schedule(() => this.ping(), policy.PING_INTERVAL_MS);
  }

  private requestSnapshot(): void {
    this.resyncTimer = cancel(this.resyncTimer);
    this.lastSnapshotReqAt = this.now();
    this.snapshotInFlight = true;
    this.send({ kind: 'snapshot-req' });
    cancel(this.snapshotTimer);
    this.snapshotTimer = this.options.time.timers.schedule(() => {
      this.snapshotTimer = null;
      this.snapshotFailed(`no snap-end within ${policy.SNAPSHOT_TIMEOUT_MS} ms`);
    }, policy.SNAPSHOT_TIMEOUT_MS);
  }

  private snapshotFailed(why: string): void {
    this.assembler = null;
    this.snapshotInFlight = false;
    this.snapshotTimer = cancel(this.snapshotTimer);
    this.options.hooks.problem(policy.LINK_MESSAGES.badSnapshot(why), 'sync');
    // Events held for the broken dump are covered by the next one.
    this.heldEvents = [];
    this.requestResync();
  }

  /** Asks for a new snapshot now, or as soon as the once-a-second limit allows. */
  private requestResync(): void {
    if (this.snapshotInFlight || this.resyncTimer) return;
    const wait = this.lastSnapshotReqAt + policy.RESNAPSHOT_MIN_INTERVAL_MS - this.now();
    if (wait > 0) {
      this.resyncTimer = this.options.time.timers.schedule(() => {
        this.resyncTimer = null;
        this.requestResync();
      }, wait);
      return;
    }
    this.options.counters.resyncs++;
    this.options.hooks.changed();
    this.requestSnapshot();
  }

  // --- sending ---

  /** Queues one frame for this tick's write; returns its seq. */
  private send(message: HostMessage, flags = 0): number {
    const seq = this.outSeq;
    this.outSeq = (seq + 1) & 0xff;
    this.outbox.push(encodeFrame(message, seq, flags));
    this.options.counters.framesOut++;
    if (!this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(() => this.flushOutbox());
    }
    return seq;
  }

  private flushOutbox(): void {
    this.flushQueued = false;
    if (this.disposed || this.outbox.length === 0) return;
    const frames = this.outbox;
    this.outbox = [];
    const bytes = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
    let at = 0;
    for (const frame of frames) {
      bytes.set(frame, at);
      at += frame.length;
    }
    this.options.hooks.write(bytes);
  }

  // --- state ---

  private setPhase(phase: SessionPhase): void {
    if (this.phaseNow === phase) return;
    this.phaseNow = phase;
    this.options.hooks.phase(phase);
  }

  private end(end: SessionEnd): void {
    this.dispose();
    this.options.hooks.ended(end);
  }

  private now(): number {
    return this.options.time.clock.now();
  }
}

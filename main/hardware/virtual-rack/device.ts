/**
 * One case's bridge microcontroller as the protocol describes it (serial-link.md §4, messages.ts),
 * with no I/O: host bytes or frames in, rack frames out through `send`. The pty shell
 * (virtual-case.ts) encodes and writes what it sends; tests feed frames and read the replies.
 *
 * - Attached (boot, USB replug): says hello unasked and starts its heartbeat; says it again when
 *   the host's flush byte shows it (re)opened the port (a pty's stand-in for DTR).
 * - hello-req: hello. One in another protocol major gets the hello (its major tells the host what
 *   the rack speaks, PROTOCOL.md §8) and NACK `version`; then the rack stays quiet (no events, no
 *   heartbeats, NACK `version` to every other command) until a hello-req in its own major.
 * - snapshot-req: snap-begin, the dump flagged FLAG_SNAPSHOT, snap-end. The dump goes out in one
 *   synchronous burst, so no live event can land inside it.
 * - LED, gate, guide and config commands change what the rack shows, ACKed on FLAG_ACK_REQ;
 *   a target that does not exist gets NACK `bad-index`; types it does not take get NACK `unknown-type`.
 * - Every state event bumps stateGen; frames that fail to decode are counted and reported in the
 *   heartbeat as crcErrors, frames the shell could not deliver as dropped.
 */
import type { Clock } from '../../time/clock';
import type { TimerPort } from '../../time/timers';
import {
  applyCaseEvent,
  FLAG_ACK_REQ,
  FLAG_SNAPSHOT,
  FrameDecoder,
  messageDirection,
  type AckMessage,
  type CaseModule,
  type CaseState,
  type CaseStateEvent,
  type Frame,
  type GuideState,
  type HostMessage,
  type JackAddress,
  type JackDirection,
  type LogLevel,
  type NackError,
  type NackMessage,
  type RackMessage,
  type RejectReason,
  snapshotMessages,
} from '../codec/index';
import { cableInto, cablesAt, cableProblem, jackProblem, moduleAt, sameCable } from './case-rules';
import { isPanelCommand, PanelLights, type LedLight } from './panel-lights';

export type RackOutMessage = RackMessage | AckMessage | NackMessage;

/** Commands kept in `received` (oldest dropped first), so a long run with LED streams stays bounded. */
export const RECEIVED_LIMIT = 10_000;
/** How the rack answers a frame with a good CRC that it still cannot take (PROTOCOL.md, errors). */
const NACK_FOR: Record<RejectReason, NackError> = { 'unknown-type': 'unknown-type', length: 'bad-length', value: 'bad-index' };
const U16 = 0x10000;
const U32 = 0x1_0000_0000;

export interface RackDeviceOptions {
  /** The case as it is at power-on (hello included). */
  state: CaseState;
  /** 0 = no heartbeat. */
  heartbeatMs: number;
  clock: Clock;
  timers: TimerPort;
  /** One frame out, its seq already assigned. Not called while detached. */
  send: (frame: Frame<RackOutMessage>) => void;
}

export class RackDevice {
  private truth: CaseState;
  private seq = 0;
  private attached = false;
  /** After a NACK `version`: the host speaks another major; say nothing until it asks again in ours. */
  private incompatible = false;
  private heartbeatMs: number;
  private cancelHeartbeat: (() => void) | undefined;
  private readonly bootedAt: number;
  private readonly decoder: FrameDecoder;
  private droppedFrames = 0;
  /** The last byte from the host; 0 at attach, as if a delimiter came before. */
  private lastByteIn = 0;
  private readonly panel: PanelLights;
  private readonly listeners = new Set<(frame: Frame<HostMessage>) => void>();
  /** Host → rack commands received, newest last. */
  readonly received: Frame<HostMessage>[] = [];
  /** The last config the host sent (knob settings are not applied: the emulator sends every turn). */
  config: { knobMinIntervalMs: number; knobDeadband: number } | null = null;

  constructor(private readonly options: RackDeviceOptions) {
    this.truth = options.state;
    this.heartbeatMs = options.heartbeatMs;
    this.bootedAt = options.clock.now();
    this.decoder = new FrameDecoder({ onRejected: (reason, _type, seq) => this.nack(seq, NACK_FOR[reason]) });
    this.panel = new PanelLights(options.timers);
  }

  // --- link ---

  /** The host end appeared (power-on, USB replug): hello unasked, then heartbeats. */
  attach(): void {
    this.attached = true;
    this.incompatible = false;
    this.lastByteIn = 0;
    this.sendHello();
    this.restartHeartbeat();
  }

  /**
   * USB unplug: nothing goes out until attach(); the case keeps its state (cables stay in). The
   * guide lights go out, as PROTOCOL.md asks when DTR drops: no host is guiding anyone.
   */
  detach(): void {
    this.attached = false;
    this.panel.clearGuide();
    this.cancelHeartbeat?.();
    this.cancelHeartbeat = undefined;
  }

  get isAttached(): boolean {
    return this.attached;
  }

  /**
   * Bytes from the host, in any split. A pty has no DTR, and opening one flushes what was
   * written before, so the unasked hello of attach() is usually lost: the host's flush byte (a
   * 0x00 that ends no frame) stands in for the DTR rise, and the rack says hello again.
   */
  receiveBytes(chunk: Uint8Array): void {
    if (this.flushByteIn(chunk)) this.sendHello();
    for (const frame of this.decoder.push(chunk)) this.receive(frame);
  }

  /** Whether the chunk holds a 0x00 right after another 0x00 (or first after attach): an empty frame, which no encoder makes. */
  private flushByteIn(chunk: Uint8Array): boolean {
    let found = false;
    for (const byte of chunk) {
      if (byte === 0 && this.lastByteIn === 0) found = true;
      this.lastByteIn = byte;
    }
    return found;
  }

  /** The shell could not deliver `n` frames (its TX queue was full): reported as `dropped`. */
  countDropped(n: number): void {
    this.droppedFrames += n;
  }

  /** Host frames that did not decode: bad CRC, broken COBS, wrong length, oversize. */
  get badFrames(): number {
    const s = this.decoder.stats;
    return s.crcErrors + s.malformed + s.badLength + s.oversize;
  }

  get framesIn(): number {
    return this.decoder.stats.frames + this.decoder.stats.unknownType;
  }

  get dropped(): number {
    return this.droppedFrames;
  }

  onCommand(listener: (frame: Frame<HostMessage>) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** One decoded frame from the host. */
  receive(frame: Frame): void {
    const message = frame.message;
    if (message.kind === 'ack' || message.kind === 'nack') return;
    if (messageDirection(message.kind) !== 'host→rack') return this.nack(frame.seq, 'unknown-type');
    const command = frame as Frame<HostMessage>;
    this.received.push(command);
    if (this.received.length > RECEIVED_LIMIT) this.received.splice(0, this.received.length - RECEIVED_LIMIT);
    for (const listener of this.listeners) listener(command);
    this.handle(command);
  }

  // --- what the performer does ---

  plug(from: JackAddress, to: JackAddress): void {
    const problem = cableProblem(this.truth.modules, from, to);
    if (problem) throw new Error(`cannot plug ${from.slot}.${from.jack} → ${to.slot}.${to.jack}: ${problem}`);
    const taken = cableInto(this.truth.cables, to);
    if (taken && sameCable(taken, { from, to })) return;
    if (taken) {
      // Two outputs into one input (PROTOCOL.md fault): `detail` is the input; the cable already
      // there stays, the new one is refused.
      this.sendEvent({ kind: 'fault', code: 'cable-conflict', slot: to.slot, detail: to.jack });
      return;
    }
    this.sendEvent({ kind: 'cable-on', from: { ...from }, to: { ...to } });
  }

  unplug(from: JackAddress, to: JackAddress): void {
    if (!this.truth.cables.some((c) => sameCable(c, { from, to })))
      throw new Error(`cannot unplug ${from.slot}.${from.jack} → ${to.slot}.${to.jack}: there is no such cable`);
    this.sendEvent({ kind: 'cable-off', from: { ...from }, to: { ...to } });
  }

  turn(slot: number, knob: number, value: number): void {
    this.checkControl(slot, knob, 'knobs');
    if (!Number.isInteger(value) || value < 0 || value >= U16) throw new Error(`a knob value is 0..65535, got ${value}`);
    this.sendEvent({ kind: 'knob', slot, knob, value });
  }

  flip(slot: number, sw: number, position: number): void {
    this.checkControl(slot, sw, 'switches');
    if (!Number.isInteger(position) || position < 0 || position > 255)
      throw new Error(`a switch position is 0..255, got ${position}`);
    this.sendEvent({ kind: 'switch', slot, switch: sw, position });
  }

  jack(slot: number, direction: JackDirection, jack: number, inserted: boolean): void {
    const problem = jackProblem(this.truth.modules, { slot, jack }, direction);
    if (problem) throw new Error(`no such jack: ${problem}`);
    this.sendEvent({ kind: 'jack', slot, direction, jack, inserted });
  }

  /** A module slid in: module-info, then where its knobs and switches are (keyed `slot/index`). */
  insertModule(module: CaseModule, controls: { knobs: Record<string, number>; switches: Record<string, number> }): void {
    if (moduleAt(this.truth.modules, module.slot)) throw new Error(`slot ${module.slot} already holds a module: remove it first`);
    this.sendEvent({ kind: 'module-info', ...module });
    for (const [key, value] of Object.entries(controls.knobs)) this.sendEvent({ kind: 'knob', ...control(key), value });
    for (const [key, position] of Object.entries(controls.switches)) {
      const { slot, knob } = control(key);
      this.sendEvent({ kind: 'switch', slot, switch: knob, position });
    }
  }

  /** A module pulled out: its cables come out first, then module-gone. */
  removeModule(slot: number): void {
    if (!moduleAt(this.truth.modules, slot)) throw new Error(`there is no module in slot ${slot}`);
    for (const cable of cablesAt(this.truth.cables, slot)) this.sendEvent({ kind: 'cable-off', ...cable });
    this.sendEvent({ kind: 'module-gone', slot });
    this.panel.forgetSlot(slot);
  }

  log(level: LogLevel, text: string): void {
    this.sendOut({ kind: 'log', level, text });
  }

  // --- what the rack shows ---

  state(): CaseState {
    return structuredClone(this.truth);
  }

  leds(): Record<string, number> {
    return this.panel.leds();
  }

  /** Level, mode and RGB override of every LED the host has set, keyed `slot/led`. */
  ledDetails(): Record<string, LedLight> {
    return this.panel.ledDetails();
  }

  guide(): Record<string, GuideState> {
    return this.panel.guide();
  }

  gates(): Record<string, number> {
    return this.panel.gates();
  }

  // --- internals ---

  private handle(frame: Frame<HostMessage>): void {
    const m = frame.message;
    if (m.kind === 'hello-req') {
      this.incompatible = m.protoMajor !== this.truth.hello.protoMajor;
      this.sendHello();
      if (this.incompatible) this.nack(frame.seq, 'version');
      return;
    }
    if (this.incompatible) return this.nack(frame.seq, 'version');
    if (isPanelCommand(m))
      return this.panel.apply(m, this.truth.modules) ? this.ackIfAsked(frame) : this.nack(frame.seq, 'bad-index');
    switch (m.kind) {
      case 'snapshot-req':
        return this.dump(frame.seq);
      case 'ping':
        return this.sendOut({ kind: 'pong', token: m.token });
      case 'config':
        // PROTOCOL.md config: the heartbeat period is 100–5000 ms, a knob interval 1–255 ms.
        if (m.heartbeatMs < 100 || m.heartbeatMs > 5000 || m.knobMinIntervalMs < 1) return this.nack(frame.seq, 'bad-index');
        this.config = { knobMinIntervalMs: m.knobMinIntervalMs, knobDeadband: m.knobDeadband };
        this.heartbeatMs = m.heartbeatMs;
        this.restartHeartbeat();
        return this.ackIfAsked(frame);
    }
  }

  private checkControl(slot: number, index: number, what: 'knobs' | 'switches'): void {
    const module = moduleAt(this.truth.modules, slot);
    if (!module) throw new Error(`there is no module in slot ${slot}`);
    if (!Number.isInteger(index) || index < 0 || index >= module[what])
      throw new Error(
        `the module in slot ${slot} has ${module[what] ? `${what} 0..${module[what] - 1}` : `no ${what}`}, not ${index}`,
      );
  }

  /** A state event: the truth changes (as the host will change its copy), stateGen moves, the event goes out. */
  private sendEvent(event: CaseStateEvent): void {
    const result = applyCaseEvent(this.truth, event);
    if (result.error) throw new Error(`the rack cannot ${event.kind}: ${result.error}`);
    this.truth = result.state;
    this.sendOut(event);
  }

  private dump(reqSeq: number): void {
    const body = snapshotMessages(this.truth);
    const { stateGen, modules, cables } = this.truth;
    this.sendOut({ kind: 'snap-begin', reqSeq, stateGen, modules: modules.length, cables: cables.length });
    for (const message of body) this.sendOut(message, FLAG_SNAPSHOT);
    this.sendOut({ kind: 'snap-end', reqSeq, stateGen, frameCount: body.length });
  }

  private sendHello(): void {
    this.sendOut({ kind: 'hello', ...this.truth.hello });
  }

  private restartHeartbeat(): void {
    this.cancelHeartbeat?.();
    this.cancelHeartbeat = undefined;
    if (!this.attached || this.heartbeatMs <= 0) return;
    const beat = () => {
      this.cancelHeartbeat = this.options.timers.schedule(beat, this.heartbeatMs);
      this.sendOut({
        kind: 'heartbeat',
        uptimeMs: Math.floor(this.options.clock.now() - this.bootedAt) % U32,
        stateGen: this.truth.stateGen,
        // Both saturate (PROTOCOL.md heartbeat): a wrapped counter would look like a recovery.
        crcErrors: Math.min(this.badFrames, U16 - 1),
        dropped: Math.min(this.droppedFrames, U16 - 1),
      });
    };
    this.cancelHeartbeat = this.options.timers.schedule(beat, this.heartbeatMs);
  }

  private ackIfAsked(frame: Frame): void {
    if (frame.flags & FLAG_ACK_REQ) this.sendOut({ kind: 'ack', ackedSeq: frame.seq });
  }

  private nack(ackedSeq: number, error: NackError): void {
    this.sendOut({ kind: 'nack', ackedSeq, error });
  }

  private sendOut(message: RackOutMessage, flags = 0): void {
    if (!this.attached) return;
    if (this.incompatible && !isAnswer(message)) return;
    const seq = this.seq;
    this.seq = (this.seq + 1) & 0xff;
    this.options.send({ seq, flags, message });
  }
}

/** What an incompatible rack still sends: the hello and NACKs that tell the host why it is silent. */
function isAnswer(message: RackOutMessage): boolean {
  return message.kind === 'hello' || message.kind === 'nack';
}

/** `slot/index` → numbers. */
function control(key: string): { slot: number; knob: number } {
  const [slot, index] = key.split('/').map(Number) as [number, number];
  return { slot, knob: index };
}

/**
 * One virtual case: the pure RackDevice behind a socat pty pair, spoken to through serialport's
 * SerialPort (the same stack the app uses, so the emulator's end is exercised too; Node fs streams
 * on a pty give no clean "device gone" signal and would need their own raw-mode setup).
 *
 * Frames the device sends in one event-loop turn go out in one write (firmware flushes once per
 * loop tick too; one write per frame would cost a syscall each at 1 kHz). Faults are applied to
 * those bytes on their way out. If the app does not read, the kernel buffers fill and so would
 * the write queue: above TX_QUEUE_LIMIT the batch is dropped and counted, as firmware drops its
 * queue instead of blocking.
 */
import { SerialPort } from 'serialport';
import type { Catalog } from '../../patch/catalog';
import {
  encodeFrame,
  type CaseState,
  type Frame,
  type GuideState,
  type HostMessage,
  type JackAddress,
  type JackDirection,
  type LogLevel,
} from '../codec/index';
import { systemLinkTime, type LinkTime } from '../link/link-time';
import { defForTypeId, switches } from '../mirror/module-map';
import { placeModule, type ResolvedCase } from './case-spec';
import { RackDevice, type RackOutMessage } from './device';
import type { LedLight } from './panel-lights';
import { ByteFaults, checkFaults, NO_FAULTS } from './faults';
import { openPtyPair, ptyPaths, type PtyPair } from './pty-pair';
import type { FaultSettings, RackCounters, VirtualCase, VirtualModuleSpec } from './types';

/** Bytes the rack lets pile up in its write queue before it drops frames (a firmware TX FIFO, generously sized). */
export const TX_QUEUE_LIMIT = 16 * 1024;
/**
 * Silence before socat is killed on a USB unplug. serialport 13 on a pty: if the hangup lands
 * while the app's read is in flight (right after data arrived), the read returns 0 bytes and
 * bindings-cpp retries it forever (unix-read.js), spinning and never emitting `close`. Parked in
 * poll instead, the app sees the hangup as `close` with `disconnected`, as a real USB unplug.
 */
export const QUIET_BEFORE_UNPLUG_MS = 25;
/** CDC ignores the baud rate, but SerialPort needs one. */
const BAUD_RATE = 115_200;

export interface VirtualCaseOptions {
  resolved: ResolvedCase;
  catalog: Catalog;
  dir: string;
  seed: number;
  time?: LinkTime;
}

export class PtyVirtualCase implements VirtualCase {
  readonly name: string;
  readonly bridgeUid: string;
  readonly path: string;
  private readonly device: RackDevice;
  private readonly byteFaults: ByteFaults;
  private faultSettings: FaultSettings = { ...NO_FAULTS };
  private pair: PtyPair | null = null;
  private port: SerialPort | null = null;
  /** Frames sent this event-loop turn, written together. */
  private batch: Uint8Array[] = [];
  private flushQueued = false;
  /** Delayed batches in due order (fault delayMs), so a delay never reorders bytes. */
  private delayed: { due: number; bytes: Uint8Array; frames: number }[] = [];
  private delayTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly stats = { framesOut: 0, bytesOut: 0 };
  private closed = false;

  private constructor(private readonly options: VirtualCaseOptions) {
    const { resolved } = options;
    this.name = resolved.name;
    this.bridgeUid = resolved.bridgeUid;
    this.path = ptyPaths(options.dir, resolved.linkName).appPath;
    this.byteFaults = new ByteFaults(options.seed);
    const time = options.time ?? systemLinkTime;
    this.device = new RackDevice({
      state: resolved.state,
      heartbeatMs: resolved.heartbeatMs,
      clock: time.clock,
      timers: time.timers,
      send: (frame) => this.queue(frame),
    });
  }

  /** Creates the pty pair, opens the rack's end and says hello. */
  static async start(options: VirtualCaseOptions): Promise<PtyVirtualCase> {
    const c = new PtyVirtualCase(options);
    await c.replugUsb();
    return c;
  }

  // --- VirtualCase ---

  get faults(): FaultSettings {
    return this.faultSettings;
  }

  set faults(settings: FaultSettings) {
    this.faultSettings = checkFaults({ ...settings });
  }

  get received(): Frame<HostMessage>[] {
    return this.device.received;
  }

  get plugged(): boolean {
    return this.port !== null;
  }

  state(): CaseState {
    return this.device.state();
  }

  plug(from: JackAddress, to: JackAddress): void {
    this.device.plug(from, to);
  }

  unplug(from: JackAddress, to: JackAddress): void {
    this.device.unplug(from, to);
  }

  turn(slot: number, knob: number, value: number): void {
    this.device.turn(slot, knob, value);
  }

  flip(slot: number, sw: number, position: number): void {
    const module = this.device.state().modules.find((m) => m.slot === slot);
    const def = module && defForTypeId(this.options.catalog, module.typeId);
    const positions = def && switches(def)[sw]?.positions.length;
    if (positions !== undefined && !(position >= 0 && position < positions))
      throw new Error(`switch ${sw} of the ${def!.type} in slot ${slot} has positions 0..${positions - 1}, not ${position}`);
    this.device.flip(slot, sw, position);
  }

  jack(slot: number, direction: JackDirection, jack: number, inserted: boolean): void {
    this.device.jack(slot, direction, jack, inserted);
  }

  insertModule(spec: VirtualModuleSpec): void {
    const placed = placeModule(spec, this.device.state().modules, this.options.catalog, this.bridgeUid);
    this.device.insertModule(placed.module, placed);
  }

  removeModule(slot: number): void {
    this.device.removeModule(slot);
  }

  log(level: LogLevel, text: string): void {
    this.device.log(level, text);
  }

  onCommand(listener: (frame: Frame<HostMessage>) => void): () => void {
    return this.device.onCommand(listener);
  }

  leds(): Record<string, number> {
    return this.device.leds();
  }

  ledDetails(): Record<string, LedLight> {
    return this.device.ledDetails();
  }

  guide(): Record<string, GuideState> {
    return this.device.guide();
  }

  gates(): Record<string, number> {
    return this.device.gates();
  }

  counters(): RackCounters {
    const d = this.device;
    return { ...this.stats, framesIn: d.framesIn, badFrames: d.badFrames, dropped: d.dropped };
  }

  async unplugUsb(): Promise<void> {
    this.device.detach();
    // What the rack sent before the unplug is on the wire already; what a fault delays is lost.
    this.flush();
    this.clearDelayed();
    const { pair, port } = this;
    if (port?.isOpen) await new Promise<void>((resolve) => port.drain(() => resolve()));
    this.pair = null;
    this.port = null;
    if (pair) await new Promise((resolve) => setTimeout(resolve, QUIET_BEFORE_UNPLUG_MS));
    // The rack's own end is closed first, so the same 0-byte loop cannot catch it either.
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    await pair?.close();
  }

  async replugUsb(): Promise<void> {
    if (this.closed) throw new Error(`virtual case "${this.name}" is closed`);
    if (this.port) return;
    const pair = await openPtyPair(this.options.dir, this.options.resolved.linkName);
    const port = new SerialPort({ path: pair.rackPath, baudRate: BAUD_RATE, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    port.on('data', (chunk: Buffer) => this.device.receiveBytes(chunk));
    // A write to a pty whose pair is gone fails; the close that follows is the unplug.
    port.on('error', () => {});
    port.once('close', () => {
      if (this.port === port) void this.unplugUsb();
    });
    // Someone else ended socat (or it died): that is an unplug too.
    void pair.exited.then(() => {
      if (this.pair === pair) void this.unplugUsb();
    });
    this.pair = pair;
    this.port = port;
    this.device.attach();
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.unplugUsb();
  }

  // --- writing ---

  private queue(frame: Frame<RackOutMessage>): void {
    this.batch.push(encodeFrame(frame.message, frame.seq, frame.flags));
    if (this.flushQueued) return;
    this.flushQueued = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushQueued = false;
    const frames = this.batch;
    this.batch = [];
    if (!frames.length || !this.port) return;
    const bytes = this.byteFaults.apply(Buffer.concat(frames), this.faultSettings);
    if (this.faultSettings.delayMs > 0 || this.delayed.length) {
      const last = this.delayed[this.delayed.length - 1]?.due ?? 0;
      this.delayed.push({ due: Math.max(performance.now() + this.faultSettings.delayMs, last), bytes, frames: frames.length });
      this.armDelay();
      return;
    }
    this.write(bytes, frames.length);
  }

  private write(bytes: Uint8Array, frames: number): void {
    const port = this.port;
    if (!port) return;
    if (port.writableLength > TX_QUEUE_LIMIT) {
      this.device.countDropped(frames);
      return;
    }
    this.stats.framesOut += frames;
    this.stats.bytesOut += bytes.length;
    port.write(bytes);
  }

  private armDelay(): void {
    if (this.delayTimer || !this.delayed.length) return;
    this.delayTimer = setTimeout(
      () => {
        this.delayTimer = null;
        const now = performance.now();
        while (this.delayed.length && this.delayed[0]!.due <= now) {
          const next = this.delayed.shift()!;
          this.write(next.bytes, next.frames);
        }
        this.armDelay();
      },
      Math.max(0, this.delayed[0]!.due - performance.now()),
    );
  }

  private clearDelayed(): void {
    if (this.delayTimer) clearTimeout(this.delayTimer);
    this.delayTimer = null;
    this.delayed = [];
  }
}

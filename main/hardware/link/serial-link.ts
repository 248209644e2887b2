/**
 * One case's link: a serial port opened, talked to by a LinkSession, and opened again with
 * backoff when it goes away. Status, snapshots and events go to the link manager's listener.
 *
 * Life: opening → handshake → syncing → online ⇄ stale; the port closing (unplug, kill of the
 * pty's socat, a read or write error) → lost at once → reconnect after 250 ms, 500 ms, … 5 s, or
 * 100 ms after a watch sees the port come back (reconnect-schedule.ts), by reopening the path (for
 * a USB bridge, wherever list() shows its VID/PID/serial now) → hello of the same bridge →
 * snapshot → online; the latest LED/gate/guide state is sent again. A rack of another protocol major → incompatible, closed,
 * no retry. The first connect resolves at the hello, or rejects and leaves nothing open.
 */
import type { CaseHello, CaseState, HostMessage } from '../codec';
import { emptyCounters, type LinkInfo, type LinkStatus } from '../mirror/types';
import { CommandQueue, commandKey } from './command-queue';
import { LinkSession, type SessionEnd, type SessionPhase } from './link-session';
import * as policy from './link-policy';
import { type Cancel, cancel, type LinkTime } from './link-time';
import type { CaseEvent } from './link-types';
import { PingTracker } from './ping-tracker';
import { findUsbPort, type ListPorts, type UsbIdentity } from './port-discovery';
import type { WatchPort } from './port-watch';
import { ReconnectSchedule } from './reconnect-schedule';
import type { OpenPort, SerialPortLike } from './serial-port';

/** Where a link reports (the manager forwards to the LinkListener under the link's current id). */
export interface LinkReports {
  status(info: LinkInfo): void;
  snapshot(link: SerialLink, state: CaseState): void;
  event(link: SerialLink, event: CaseEvent): void;
  /** At the hello of the first connect: null to go on, or why this case may not use this link. */
  admit(link: SerialLink, hello: CaseHello): string | null;
  /** After a reconnect another case answered on this link's path (the link has let the port go). */
  otherCase(link: SerialLink, path: string): void;
}

export interface SerialLinkOptions {
  path: string;
  openPort: OpenPort;
  /** Lists ports to find a USB bridge again after a replug; null where listing is not possible. */
  list: ListPorts | null;
  time: LinkTime;
  reports: LinkReports;
  app: [number, number, number];
  /** Watches for the port coming back while lost, to try at once instead of at the next backoff step; null: backoff only. */
  watch: WatchPort | null;
}

const noop = (): void => {};

export class SerialLink {
  private pathNow: string;
  private uid: string | null = null;
  private statusNow: LinkStatus = 'opening';
  private error: string | null = null;
  /** What `error` is about when the session set it: a sync problem clears with the next good snapshot. */
  private errorAbout: 'command' | 'sync' | null = null;
  private name: string | null = null;
  private firmware: string | null = null;
  private protocol: string | null = null;
  private row: number | null = null;
  private modules = 0;
  private readonly counters = emptyCounters();
  private readonly commands = new CommandQueue({ rate: policy.LINK_COMMAND_RATE, burst: policy.COMMAND_BURST });
  private readonly pings = new PingTracker(policy.RTT_WINDOW);
  private usb: UsbIdentity | null = null;

  private port: SerialPortLike | null = null;
  private session: LinkSession | null = null;
  /** True once a hello was accepted: from then on a loss reconnects. */
  private connected = false;
  private closed = false;
  private gaveUp = false;
  private readonly reconnects: ReconnectSchedule;
  private reportTimer: Cancel = null;
  private lastReportAt = Number.NEGATIVE_INFINITY;
  private firstConnect: { resolve: (info: LinkInfo) => void; reject: (error: Error) => void } | null = null;

  constructor(private readonly options: SerialLinkOptions) {
    this.pathNow = options.path;
    this.reconnects = new ReconnectSchedule({ time: options.time, watch: options.watch, attempt: () => void this.reconnect() });
  }

  /** The bridge uid once the rack said hello, else `port:<path>`. */
  get id(): string {
    return this.uid ?? `port:${this.options.path}`;
  }

  get path(): string {
    return this.pathNow;
  }

  get status(): LinkStatus {
    return this.statusNow;
  }

  /** Holds or keeps trying its path: false once closed, incompatible, or after another case took its port. */
  get active(): boolean {
    return !this.closed && !this.gaveUp && this.statusNow !== 'incompatible';
  }

  info(): LinkInfo {
    return {
      id: this.id,
      path: this.pathNow,
      status: this.statusNow,
      name: this.name,
      firmware: this.firmware,
      protocol: this.protocol,
      row: this.row,
      modules: this.modules,
      latencyMs: this.pings.latencyMs,
      counters: { ...this.counters },
      error: this.error,
    };
  }

  /** Opens the port; resolves at the rack's hello, rejects with a sentence for the user (and closes the port). */
  connect(): Promise<LinkInfo> {
    return new Promise<LinkInfo>((resolve, reject) => {
      this.firstConnect = { resolve, reject };
      this.statusNow = 'opening';
      this.report();
      this.openAt(this.pathNow);
    });
  }

  /** Lets a reconnect find a USB bridge at a new path (null: follow the path). */
  setUsbIdentity(identity: UsbIdentity | null): void {
    this.usb = identity;
  }

  setRow(row: number | null): void {
    if (this.row === row) return;
    this.row = row;
    this.report();
  }

  /** Queues a host command (see CommandQueue): the latest state per target survives a reconnect. */
  send(message: HostMessage, ack: boolean): void {
    if (this.closed) return;
    const merged = this.commands.enqueue(message, ack);
    if (merged > 0) {
      this.counters.commandsCoalesced += merged;
      this.reportSoon();
    }
    const key = commandKey(message);
    if (key) this.session?.supersede(key);
    this.session?.kick();
  }

  /** Closes for good (no reconnect); a pending first connect rejects. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.reconnects.reset();
    this.reportTimer = cancel(this.reportTimer);
    this.commands.clear();
    this.endSession();
    await this.releasePort();
    this.firstConnect?.reject(new Error(`the link to ${this.pathNow} was closed`));
    this.firstConnect = null;
    this.setStatus('closed', null);
  }

  // --- the port ---

  private openAt(path: string): void {
    let port: SerialPortLike;
    try {
      port = this.options.openPort(path);
    } catch (error) {
      // serialport checks its options when the object is made (an empty path, a bad baud rate).
      this.openFailed(policy.describeOpenError(path, error as Error));
      return;
    }
    this.port = port;
    const mine = (): boolean => this.port === port;
    port.on('data', (chunk) => {
      if (!mine()) return;
      // A fault of ours while handling the rack's bytes must not end the process from inside a
      // port callback: the link is dropped as lost (status says why) and reconnects as usual.
      try {
        this.session?.receive(chunk);
      } catch (error) {
        this.lost(`the link failed on received data (${error instanceof Error ? error.message : String(error)})`);
      }
    });
    port.on('close', (error) => {
      if (mine()) this.lost(error?.disconnected ? 'unplugged' : error ? error.message : 'the port closed');
    });
    port.on('error', (error) => {
      if (mine()) this.lost(error.message);
    });
    port.open((error) => {
      if (!mine()) {
        if (!error) port.close(noop); // closed while opening: do not leak the descriptor
        return;
      }
      if (error) this.openFailed(policy.describeOpenError(path, error));
      else this.startSession(port);
    });
  }

  private startSession(port: SerialPortLike): void {
    if (!this.connected) this.setStatus('handshake');
    const session = new LinkSession({
      time: this.options.time,
      counters: this.counters,
      commands: this.commands,
      pings: this.pings,
      app: this.options.app,
      hooks: {
        write: (bytes) => {
          if (this.port !== port) return;
          port.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), (error) => {
            if (error && this.port === port) this.lost(`write failed: ${error.message}`);
          });
        },
        hello: (hello, first) => this.onHello(hello, first),
        phase: (phase) => this.onPhase(phase),
        snapshot: (state) => {
          this.modules = state.modules.length;
          if (this.errorAbout === 'sync') [this.error, this.errorAbout] = [null, null];
          this.options.reports.snapshot(this, state);
          this.reportSoon();
        },
        event: (event, state) => {
          this.modules = state.modules.length;
          this.options.reports.event(this, event);
        },
        ended: (end) => this.onSessionEnd(end),
        changed: () => this.reportSoon(),
        problem: (message, about) => {
          [this.error, this.errorAbout] = [message, about];
          this.reportSoon();
        },
      },
    });
    this.session = session;
    session.start();
  }

  private onHello(hello: CaseHello, first: boolean): boolean {
    if (this.connected && hello.bridgeUid !== this.uid) {
      void this.otherCaseAnswered(hello);
      return false;
    }
    if (!first) return true; // the same bridge rebooted: the session resyncs
    if (!this.connected) {
      const refusal = this.options.reports.admit(this, hello);
      if (refusal) {
        void this.failFirstConnect(refusal);
        return false;
      }
      this.uid = hello.bridgeUid;
      this.connected = true;
    } else {
      this.counters.reconnects++;
      // The rack may have lost power while unplugged: tell it the lights and gates again.
      this.commands.replay();
    }
    this.reconnects.reset();
    this.name = hello.name;
    this.firmware = hello.firmware.join('.');
    this.protocol = `${hello.protoMajor}.${hello.protoMinor}`;
    this.error = null;
    this.setStatus('syncing');
    if (this.firstConnect) {
      this.firstConnect.resolve(this.info());
      this.firstConnect = null;
    }
    return true;
  }

  private onPhase(phase: SessionPhase): void {
    if (phase !== 'handshake') this.setStatus(phase);
  }

  private onSessionEnd(end: SessionEnd): void {
    this.session = null;
    if (end.reason === 'incompatible') {
      const message = policy.LINK_MESSAGES.incompatible(end.rackMajor);
      this.reconnects.reset();
      void this.releasePort();
      this.setStatus('incompatible', message);
      this.firstConnect?.reject(new Error(message));
      this.firstConnect = null;
      return;
    }
    if (end.reason === 'silent') {
      this.lost(`no heartbeat for ${policy.HEARTBEAT_LOST_MS / 1000} s`);
      return;
    }
    const message = policy.LINK_MESSAGES.noAnswer(this.pathNow);
    if (!this.connected) void this.failFirstConnect(message);
    else this.retryLater(message);
  }

  private openFailed(message: string): void {
    if (!this.connected) void this.failFirstConnect(message);
    else this.retryLater(message);
  }

  /** The port went away (unplug, socat killed, an I/O error): lost at once, then reconnect. */
  private lost(reason: string): void {
    if (this.closed) return;
    if (!this.connected) {
      void this.failFirstConnect(`${this.pathNow} closed before a rack answered (${reason})`);
      return;
    }
    this.retryLater(policy.LINK_MESSAGES.lost(this.pathNow, reason));
  }

  private retryLater(message: string): void {
    this.endSession();
    void this.releasePort();
    this.setStatus('lost', message);
    this.reconnects.next(this.pathNow, this.usb !== null);
  }

  private async reconnect(): Promise<void> {
    const { list } = this.options;
    const moved = this.usb && list ? await findUsbPort(list, this.usb) : null;
    if (this.closed || this.port) return;
    this.pathNow = moved ?? this.pathNow;
    this.openAt(this.pathNow);
  }

  /** Not ours: this link stays lost (a path is all it knew of its case) and the manager opens a link for the newcomer. */
  private async otherCaseAnswered(hello: CaseHello): Promise<void> {
    const path = this.pathNow;
    this.gaveUp = true;
    this.reconnects.reset();
    this.endSession();
    await this.releasePort();
    this.setStatus('lost', policy.LINK_MESSAGES.otherCase(path, hello.name, hello.bridgeUid));
    this.options.reports.otherCase(this, path);
  }

  private async failFirstConnect(message: string): Promise<void> {
    this.endSession();
    await this.releasePort();
    this.setStatus('closed', message);
    this.firstConnect?.reject(new Error(message));
    this.firstConnect = null;
  }

  private endSession(): void {
    this.session?.dispose();
    this.session = null;
  }

  /** Detaches from the port object and closes it; resolves once the descriptor (and its lock) is gone. */
  private releasePort(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (!port) return Promise.resolve();
    port.removeAllListeners();
    port.on('error', noop); // a late write error on a dropped port object must not crash main
    if (!port.isOpen) return Promise.resolve();
    return new Promise((resolve) => port.close(() => resolve()));
  }

  // --- reports ---

  private setStatus(status: LinkStatus, error?: string | null): void {
    const changed = status !== this.statusNow || (error !== undefined && error !== this.error);
    this.statusNow = status;
    if (error !== undefined) [this.error, this.errorAbout] = [error, null];
    if (changed) this.report();
  }

  /** Reports now (a status change: at once). */
  private report(): void {
    this.reportTimer = cancel(this.reportTimer);
    this.lastReportAt = this.options.time.clock.now();
    this.options.reports.status(this.info());
  }

  /** Reports counters and latency at most every STATUS_REPORT_MS. */
  private reportSoon(): void {
    if (this.reportTimer || this.closed) return;
    const wait = Math.max(0, this.lastReportAt + policy.STATUS_REPORT_MS - this.options.time.clock.now());
    this.reportTimer = this.options.time.timers.schedule(() => {
      this.reportTimer = null;
      this.report();
    }, wait);
  }
}

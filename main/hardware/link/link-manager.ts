/**
 * All serial links of the app, one per case. It opens them, keeps one link per path and one per
 * bridge, routes commands, and forwards every link's reports to one LinkListener under the
 * link's current id (the bridge uid after the hello). Rows are the service's to assign.
 */
import { appVersion } from '../../app-root';
import type { Clock } from '../../time/clock';
import type { TimerPort } from '../../time/timers';
import type { CaseHello, HostMessage } from '../codec';
import type { LinkInfo, PortScan } from '../mirror/types';
import { defaultAck } from './command-queue';
import * as policy from './link-policy';
import { type LinkTime, systemLinkTime } from './link-time';
import type { LinkListener, LinkManagerApi, SendOptions } from './link-types';
import { type ListPorts, scanPorts, usbIdentityOf } from './port-discovery';
import { type WatchPort, watchPortFolder } from './port-watch';
import { SerialLink } from './serial-link';
import { listSerialPorts, type OpenPort, openSerialPort } from './serial-port';

export interface LinkManagerOptions {
  listener: LinkListener;
  /** Makes a port object for a path (default: a real SerialPort; tests pass SerialPortMock). */
  openPort?: OpenPort;
  /** Lists serial ports (default: SerialPort.list); null skips listing (scan reports it unavailable). */
  list?: ListPorts | null;
  clock?: Clock;
  timers?: TimerPort;
  /** The app version sent in the hello-req (default: package.json's). */
  app?: [number, number, number];
  /** Watches a lost link's port folder to reconnect as soon as the port is back (default: fs.watch); null: backoff only. */
  watch?: WatchPort | null;
}

function parseVersion(version: string): [number, number, number] {
  const [major = 0, minor = 0, patch = 0] = version.split(/[.+-]/).map((part) => Number.parseInt(part, 10) || 0);
  return [major & 0xff, minor & 0xff, patch & 0xff];
}

export class LinkManager implements LinkManagerApi {
  private all: SerialLink[] = [];
  private readonly connecting = new Map<string, Promise<LinkInfo>>();
  private readonly time: LinkTime;
  private readonly openPort: OpenPort;
  private readonly list: ListPorts | null;
  private readonly app: [number, number, number];
  private readonly watch: WatchPort | null;

  constructor(private readonly options: LinkManagerOptions) {
    this.time = {
      clock: options.clock ?? systemLinkTime.clock,
      timers: options.timers ?? systemLinkTime.timers,
    };
    this.openPort = options.openPort ?? openSerialPort;
    this.list = options.list === undefined ? listSerialPorts : options.list;
    this.app = options.app ?? parseVersion(appVersion());
    this.watch = options.watch === undefined ? watchPortFolder : options.watch;
  }

  scan(): Promise<PortScan> {
    if (!this.list)
      return Promise.resolve({
        ports: [],
        error: "Listing serial ports is off here. Connect by path instead, e.g. a virtual rack's pty.",
      });
    return scanPorts(this.list);
  }

  /**
   * Opens a link and resolves at the rack's hello. A path already linked returns that link; a
   * failure rejects with a sentence for the user and leaves no port open.
   */
  connect(path: string): Promise<LinkInfo> {
    const pending = this.connecting.get(path);
    if (pending) return pending;
    const existing = this.all.find((l) => l.path === path && l.active);
    if (existing) return Promise.resolve(existing.info());
    // An incompatible rack there before: the user updated its firmware and tries again.
    for (const old of this.all) if (old.path === path && old.status === 'incompatible') this.forget(old);
    const link = this.createLink(path);
    const connected = link
      .connect()
      .catch((error: unknown) => {
        this.forget(link);
        throw error;
      })
      .finally(() => this.connecting.delete(path));
    this.connecting.set(path, connected);
    return connected;
  }

  async disconnect(linkId: string): Promise<void> {
    const link = this.find(linkId);
    if (!link) throw new Error(`no hardware link "${linkId}": it may have been disconnected already`);
    this.forget(link);
    await link.close();
  }

  links(): LinkInfo[] {
    return this.all.map((l) => l.info());
  }

  /** Queues a command for a link; a link that no longer exists is skipped (it went away between frames). */
  send(linkId: string, command: HostMessage, options: SendOptions = {}): void {
    this.find(linkId)?.send(command, options.ack ?? defaultAck(command));
  }

  assignRow(linkId: string, row: number | null): void {
    this.find(linkId)?.setRow(row);
  }

  async close(): Promise<void> {
    const links = this.all;
    this.all = [];
    await Promise.all(links.map((l) => l.close()));
  }

  private createLink(path: string): SerialLink {
    const link = new SerialLink({
      path,
      openPort: this.openPort,
      list: this.list,
      time: this.time,
      app: this.app,
      watch: this.watch,
      reports: {
        status: (info) => this.options.listener.status(info),
        snapshot: (l, state) => this.options.listener.snapshot(l.id, state),
        event: (l, event) => this.options.listener.event(l.id, event),
        admit: (l, hello) => this.admit(l, hello),
        otherCase: (_l, otherPath) => void this.connect(otherPath).catch(() => {}),
      },
    });
    this.all.push(link);
    // A USB bridge may come back at another path after a replug: remember who it is (not for ptys).
    const list = this.list;
    if (list) void usbIdentityOf(list, path).then((identity) => link.setUsbIdentity(identity));
    return link;
  }

  /** One link per bridge: a case already linked elsewhere is refused unless that link is down. */
  private admit(link: SerialLink, hello: CaseHello): string | null {
    const other = this.all.find((l) => l !== link && l.id === hello.bridgeUid);
    if (!other) return null;
    if (other.status === 'online' || other.status === 'stale' || other.status === 'syncing') {
      return policy.LINK_MESSAGES.duplicate(hello.name, hello.bridgeUid, other.path);
    }
    // The old link lost this case (it moved to another port): the new one takes over.
    this.forget(other);
    void other.close();
    return null;
  }

  private find(linkId: string): SerialLink | undefined {
    return this.all.find((l) => l.id === linkId);
  }

  private forget(link: SerialLink): void {
    this.all = this.all.filter((l) => l !== link);
  }
}

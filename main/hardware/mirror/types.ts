/**
 * Shapes of the hardware side that cross the contract (link status, the mirror, pending edits,
 * the patch guide). Plain data; the contract re-exports them.
 */
import type { JackRef } from '../../patch/model';

/** A serial port the OS lists (SerialPort.list()); pty paths given by hand are not listed. */
export interface PortInfo {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
}

export interface PortScan {
  ports: PortInfo[];
  /** Why listing failed (e.g. no udevadm in a container); connecting by path still works. */
  error?: string;
}

/**
 * A link's life: opening the port → waiting for hello → loading the snapshot → online; stale when
 * heartbeats stop; lost when the port closes (then it reconnects with backoff); incompatible when
 * the rack speaks another protocol major (it stays closed until the user acts); closed by the user.
 */
export const LINK_STATUSES = ['opening', 'handshake', 'syncing', 'online', 'stale', 'lost', 'incompatible', 'closed'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

export interface LinkCounters {
  framesIn: number;
  framesOut: number;
  /** Frames dropped on our side: bad CRC, broken COBS, wrong length. */
  crcErrors: number;
  malformed: number;
  /** Gaps in the rack's sequence numbers (each one triggers a re-snapshot). */
  seqGaps: number;
  resyncs: number;
  reconnects: number;
  /** As the rack reports them in its heartbeat. */
  rackCrcErrors: number;
  rackDropped: number;
  /** Host commands the rate limiter merged away (only the latest LED state is sent). */
  commandsCoalesced: number;
}

export function emptyCounters(): LinkCounters {
  return {
    framesIn: 0,
    framesOut: 0,
    crcErrors: 0,
    malformed: 0,
    seqGaps: 0,
    resyncs: 0,
    reconnects: 0,
    rackCrcErrors: 0,
    rackDropped: 0,
    commandsCoalesced: 0,
  };
}

export interface LinkInfo {
  /** Stable id: the bridge uid once known (hex), else `port:<path>`. */
  id: string;
  path: string;
  status: LinkStatus;
  /** Case name and firmware from the hello. */
  name: string | null;
  firmware: string | null;
  protocol: string | null;
  /** The rack row this case is shown in. */
  row: number | null;
  modules: number;
  /** Round trip of the last pings (ms), null before the first pong. */
  latencyMs: number | null;
  counters: LinkCounters;
  /** What went wrong last and what to do, for the panel. */
  error: string | null;
}

/**
 * An on-screen edit to a physical module's jacks that only the performer's hands can make: it is
 * shown as a ghost cable until the rack reports it done (or the user cancels it).
 */
export interface PendingEdit {
  id: string;
  action: 'plug' | 'unplug';
  from: JackRef;
  to: JackRef;
  /** The cable colour to draw the ghost with. */
  color: string;
}

export interface GuideStep {
  action: 'plug' | 'unplug';
  from: JackRef;
  to: JackRef;
  /** "Plug Deployment web OUT → Pod web-1 LIFE". */
  label: string;
  done: boolean;
}

export interface GuideStatus {
  /** What the guide leads to ("version 42", "hello-web.k8spatch", "performance 3 at 0:12.5"). */
  target: string;
  steps: GuideStep[];
  /** Index of the step lit on the rack; equals steps.length when all are done. */
  current: number;
  done: boolean;
  /** Differences the guide cannot lead by hand (modules missing from the rack, knob values). */
  notes: string[];
}

export interface KnobPickup {
  /** `module/param` of a physical knob whose position differs from the screen value. */
  key: string;
  /** The screen value the knob must pass through before it takes over. */
  target: number;
  physical: number;
}

export interface HardwareState {
  /** The revision of the last `hardware.changed` this state includes (see HardwareChange). */
  revision: number;
  /** Whether rack events change the patch and the patch's lights go to the rack. */
  mirror: boolean;
  links: LinkInfo[];
  pending: PendingEdit[];
  pickups: KnobPickup[];
  guide: GuideStatus | null;
}

/**
 * What `hardware.changed` carries: the parts that differ from the previous change, one revision
 * later. A gap in revisions (a missed event) means: ask for the whole state.
 */
export interface HardwareChange {
  revision: number;
  changed: Partial<Omit<HardwareState, 'revision'>>;
}

/**
 * The link layer's numbers and the sentences it shows the user, in one place. The timings follow
 * the session rules of protocol v1 (../shared/reference/serial-link.md §4 "Session"): ask for the
 * hello rather than wait for it, re-snapshot on a gap at most once a second, heartbeat every 500 ms.
 */
import { PROTOCOL_MAJOR } from '../codec/messages';

/** The hello-req is repeated this often, this many times in all, before the port is given up. */
export const HELLO_RETRY_MS = 300;
export const HELLO_TRIES = 3;

/** The rack beats every 500 ms: three missed beats mark the link stale. */
export const HEARTBEAT_STALE_MS = 1500;
/**
 * Silent this long and the port is closed and reopened (the reconnect loop). Some drivers never
 * report an unplug (serialport #2043), and on a pty a read in flight when the other end vanishes
 * can spin without ever emitting `close`: the heartbeat is the detector that always works.
 */
export const HEARTBEAT_LOST_MS = 5000;

/** A ping every second; latency is the median round trip of the last few pongs. */
export const PING_INTERVAL_MS = 1000;
export const RTT_WINDOW = 8;

/** Re-snapshots (after a sequence gap or a stateGen mismatch) are at most this frequent. */
export const RESNAPSHOT_MIN_INTERVAL_MS = 1000;
/** A dump that has not ended this long after its request is asked for again. */
export const SNAPSHOT_TIMEOUT_MS = 1000;

/** Commands sent with FLAG_ACK_REQ: resent after this long without an ack, this many times, this many in flight. */
export const ACK_TIMEOUT_MS = 100;
export const ACK_RETRIES = 3;
export const MAX_OUTSTANDING = 8;

/**
 * Host → rack frames per second. The USB link is not the limit (full speed carries ≈1.2 MB/s);
 * the bridge forwards LED and gate commands to the modules over the case's internal bus, I²C at
 * 400 kHz ≈ 40 kB/s, which also carries the jack scan and the knob readings. Giving commands a
 * quarter of it: 10 kB/s ÷ ≈17 B (a set-leds of 8 levels on the wire) ≈ 600 frames/s. That still
 * covers the budget's heaviest case, an LED animation of 16 modules × 30 fps = 480 frames/s.
 */
export const LINK_COMMAND_RATE = 600;
/** Frames of one write when the queue was idle: a burst of 50 ms of budget. */
export const COMMAND_BURST = LINK_COMMAND_RATE / 20;
/**
 * While commands wait for budget they go out once per this many ms, as one write. Sending each
 * frame the moment its token arrives (every 1000 / LINK_COMMAND_RATE ≈ 1.7 ms) would mean one
 * write per frame, which USB turns into one packet per frame.
 */
export const COMMAND_TICK_MS = 10;

/** Status reports for counter and latency changes are at most this frequent (status changes go at once). */
export const STATUS_REPORT_MS = 100;

/** Reconnect waits: 250 ms, 500 ms, 1 s, 2 s, 4 s, then 5 s. No jitter: one app, one port. */
export const RECONNECT_FIRST_MS = 250;
export const RECONNECT_MAX_MS = 5000;

/** How long to wait before reconnect attempt `attempt` (0-based). */
export function reconnectDelay(attempt: number): number {
  return Math.min(RECONNECT_MAX_MS, RECONNECT_FIRST_MS * 2 ** Math.min(attempt, 16));
}

export const BAUD_RATE = 115_200;

/** What the user reads in the hardware panel (and in a failed connect). */
export const LINK_MESSAGES = {
  noAnswer: (path: string) => `no k8s-synth rack answered on ${path}: is it a rack, and is its firmware running?`,
  incompatible: (rackMajor: number | null) =>
    `the rack speaks protocol ${rackMajor === null ? 'another version' : `v${rackMajor}`}; this app speaks v${PROTOCOL_MAJOR}: update the rack's firmware (or the app)`,
  lost: (path: string, reason: string) => `lost the rack on ${path} (${reason}); reconnecting…`,
  otherCase: (path: string, name: string, uid: string) =>
    `another case ("${name}", ${uid}) answered on ${path}: it is shown as a new link; connect this case again when it is plugged in`,
  duplicate: (name: string, uid: string, path: string) =>
    `the case "${name}" (${uid}) is already connected on ${path}: disconnect it there first`,
  nack: (what: string, error: string) => `the rack refused ${what} (${error})`,
  noAck: (what: string, tries: number) => `the rack did not acknowledge ${what} after ${tries} tries`,
  badSnapshot: (why: string) => `the rack's snapshot was broken (${why}); asking again`,
} as const;

/** An open() error → what the user should do about it. */
export function describeOpenError(path: string, error: Error): string {
  const text = error.message;
  if (/ENOENT|No such file/i.test(text)) {
    return `no serial port at ${path}: is the rack plugged in (or the virtual rack running)?`;
  }
  if (/EACCES|Permission denied/i.test(text)) {
    return `no permission to open ${path}: add your user to the 'dialout' group (then log out and in), or install the rack's udev rule`;
  }
  if (/lock|Resource temporarily unavailable|EBUSY/i.test(text)) {
    return `${path} is in use by another program (or another window of this app): close it there and try again`;
  }
  return `cannot open ${path}: ${text}`;
}

/**
 * The renderer's view of the physical rack: main's HardwareState (links, mirror switch, pending
 * ghost edits, knob pickups, the patch guide), pushed as 'hardware.changed', plus what only this
 * window asked for (the last port scan, a connect in flight and its refusal). Main owns all of it.
 */
import { create } from 'zustand';
import type { GuideStatus, HardwareState, PortScan, RackClient, RequestInput } from '../../preload/contract';
import { jsonEqual } from '../../main/patch/json-equal';
import { notify } from '../store/rackStore';

export type GuideTarget = RequestInput<'hardware.guideStart'>['target'];

export interface HardwareViewState {
  hardware: HardwareState;
  /** The last answer of hardware.scan (null before the first scan). */
  scan: PortScan | null;
  scanning: boolean;
  /** The path a connect is waiting on (the hello can take a moment), else null. */
  connecting: string | null;
  /** Why the last connect or guide start was refused, shown next to the field that asked. */
  connectError: string | null;
  guideError: string | null;
}

export const EMPTY_HARDWARE: HardwareState = { revision: 0, mirror: true, links: [], pending: [], pickups: [], guide: null };

export const useHardware = create<HardwareViewState>(() => ({
  hardware: EMPTY_HARDWARE,
  scan: null,
  scanning: false,
  connecting: null,
  connectError: null,
  guideError: null,
}));

/**
 * Follows main's hardware state; returns the function that stops. Main sends the parts that
 * changed, one revision at a time: a change right after the held revision is merged in; one that
 * skips a revision (a missed event) asks for the whole state; an older one is dropped, as is a
 * whole state older than what is held (the first answer may come after newer changes).
 */
export function connectHardware(client: RackClient): () => void {
  const refetch = () =>
    void client
      .request('hardware.state', {})
      .then(takeState)
      .catch(() => undefined);
  const off = client.on('hardware.changed', (change) => {
    const held = useHardware.getState().hardware;
    if (change.revision <= held.revision) return;
    if (change.revision !== held.revision + 1) return refetch();
    useHardware.setState({ hardware: { ...held, ...change.changed, revision: change.revision } });
  });
  refetch();
  return off;
}

/** Takes a whole state from main unless a newer one is held, keeping unchanged parts as they were. */
function takeState(next: HardwareState): void {
  useHardware.setState((s) => (next.revision < s.hardware.revision ? {} : { hardware: keepUnchanged(s.hardware, next) }));
}

/**
 * A whole state (an answer to a request) over the held one: parts equal to what is held keep
 * their identity, so the canvas (ghosts, pickup pointers) re-renders only when pending edits or
 * pickups really change.
 */
export function keepUnchanged(prev: HardwareState, next: HardwareState): HardwareState {
  const same = <T>(a: T, b: T): T => (a === b || jsonEqual(a, b) ? a : b);
  const merged: HardwareState = {
    revision: next.revision,
    mirror: next.mirror,
    links: same(prev.links, next.links),
    pending: same(prev.pending, next.pending),
    pickups: same(prev.pickups, next.pickups),
    guide: same(prev.guide, next.guide),
  };
  return merged.revision === prev.revision &&
    merged.mirror === prev.mirror &&
    merged.links === prev.links &&
    merged.pending === prev.pending &&
    merged.pickups === prev.pickups &&
    merged.guide === prev.guide
    ? prev
    : merged;
}

/** Asks main to list the serial ports; a listing failure (no udevadm) comes back in `scan.error`. */
export async function scanPorts(client: RackClient): Promise<void> {
  useHardware.setState({ scanning: true });
  try {
    useHardware.setState({ scan: await client.request('hardware.scan', {}) });
  } catch (error) {
    useHardware.setState({ scan: { ports: [], error: messageOf(error) } });
  } finally {
    useHardware.setState({ scanning: false });
  }
}

/** Opens a link; resolves true once the rack said hello. A refusal stays next to the path field. */
export async function connectPath(client: RackClient, path: string): Promise<boolean> {
  const trimmed = path.trim();
  if (!trimmed) {
    useHardware.setState({ connectError: 'Type the path of a serial port (or of a virtual rack’s pty) first.' });
    return false;
  }
  useHardware.setState({ connecting: trimmed, connectError: null });
  try {
    const result = await client.request('hardware.connect', { path: trimmed });
    useHardware.setState({ connectError: result.ok ? null : result.error });
    return result.ok;
  } catch (error) {
    useHardware.setState({ connectError: messageOf(error) });
    return false;
  } finally {
    useHardware.setState({ connecting: null });
  }
}

export async function disconnectLink(client: RackClient, link: string): Promise<void> {
  await ask(async () => {
    const result = await client.request('hardware.disconnect', { link });
    if (!result.ok) notify('error', result.error);
  });
}

/** Flips the switch at once (main's answer, or its next event, has the last word). */
export async function setMirror(client: RackClient, on: boolean): Promise<void> {
  useHardware.setState((s) => ({ hardware: { ...s.hardware, mirror: on } }));
  await ask(async () => takeState(await client.request('hardware.mirror', { on })));
}

export async function cancelPending(client: RackClient, id: string): Promise<void> {
  await ask(async () => takeState(await client.request('hardware.cancelPending', { id })));
}

export async function startGuide(client: RackClient, target: GuideTarget): Promise<GuideStatus | null> {
  useHardware.setState({ guideError: null });
  try {
    const result = await client.request('hardware.guideStart', { target });
    if (!result.ok) {
      useHardware.setState({ guideError: result.error });
      return null;
    }
    useHardware.setState((s) => ({ hardware: { ...s.hardware, guide: result.guide } }));
    return result.guide;
  } catch (error) {
    useHardware.setState({ guideError: messageOf(error) });
    return null;
  }
}

export async function stopGuide(client: RackClient): Promise<void> {
  await ask(async () => {
    takeState(await client.request('hardware.guideStop', {}));
    useHardware.setState({ guideError: null });
  });
}

/** Runs a request whose failure (a lost connection) is only worth a notice. */
async function ask(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    notify('error', `The rack did not answer: ${messageOf(error)}`);
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

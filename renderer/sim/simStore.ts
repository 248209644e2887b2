/**
 * The renderer's side of the simulated cluster: frames from main go into the telemetry store
 * (lights, at animation-frame rate) and into a small status store (one line per module, output
 * voltages); events into a bounded list for the Events panel. Nothing here grows with time.
 */
import { create } from 'zustand';
import { useRack } from '../store/rackStore';
import type { RackClient, SimEvent, SimFrame, SimStatus } from '../../preload/contract';
import { telemetry } from '../rack/telemetry';

/** The Events panel keeps this many rows, like a terminal's scrollback. */
export const MAX_EVENTS = 500;

export interface SimViewState {
  status: SimStatus;
  /** One-line status per module id (frame.status). */
  moduleStatus: Record<string, string>;
  events: SimEvent[];
}

export const useSim = create<SimViewState>(() => ({
  status: { running: false, speed: 1, time: 0, seed: 1 },
  moduleStatus: {},
  events: [],
}));

/** Output voltages keyed `module/jack`: read directly (no React state: they change 60 times a second). */
export const volts = new Map<string, number>();
const colors = new Map<string, string>();
const lightKeys = new Set<string>();
let lastSeq = -1;

/** Applies one frame: a full one replaces everything held, a delta updates what it names. */
export function applyFrame(frame: SimFrame): void {
  if (frame.seq <= lastSeq && !frame.full) return;
  lastSeq = Math.max(lastSeq, frame.seq);
  if (frame.full) {
    for (const key of lightKeys) if (!frame.lights || !(key in frame.lights)) setLight(key, 0);
    for (const key of volts.keys()) {
      const slash = key.indexOf('/');
      if (!frame.volts || !(key in frame.volts))
        telemetry.set(key.slice(0, slash), jackLightId(key.slice(slash + 1)), { brightness: 0 });
    }
    colors.clear();
    volts.clear();
  }
  for (const [key, color] of Object.entries(frame.colors ?? {})) {
    if (color === null) colors.delete(key);
    else colors.set(key, color);
    if (!frame.lights || !(key in frame.lights)) setLight(key, telemetryLevel(key));
  }
  for (const [key, level] of Object.entries(frame.lights ?? {})) setLight(key, level);
  for (const [key, v] of Object.entries(frame.volts ?? {})) {
    volts.set(key, v);
    // Also a pseudo-light per output jack, so a cable's glow (CableSignal) updates like an LED.
    const slash = key.indexOf('/');
    telemetry.set(key.slice(0, slash), jackLightId(key.slice(slash + 1)), { brightness: Math.abs(v) / 10 });
  }
  const header = { running: frame.running, speed: frame.speed, time: frame.time };
  const { status, moduleStatus } = useSim.getState();
  const statusChanged = frame.full || frame.status !== undefined;
  if (
    statusChanged ||
    status.running !== header.running ||
    status.speed !== header.speed ||
    Math.floor(status.time / 100) !== Math.floor(header.time / 100)
  )
    useSim.setState({
      status: { ...status, ...header },
      ...(statusChanged ? { moduleStatus: frame.full ? { ...frame.status } : { ...moduleStatus, ...frame.status } } : {}),
    });
}

export function addEvents(events: SimEvent[]): void {
  useSim.setState((s) => ({ events: [...s.events, ...events].slice(-MAX_EVENTS) }));
}

/** Follows main's simulator; returns the function that stops following. */
export function connectSim(client: RackClient): () => void {
  const ack = acknowledger(client);
  const offFrame = client.on('sim.frame', (frame) => {
    applyFrame(frame);
    ack(frame.seq);
  });
  const offEvent = client.on('sim.event', (e) => addEvents(e.events));
  // Another patch replaced this one (open, new, import): its events are not about this rack.
  const offPatch = useRack.subscribe((state, previous) => {
    if (state.patch === previous.patch || (state.patch.modules.length === 0 && previous.patch.modules.length === 0)) return;
    const before = new Set(previous.patch.modules.map((m) => m.id));
    if (!state.patch.modules.some((m) => before.has(m.id))) useSim.setState({ events: [] });
  });
  void resync(client).then(() => ack(lastSeq));
  return () => {
    offFrame();
    offEvent();
    offPatch();
  };
}

/**
 * Tells main which frames were shown (`sim.ack`), once per animation frame: a hidden window runs
 * no animation frames, so it stops acknowledging and main stops sending it frames over IPC
 * (they merge into one it gets on return). Failures are ignored: the next frame acknowledges again.
 */
function acknowledger(client: RackClient): (seq: number) => void {
  let latest = -1;
  let scheduled = false;
  const later = (fn: () => void) =>
    typeof requestAnimationFrame === 'function' ? requestAnimationFrame(fn) : setTimeout(fn, 16);
  return (seq) => {
    latest = Math.max(latest, seq);
    if (scheduled || latest < 0) return;
    scheduled = true;
    later(() => {
      scheduled = false;
      void client.request('sim.ack', { seq: latest }).catch(() => undefined);
    });
  };
}

/** Takes main's full state (at start and after a reconnect, when deltas were missed). */
export async function resync(client: RackClient): Promise<void> {
  const state = await client.request('sim.state', {});
  lastSeq = -1;
  applyFrame(state.frame);
  useSim.setState({
    status: { running: state.running, speed: state.speed, time: state.time, seed: state.seed },
    events: state.events,
  });
}

/** The telemetry id under which an output jack's voltage is kept (no catalog light has a ':'). */
export function jackLightId(jackId: string): string {
  return `jack:${jackId}`;
}

function setLight(key: string, level: number): void {
  const slash = key.indexOf('/');
  lightKeys.add(key);
  const color = colors.get(key);
  telemetry.set(key.slice(0, slash), key.slice(slash + 1), color ? { brightness: level, color } : { brightness: level });
}

function telemetryLevel(key: string): number {
  const slash = key.indexOf('/');
  return telemetry.get(key.slice(0, slash), key.slice(slash + 1)).brightness;
}

/**
 * Per-client pacing of the simulator's high-rate events (`sim.frame`, `sim.event`): a client that
 * cannot keep up (a sleeping tablet, a hidden tab whose socket stopped draining) gets no queue.
 * While its transport is congested, what is meant for it is merged into one pending payload whose
 * size is bounded by the patch (frames: one value per light and jack) or by a row limit (events),
 * never by time; once the transport drains, that one payload goes out and brings the client to
 * the present. So a client that never reads costs main a constant amount.
 */
import { mergeFrames } from './core/frame';
import type { SimEvent, SimFrame } from './core/types';

export interface PacerOptions<T> {
  send: (payload: T) => void;
  /** `older` then `newer` as one payload, bounded in size. */
  merge: (older: T, newer: T) => T;
  /** True while the transport holds more unsent data than it should (e.g. WebSocket bufferedAmount). */
  congested: () => boolean;
  /** How often to look again while a payload waits and no new one comes (the simulation is paused). */
  retryMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class Pacer<T> {
  private pending: T | undefined;
  private retry: unknown;
  /** Payloads merged instead of sent: what a slow client was spared. */
  merged = 0;

  constructor(private readonly options: PacerOptions<T>) {}

  offer(payload: T): void {
    if (this.pending !== undefined) this.merged++;
    this.pending = this.pending !== undefined ? this.options.merge(this.pending, payload) : payload;
    this.flush();
  }

  /** Sends the pending payload if the transport can take it; otherwise looks again later. */
  flush(): void {
    if (this.pending === undefined) return;
    if (this.options.congested()) {
      this.scheduleRetry();
      return;
    }
    const payload = this.pending;
    this.pending = undefined;
    this.options.send(payload);
  }

  /** True while a payload waits for the client. */
  get waiting(): boolean {
    return this.pending !== undefined;
  }

  dispose(): void {
    this.pending = undefined;
    if (this.retry !== undefined)
      (this.options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>)))(this.retry);
    this.retry = undefined;
  }

  private scheduleRetry(): void {
    if (this.retry !== undefined) return;
    const set = this.options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.retry = set(() => {
      this.retry = undefined;
      this.flush();
    }, this.options.retryMs ?? 100);
  }
}

/** A slow client is owed at most this many event rows: the newest (the Events panel shows 200). */
export const MAX_PENDING_EVENTS = 200;

export type PacerSetup<T> = Omit<PacerOptions<T>, 'merge'>;

/** Frames: merged (later values win), so the client lands on the present state. */
export const framePacer = (options: PacerSetup<SimFrame>) => new Pacer<SimFrame>({ ...options, merge: mergeFrames });

/** Event batches: concatenated, keeping the newest MAX_PENDING_EVENTS rows. */
export const eventPacer = (options: PacerSetup<{ events: SimEvent[] }>) =>
  new Pacer<{ events: SimEvent[] }>({
    ...options,
    merge: (a, b) => ({ events: [...a.events, ...b.events].slice(-MAX_PENDING_EVENTS) }),
  });

/**
 * Flow control where the transport gives no backpressure signal (Electron IPC: webContents.send
 * never says the renderer is behind): the renderer acknowledges the frames it has shown (`sim.ack`
 * with the last frame's seq), and at most `max` frames are out unacknowledged. Past that the
 * window is full: used as a Pacer's `congested`, the rest merge into one pending frame.
 */
export class AckWindow {
  private readonly out: number[] = [];

  constructor(readonly max: number) {}

  /** A frame went out. */
  sent(seq: number): void {
    this.out.push(seq);
  }

  /** The renderer has everything up to `seq` (a resync's full frame acknowledges all before it). */
  ack(seq: number): void {
    while (this.out.length && this.out[0]! <= seq) this.out.shift();
  }

  get full(): boolean {
    return this.out.length >= this.max;
  }

  get unacked(): number {
    return this.out.length;
  }
}

/**
 * The replay scheduler: plays a recorded performance (a starting patch plus timed events) into
 * any target, with play, pause, stop, speed (0.25x-4x), seek and a loop region. Pure and
 * target-agnostic: time comes from the injected Clock, waiting from an injected TimerPort, and
 * events go to a ReplayTarget (the Session today; the simulator and the physical rack's patch
 * guide later). With a ManualClock and manual timers a replay is exactly repeatable.
 *
 * Timing model: while playing, position = anchorPos + (now - anchorTime) × speed. An event at
 * performance time t is due at anchorTime + (t - anchorPos) / speed; every wake-up dispatches all
 * events whose time has come and asks the timer for the next due time, so a late wake-up delays
 * events but never reorders or drops them.
 */
import { applyOp } from '../../patch/apply';
import type { Catalog } from '../../patch/catalog';
import type { Patch } from '../../patch/model';
import type { Op, OpSource } from '../../patch/ops';
import type { Clock } from '../../time/clock';
import type { TimerPort } from '../../time/timers';

/** One recorded change, `t` ms after the recording started. */

/** Far below any timer's resolution, far above floating-point error at performance scale. */
const DUE_TOLERANCE_MS = 1e-6;
export type PerformanceEvent =
  { t: number; kind: 'ops'; source: OpSource; ops: Op[] } | { t: number; kind: 'reset'; source: OpSource; patch: Patch };

/** Where a replay goes. */
export interface ReplayTarget {
  /** Puts the target in `patch` (at start, after a seek, at a loop's start). */
  reset(patch: Patch): void;
  /** Plays one event; `due` is when it should have happened, by the scheduler's clock. */
  play(event: PerformanceEvent, index: number, due: number): void;
}

export const MIN_SPEED = 0.25;
export const MAX_SPEED = 4;

export type ReplayMode = 'stopped' | 'playing' | 'paused';

export interface ReplayState {
  mode: ReplayMode;
  /** Performance time in ms. */
  position: number;
  length: number;
  speed: number;
  loop: { from: number; to: number } | null;
  /** Events dispatched so far (the index of the next one). */
  index: number;
  eventCount: number;
}

export interface ReplayOptions {
  start: Patch;
  events: readonly PerformanceEvent[];
  /** Defaults to the last event's time. */
  length?: number;
  catalog: Catalog;
  clock: Clock;
  timers: TimerPort;
  target: ReplayTarget;
  /** Called after every mode, speed, loop or seek change, and when the end is reached. */
  onState?: (state: ReplayState) => void;
  /** Patch states kept every this many events, so a seek applies at most that many (default 1000). */
  checkpointEvery?: number;
}

export class ReplayScheduler {
  private mode: ReplayMode = 'stopped';
  private index = 0;
  private anchorPos = 0;
  private anchorTime = 0;
  private speed = 1;
  private loop: { from: number; to: number } | null = null;
  private cancel: (() => void) | undefined;
  private readonly checkpoints: Patch[];
  private readonly every: number;
  readonly length: number;

  constructor(private readonly options: ReplayOptions) {
    this.every = Math.max(1, options.checkpointEvery ?? 1000);
    this.checkpoints = [options.start];
    this.length = Math.max(options.length ?? 0, options.events.at(-1)?.t ?? 0);
  }

  state(): ReplayState {
    return {
      mode: this.mode,
      position: this.position(),
      length: this.length,
      speed: this.speed,
      loop: this.loop,
      index: this.index,
      eventCount: this.options.events.length,
    };
  }

  /** Starts or resumes. From stopped, the target is first put back in the starting patch. */
  play(): void {
    if (this.mode === 'playing') return;
    if (this.mode === 'stopped') this.moveTo(this.loop?.from ?? 0);
    if (this.position() >= this.length && !this.loop) this.moveTo(0);
    this.mode = 'playing';
    this.anchorTime = this.options.clock.now();
    this.changed();
    this.tick();
  }

  pause(): void {
    if (this.mode !== 'playing') return;
    this.anchorPos = this.position();
    this.mode = 'paused';
    this.unschedule();
    this.changed();
  }

  /** Stops and rewinds the position to 0; the target keeps the state it has reached. */
  stop(): void {
    this.unschedule();
    this.mode = 'stopped';
    this.anchorPos = 0;
    this.index = 0;
    this.changed();
  }

  /** Jumps to `ms`: the target gets the patch state after every event up to and including `ms`. */
  seek(ms: number): void {
    this.moveTo(ms);
    this.anchorTime = this.options.clock.now();
    if (this.mode === 'stopped') this.mode = 'paused';
    this.changed();
    if (this.mode === 'playing') this.tick();
  }

  setSpeed(speed: number): void {
    if (!(speed >= MIN_SPEED && speed <= MAX_SPEED)) throw new RangeError(`speed ${speed} is outside ${MIN_SPEED}..${MAX_SPEED}`);
    this.anchorPos = this.position();
    this.anchorTime = this.options.clock.now();
    this.speed = speed;
    this.changed();
    if (this.mode === 'playing') this.tick();
  }

  /** Loops [from, to) while playing; null ends the loop. */
  setLoop(region: { from: number; to: number } | null): void {
    if (region && !(region.from >= 0 && region.to > region.from && region.to <= this.length))
      throw new RangeError(`loop ${region.from}..${region.to} is not inside 0..${this.length}`);
    this.loop = region ? { ...region } : null;
    this.changed();
    if (this.mode === 'playing') this.tick();
  }

  dispose(): void {
    this.unschedule();
  }

  /** The patch state after the first `count` events (uses and fills the checkpoints). */
  stateAfter(count: number): Patch {
    const { events, catalog } = this.options;
    const n = Math.max(0, Math.min(count, events.length));
    const k = Math.floor(n / this.every);
    // Fill missing checkpoints up to k (once; later seeks are at most `every` applies).
    while (this.checkpoints.length <= k) {
      const i = this.checkpoints.length;
      this.checkpoints.push(applyEvents(this.checkpoints[i - 1]!, events, (i - 1) * this.every, i * this.every, catalog));
    }
    return applyEvents(this.checkpoints[k]!, events, k * this.every, n, catalog);
  }

  private position(): number {
    if (this.mode !== 'playing') return this.anchorPos;
    return Math.min(this.anchorPos + (this.options.clock.now() - this.anchorTime) * this.speed, this.loop?.to ?? this.length);
  }

  private moveTo(ms: number): void {
    const pos = Math.max(0, Math.min(ms, this.length));
    this.index = firstAfter(this.options.events, pos);
    this.anchorPos = pos;
    this.options.target.reset(this.stateAfter(this.index));
  }

  private tick(): void {
    this.unschedule();
    if (this.mode !== 'playing') return;
    const { events, clock, target } = this.options;
    const now = clock.now();
    // Position and due time are recomputed from each other in floating point, so on waking at
    // exactly the due time the position can fall a hair short of the event; without the
    // tolerance the event is never played and a 0 ms timer re-arms forever.
    const raw = this.anchorPos + (now - this.anchorTime) * this.speed + DUE_TOLERANCE_MS;
    const end = this.loop?.to ?? this.length;
    const pos = Math.min(raw, end);
    while (this.index < events.length && events[this.index]!.t <= pos) {
      const event = events[this.index]!;
      target.play(event, this.index, this.anchorTime + (event.t - this.anchorPos) / this.speed);
      this.index++;
    }
    if (raw >= end) {
      if (this.loop) {
        // Keep the beat: the loop restarts when its end was due, not when we noticed.
        const reachedAt = this.anchorTime + (end - this.anchorPos) / this.speed;
        this.moveTo(this.loop.from);
        this.anchorTime = reachedAt;
        this.changed();
        this.tick();
        return;
      }
      this.anchorPos = this.length;
      this.mode = 'paused';
      this.changed();
      return;
    }
    const next = events[this.index];
    const nextPos = next ? Math.min(next.t, end) : end;
    const due = this.anchorTime + (nextPos - this.anchorPos) / this.speed;
    this.cancel = this.options.timers.schedule(
      () => {
        this.cancel = undefined;
        this.tick();
      },
      Math.max(0, due - now),
    );
  }

  private unschedule(): void {
    this.cancel?.();
    this.cancel = undefined;
  }

  private changed(): void {
    this.options.onState?.(this.state());
  }
}

/** Index of the first event after `ms` (events are sorted by t): binary search. */
export function firstAfter(events: readonly PerformanceEvent[], ms: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid]!.t <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Applies events [from, to) to `patch`; an op that does not apply is skipped, as the target would refuse it. */
export function applyEvents(
  patch: Patch,
  events: readonly PerformanceEvent[],
  from: number,
  to: number,
  catalog: Catalog,
): Patch {
  let current = patch;
  for (let i = from; i < to; i++) current = applyEvent(current, events[i]!, catalog);
  return current;
}

export function applyEvent(patch: Patch, event: PerformanceEvent, catalog: Catalog): Patch {
  if (event.kind === 'reset') return event.patch;
  let current = patch;
  for (const op of event.ops) {
    const result = applyOp(current, op, catalog);
    if (result.ok) current = result.patch;
  }
  return current;
}

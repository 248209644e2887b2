/**
 * The I/O shell around the pure simulator (main/sim): it owns the only timer, reads the injected
 * clock, follows the Session so patch edits take effect live, runs/pauses/steps/resets at a speed
 * of 0.1x..10x, and sends the faceplates their state as display-rate frames (compact deltas) and
 * the simulator's events in batches. Everything it decides is a function of the clock readings,
 * so a manual clock drives it exactly in tests.
 */
import type { SimStatus } from '../../preload/contract';
import type { EventHub } from '../api/event-hub';
import type { Catalog } from '../patch/catalog';
import type { Op } from '../patch/ops';
import type { Clock } from '../time/clock';
import { repeatEvery, systemTimers, type TimerPort } from '../time/timers';
import type { Session } from '../session/session';
import { deltaFrame, fullFrame, isEmptyFrame } from './core/frame';
import { Simulator } from './core/simulator';
import type { Result } from '../patch/result';
import { SIM_SPEED_MAX, SIM_SPEED_MIN, type SimEvent, type SimFault, type SimFrame, type SimOutputs } from './core/types';

/**
 * A timeline that owns simulated time (a replay, see sim-replay.ts): while the service follows
 * one, the display timer steps the simulator up to `simTime()` instead of clock × speed.
 */
export interface SimTimeline {
  /** Where simulated time should be now, in ms since the cluster's reset; it never passes an event not yet applied. */
  simTime(): number;
}

/**
 * Another source of faceplate state (the live cluster): while one is set, the frames carry its
 * outputs in the same format, the simulator stays paused, and `sourceChanged` sends a frame.
 */
export interface FrameSource {
  outputs(): SimOutputs;
  /** ms since the source began (the frame's time). */
  time(): number;
  /** Its recent events, for a view that opens late. */
  recentEvents(): SimEvent[];
}

export interface SimServiceOptions {
  session: Session;
  catalog: Catalog;
  hub: EventHub;
  clock: Clock;
  /** The display timer; injectable so tests drive frames by hand (default: the system's). */
  timers?: TimerPort;
  seed?: number;
  /** Display rate: at most one frame per this many ms (default 1000/60). */
  frameMs?: number;
  /** Steps allowed per frame; beyond it the simulation runs slower than asked rather than stall main. */
  maxStepsPerFrame?: number;
}

/**
 * Told about every simulated step as it runs (sound follows the cluster step by step, not at the
 * display rate): when it began, its events, and the module states after it. Listeners must not
 * step or re-wire the simulator.
 */
export type StepListener = (step: {
  time: number;
  stepMs: number;
  events: SimEvent[];
  states: Simulator['states'];
  speed: number;
}) => void;

/** Kept for `sim.state`, so an events panel opened late still shows the recent past. */
const RECENT_EVENTS = 200;
/** A burst bigger than this in one frame is cut, the last rows kept (the panel shows 200 anyway). */
const MAX_EVENTS_PER_FRAME = 100;
/** Ops kept between two re-wires (a 1 kHz stream brings ~17 a frame); past it the wiring is compiled afresh. */
const MAX_STALE_OPS = 4096;
/** What the single-step button advances, in simulated ms: one step of 10 ms shows nothing. */
export const SINGLE_STEP_MS = 100;

export class SimService {
  private readonly sim: Simulator;
  /** The Session's patch changed and the simulator has not been re-wired to it yet (see live()). */
  private patchStale = false;
  /** The ops since the last re-wire, so it updates the wiring in place; undefined: compile afresh. */
  private staleOps: Op[] | undefined = [];
  private cancelPublish: (() => void) | undefined;
  private readonly timers: TimerPort;
  private readonly frameMs: number;
  private readonly maxSteps: number;
  private running = false;
  private speed = 1;
  private cancelTicks: (() => void) | undefined;
  private lastTick = 0;
  private pendingMs = 0;
  private seq = 0;
  private sent: SimOutputs;
  private nextIsFull = true;
  private recent: SimEvent[] = [];
  /** Set while a replay owns simulated time (follow). */
  private timeline: SimTimeline | undefined;
  private readonly unsubscribe: () => void;
  private readonly stepListeners = new Set<StepListener>();
  private source: FrameSource | undefined;

  constructor(private readonly options: SimServiceOptions) {
    this.timers = options.timers ?? systemTimers;
    this.frameMs = options.frameMs ?? 1000 / 60;
    this.sim = new Simulator(options.session.patch, options.catalog, { seed: options.seed ?? 1 });
    this.maxSteps = options.maxStepsPerFrame ?? 200;
    this.sent = this.sim.outputs();
    this.unsubscribe = options.session.subscribe((change) => {
      const ops = change.kind === 'ops' ? change.ops : [];
      if (change.kind === 'reset' || ops.some((op) => op.type !== 'set-param' && op.type !== 'move-module'))
        this.nextIsFull = true;
      if (change.kind === 'reset') {
        // A new document is a new cluster.
        this.sim.setPatch(options.session.patch);
        this.sim.reset();
        this.patchStale = false;
        this.staleOps = [];
      } else {
        this.patchStale = true;
        // A flood of ops between two frames costs more to follow one by one than to compile once.
        if (this.staleOps && this.staleOps.length + ops.length <= MAX_STALE_OPS) this.staleOps.push(...ops);
        else this.staleOps = undefined;
      }
      this.publishSoon();
    });
  }

  /**
   * The simulator, re-wired to the Session's patch if it changed since. Re-wiring waits until
   * something reads or steps the cluster: a knob streamed from the rack at 1 kHz re-wires once per
   * display frame instead of once per event, and no step ever sees a patch older than its time.
   */
  private live(): Simulator {
    if (this.patchStale) {
      this.sim.setPatch(this.options.session.patch, this.staleOps);
      this.patchStale = false;
      this.staleOps = [];
    }
    return this.sim;
  }

  /** A patch edit shows in the next frame: the running timer's, or (paused) one of its own within frameMs. */
  private publishSoon(): void {
    if (this.running || this.cancelPublish !== undefined) return;
    this.cancelPublish = this.timers.schedule(() => {
      this.cancelPublish = undefined;
      if (!this.running) this.publish([]);
    }, this.frameMs);
  }

  /** Frames from `source` (the live cluster) instead of the simulator; undefined: back to the simulator, paused. */
  setSource(source: FrameSource | undefined): void {
    if (source === this.source) return;
    this.unfollow(this.timeline);
    this.stopTimer();
    this.source = source;
    this.nextIsFull = true;
    this.publish([]);
  }

  /** The source's state changed: a frame within frameMs (one per display frame however many changes). */
  sourceChanged(): void {
    this.publishSoon();
  }

  status(): SimStatus {
    return { running: this.running, speed: this.speed, time: this.live().time, seed: this.live().seed };
  }

  /** A full frame of now, and the recent events (`sim.state`). */
  snapshot(): SimStatus & { frame: SimFrame; events: SimEvent[] } {
    const outputs = this.source ? this.source.outputs() : this.live().outputs();
    const events = this.source ? this.source.recentEvents() : [...this.recent];
    return { ...this.status(), frame: fullFrame(this.header(), outputs), events };
  }

  control(action: 'run' | 'pause' | 'step' | 'reset' | 'speed', speed?: number): SimStatus {
    // The live cluster runs by itself: the simulator's transport has nothing to do meanwhile.
    if (this.source) return this.status();
    if (speed !== undefined) this.speed = Math.min(SIM_SPEED_MAX, Math.max(SIM_SPEED_MIN, speed));
    // Pressing run, pause, step or reset during a replay takes the simulator back from it.
    if (action !== 'speed') this.unfollow(this.timeline);
    switch (action) {
      case 'run':
        this.startTimer();
        break;
      case 'pause':
        this.stopTimer();
        break;
      case 'step':
        this.stopTimer();
        this.publish(this.runSteps(Math.floor(SINGLE_STEP_MS / this.live().config.stepMs)));
        break;
      case 'reset':
        this.live().reset();
        this.pendingMs = 0;
        this.lastTick = this.options.clock.now();
        this.nextIsFull = true;
        this.recent = [];
        this.publish([]);
        break;
      case 'speed':
        break;
    }
    this.publish([]);
    return this.status();
  }

  fault(fault: SimFault): Result {
    if (this.source)
      return {
        ok: false,
        error: 'The live cluster is on: act on it from the module (Kill pod, the cordon switch), with a confirmation.',
      };
    const result = this.live().fault(fault);
    // The fault's events come out of the next step; paused, show them now with one step.
    if (result.ok && !this.running) this.publish(this.runSteps(1));
    return result;
  }

  describe(moduleId: string): string | null {
    return this.live().describe(moduleId) ?? null;
  }

  /**
   * Hands simulated time to `timeline` (a replay starting): the cluster starts afresh from the
   * Session's patch with the service's fixed seed, and the display timer runs, so the same
   * timeline gives the same states. Until `unfollow` or the user's own run/pause/step/reset.
   */
  follow(timeline: SimTimeline): void {
    this.timeline = timeline;
    this.live().reset();
    this.nextIsFull = true;
    this.recent = [];
    this.startTimer();
    this.publish([]);
  }

  /** Back to the clock (if `timeline` still owns time): the simulation goes on from where it is. */
  unfollow(timeline: SimTimeline | undefined): void {
    if (timeline === undefined || this.timeline !== timeline) return;
    this.timeline = undefined;
    this.lastTick = this.options.clock.now();
    this.pendingMs = 0;
  }

  /** True while `timeline` owns simulated time. */
  following(timeline: SimTimeline): boolean {
    return this.timeline === timeline;
  }

  /**
   * Steps (whole steps) until simulated time reaches `ms`, at most `maxSteps`; a replay calls it
   * before applying an event, so the event lands between the same two steps on every run.
   */
  advanceTo(ms: number, maxSteps = Infinity): void {
    const stepMs = this.live().config.stepMs;
    const steps = Math.min(maxSteps, Math.floor((ms - this.live().time) / stepMs));
    if (steps > 0) this.publish(this.runSteps(steps));
  }

  /** The simulator's state hash (replays and tests compare runs with it). */
  hash(): string {
    return this.live().hash();
  }

  /** One display frame: advance by the real time since the last one, times the speed. */
  tick(): void {
    if (this.timeline) {
      // A big rack catches up over a few frames instead of stalling main; no step is dropped.
      this.advanceTo(this.timeline.simTime(), this.maxSteps);
      return;
    }
    const now = this.options.clock.now();
    this.pendingMs += Math.max(0, now - this.lastTick) * this.speed;
    this.lastTick = now;
    const stepMs = this.live().config.stepMs;
    let steps = Math.floor(this.pendingMs / stepMs);
    if (steps > this.maxSteps) {
      steps = this.maxSteps;
      this.pendingMs = 0; // fall behind rather than build a backlog
    } else this.pendingMs -= steps * stepMs;
    this.publish(this.runSteps(steps));
  }

  /** Follows every step (the sound); returns the function that stops following. */
  observeSteps(listener: StepListener): () => void {
    this.stepListeners.add(listener);
    return () => this.stepListeners.delete(listener);
  }

  /** Runs `steps` steps, telling the step listeners about each; returns their events in order. */
  private runSteps(steps: number): SimEvent[] {
    const sim = this.live();
    const events: SimEvent[] = [];
    for (let i = 0; i < steps; i++) {
      const time = sim.time;
      const stepEvents = sim.step();
      for (const e of stepEvents) events.push(e);
      for (const listener of this.stepListeners)
        listener({ time, stepMs: sim.config.stepMs, events: stepEvents, states: sim.states, speed: this.speed });
    }
    return events;
  }

  dispose(): void {
    this.stepListeners.clear();
    this.stopTimer();
    this.cancelPublish?.();
    this.cancelPublish = undefined;
    this.unsubscribe();
  }

  private startTimer(): void {
    if (this.running) return;
    this.running = true;
    this.lastTick = this.options.clock.now();
    this.pendingMs = 0;
    this.cancelTicks = repeatEvery(this.timers, this.frameMs, () => this.tick());
  }

  private stopTimer(): void {
    this.running = false;
    this.cancelTicks?.();
    this.cancelTicks = undefined;
  }

  private header() {
    return { seq: this.seq, time: this.source ? this.source.time() : this.live().time, running: this.running, speed: this.speed };
  }

  /** Sends what changed since the last frame (nothing when nothing did) and the new events. */
  private publish(events: SimEvent[]): void {
    const next = this.source ? this.source.outputs() : this.live().outputs();
    this.seq++;
    const frame = this.nextIsFull ? fullFrame(this.header(), next) : deltaFrame(this.header(), this.sent, next);
    const headerChanged =
      frame.running !== this.lastHeader.running || frame.speed !== this.lastHeader.speed || frame.time !== this.lastHeader.time;
    this.nextIsFull = false;
    this.sent = next;
    if (!isEmptyFrame(frame) || headerChanged) {
      this.lastHeader = { running: frame.running, speed: frame.speed, time: frame.time };
      this.options.hub.emit('sim.frame', frame);
    }
    if (events.length) {
      const batch = events.length > MAX_EVENTS_PER_FRAME ? events.slice(-MAX_EVENTS_PER_FRAME) : events;
      this.recent = [...this.recent, ...batch].slice(-RECENT_EVENTS);
      this.options.hub.emit('sim.event', { events: batch });
    }
  }

  private lastHeader = { running: false, speed: 1, time: -1 };
}

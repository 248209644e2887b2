/**
 * Replaying a performance on the live Session: the pure ReplayScheduler (main/history/core/replay-scheduler.ts)
 * bound to real timers, with the Session as its target (source 'replay'). The first reset makes
 * the replayed patch the open, untitled document (never the user's file); later resets (seek,
 * loop) load it again. The simulator can follow each replay's timeline.
 */
import type { Catalog } from '../patch/catalog';
import type { Patch } from '../patch/model';
import type { Clock } from '../time/clock';
import type { DeckState } from '../../preload/contract';
import { ReplayScheduler, type PerformanceEvent, type ReplayState, type ReplayTarget } from './core/replay-scheduler';
import type { TimerPort } from '../time/timers';
import type { Session } from '../session/session';
import type { SimReplayHook } from '../sim/sim-replay';
import type { PerformanceStore } from './performance-store';
import type { OpenPerformance } from './deck-types';
import type { Result } from '../patch/result';

export interface PlayerOptions {
  session: Session;
  performances: PerformanceStore;
  catalog: Catalog;
  /** Monotonic, sub-ms: replay timing. */
  clock: Clock;
  timers: TimerPort;
  /** Replay start: make the replayed patch the open, untitled document (never the user's file). */
  startDocument: (patch: Patch) => void;
  /** The replay's state changed (an event played, the end reached, a pause). */
  onState: () => void;
}

interface Replay extends OpenPerformance {
  scheduler: ReplayScheduler;
}

export class Player {
  private replay: Replay | undefined;
  // The simulator follows each replay's timeline (main/sim/sim-replay.ts); set by rack.ts.
  private simHook: SimReplayHook | undefined;
  private simFollow: ReturnType<SimReplayHook['wrap']> | undefined;

  constructor(private readonly options: PlayerOptions) {}

  /** The performance loaded for replay, if any. */
  get current(): OpenPerformance | undefined {
    return this.replay;
  }

  /** The deck state of the loaded performance; undefined when none is loaded. */
  state(at: number): DeckState | undefined {
    if (!this.replay) return undefined;
    const s: ReplayState = this.replay.scheduler.state();
    return {
      mode: s.mode === 'stopped' ? 'idle' : s.mode,
      performance: { id: this.replay.id, name: this.replay.name },
      position: s.position,
      length: s.length,
      speed: s.speed,
      loop: s.loop,
      markers: this.replay.markers,
      index: s.index,
      eventCount: s.eventCount,
      at,
    };
  }

  /** Plays performance `id` (default: the one loaded, else the newest) from where it is, at `speed` if given. */
  play(id?: number, speed?: number): Result {
    if (id !== undefined && id !== this.replay?.id) {
      const loaded = this.load(id);
      if (!loaded.ok) return loaded;
    }
    if (!this.replay) {
      const last = this.options.performances.list()[0];
      if (!last) return { ok: false, error: 'There is no performance to play: record one first.' };
      const loaded = this.load(last.id);
      if (!loaded.ok) return loaded;
    }
    if (speed !== undefined) {
      const set = this.setSpeed(speed);
      if (!set.ok) return set;
    }
    this.replay!.scheduler.play();
    return { ok: true };
  }

  pause(): void {
    this.replay?.scheduler.pause();
  }

  /** Stops the replay: the position goes back to 0, the performance stays loaded. */
  stop(): void {
    this.replay?.scheduler.stop();
  }

  seek(position: number): Result {
    if (!this.replay) return { ok: false, error: 'Nothing is loaded to seek in.' };
    this.replay.scheduler.seek(position);
    return { ok: true };
  }

  setSpeed(speed: number): Result {
    if (!this.replay) return { ok: false, error: 'Nothing is loaded to play.' };
    return refused(() => this.replay!.scheduler.setSpeed(speed));
  }

  setLoop(loop: { from: number; to: number } | null): Result {
    if (!this.replay) return { ok: false, error: 'Nothing is loaded to loop.' };
    return refused(() => this.replay!.scheduler.setLoop(loop));
  }

  /** Lets the simulator follow replays (rack.ts passes simReplayFollower(sim)). */
  followWith(hook: SimReplayHook | undefined): void {
    this.simHook = hook;
  }

  /** Stops and forgets the loaded performance. */
  unload(): void {
    // The simulator goes back to its own clock.
    this.simFollow?.end();
    this.simFollow = undefined;
    this.replay?.scheduler.dispose();
    this.replay = undefined;
  }

  private load(id: number): Result {
    const perf = this.options.performances.load(id);
    if (!perf) return { ok: false, error: `There is no performance ${id}.` };
    this.unload();
    const { session, catalog, clock, timers } = this.options;
    let first = true;
    const scheduler: ReplayScheduler = new ReplayScheduler({
      start: perf.start,
      events: perf.events,
      length: perf.info.length,
      catalog,
      clock,
      timers,
      target: this.followTarget(
        {
          reset: (patch) => {
            if (first) this.options.startDocument(patch);
            else session.load(patch, 'replay');
            first = false;
          },
          play: (event) => playInto(session, event),
        },
        perf.events,
        (): ReplayState => scheduler.state(),
      ),
      onState: (s) => {
        this.simFollow?.changed(s);
        this.options.onState();
      },
    });
    this.replay = { id, name: perf.info.name, scheduler, markers: perf.info.markers };
    return { ok: true };
  }

  /** The Session target, wrapped so the simulator steps to each event's time first. */
  private followTarget(target: ReplayTarget, events: readonly PerformanceEvent[], state: () => ReplayState): ReplayTarget {
    this.simFollow = this.simHook?.wrap(target, events, state);
    return this.simFollow?.target ?? target;
  }
}

function playInto(session: Session, event: PerformanceEvent): void {
  if (event.kind === 'reset') {
    session.load(event.patch, 'replay');
    return;
  }
  for (const op of event.ops) session.apply(op, { source: 'replay' });
}

/** A scheduler setting it refuses (a speed out of range, an empty loop) as an outcome. */
function refused(fn: () => void): Result {
  try {
    fn();
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  return { ok: true };
}

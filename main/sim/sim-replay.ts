/**
 * Replays drive the simulator: while a performance replays, simulated time follows the
 * replay's timeline instead of the wall clock. The replay scheduler (main/history/core/replay-scheduler.ts) stays
 * target-agnostic; this wraps the Deck's ReplayTarget:
 *
 * - reset (replay start, seek, loop start): after the Session has the patch, the cluster starts
 *   afresh with the SimService's fixed seed, and the timeline's origin is that position;
 * - play (an event): the simulator first steps up to the event's time (position - origin), then
 *   the event goes to the Session, so it lands between the same two steps on every run;
 * - between events the display timer steps up to the replay's position (so at replay speed),
 *   never past the next event not yet applied, so late timers cannot reorder steps and events.
 *
 * The simulator being a pure function of (ops, seed, steps), the same performance always yields
 * the same states, and the same ones as a direct run of the simulator over the same ops at the
 * same times (tests/integration/sim-replay.test.ts). A fault injected or a sim control pressed
 * during the replay is not part of the performance: the control takes the simulator back.
 */
import type { PerformanceEvent, ReplayState, ReplayTarget } from '../history/core/replay-scheduler';
import type { SimService, SimTimeline } from './sim-service';

/** One replay followed by the simulator; made by `simReplayFollower().wrap`. */
class FollowedReplay implements SimTimeline {
  /** Replay position where simulated time 0 is; undefined until known (see `reset`). */
  private origin: number | undefined = 0;
  private started = false;

  constructor(
    private readonly sim: SimService,
    private readonly events: readonly PerformanceEvent[],
    private readonly state: () => ReplayState,
  ) {}

  simTime(): number {
    const s = this.state();
    this.origin ??= s.position;
    const next = this.events[s.index];
    // Up to the position, but never past an event not applied yet (a late timer would reorder them).
    const until = next && next.t < s.position ? next.t : s.position;
    return Math.max(0, until - this.origin);
  }

  target(inner: ReplayTarget): ReplayTarget {
    return {
      reset: (patch) => {
        inner.reset(patch);
        const s = this.state();
        // Stopped or paused, the scheduler's position is exact; playing (a seek or a loop start),
        // it is known once the scheduler re-anchors, which it reports through `changed` at once.
        this.origin = s.mode === 'playing' ? undefined : s.position;
        this.started = true;
        this.sim.follow(this);
      },
      play: (event, index, due) => {
        const active = this.started && this.sim.following(this);
        if (active) {
          this.origin ??= this.state().position;
          this.sim.advanceTo(event.t - this.origin);
        }
        inner.play(event, index, due);
        // A recorded document change is a new cluster (the Session's reset restarts the simulator at 0).
        if (active && event.kind === 'reset') this.origin = event.t;
      },
    };
  }

  changed(state: ReplayState): void {
    if (!this.started) return;
    if (this.origin === undefined && state.mode !== 'stopped') this.origin = state.position;
    // Stop rewinds the replay; the simulator goes on from where it is, on the clock.
    if (state.mode === 'stopped') this.end();
  }

  end(): void {
    this.sim.unfollow(this);
  }
}

/** What the Deck (main/history/deck.ts) is given: one follower per loaded replay. */
export interface SimReplayHook {
  wrap(
    target: ReplayTarget,
    events: readonly PerformanceEvent[],
    state: () => ReplayState,
  ): { target: ReplayTarget; changed(state: ReplayState): void; end(): void };
}

export function simReplayFollower(sim: SimService): SimReplayHook {
  return {
    wrap(target, events, state) {
      const followed = new FollowedReplay(sim, events, state);
      return { target: followed.target(target), changed: (s) => followed.changed(s), end: () => followed.end() };
    },
  };
}

/**
 * Replays drive the simulator: a performance recorded with the real Deck (SQLite in
 * memory) replays on a manual clock with hand-driven timers, twice and at another speed, and every
 * sim frame is stamped with the simulator's state hash. The same performance gives the same hashes,
 * and each equals a direct run of the pure Simulator over the same ops at the same times.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EventHub } from '../../main/api/event-hub';
import { HistoryDatabase } from '../../main/history/database';
import { HistoryStore } from '../../main/history/history-store';
import { PerformanceStore } from '../../main/history/performance-store';
import { Deck } from '../../main/history/deck';
import type { Op } from '../../main/patch/ops';
import { ManualClock } from '../../main/time/clock';
import { applyEvent, type PerformanceEvent } from '../../main/history/core/replay-scheduler';
import { Session } from '../../main/session/session';
import { Simulator } from '../../main/sim/core/simulator';
import { simReplayFollower } from '../../main/sim/sim-replay';
import { SimService } from '../../main/sim/sim-service';
import { ManualTimers, HandTimer } from '../helpers/manual-timers';
import { examplePatch, simCatalog } from '../helpers/sim';

const catalog = simCatalog();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function setup() {
  const clock = new ManualClock(10_000);
  const timers = new ManualTimers(clock);
  const database = new HistoryDatabase({ file: ':memory:', notify: () => {} });
  const store = new HistoryStore({ database, catalog, now: () => clock.now() });
  const session = new Session(catalog, clock, undefined, { history: store });
  store.attach(() => session.patch);
  session.load(examplePatch('hello-web'), 'file');
  const performances = new PerformanceStore(database);
  const deck = new Deck({
    session,
    database,
    performances,
    catalog,
    clock,
    timers,
    wallNow: () => 1_700_000_000_000,
    notify: () => {},
    startDocument: (patch) => session.load(patch, 'replay'),
    onChange: () => {},
  });
  const hub = new EventHub();
  const simTimers = new HandTimer();
  const sim = new SimService({ session, catalog, hub, clock, timers: simTimers, seed: 7 });
  deck.followWith(simReplayFollower(sim));
  closers.push(() => {
    deck.dispose();
    sim.dispose();
    return database.close();
  });
  /**
   * `ms` of real time in display frames of 16 ms (not 1000/60: clock readings stay binary-exact, see
   * `record`); the replay's timers fire at their exact times.
   */
  const run = (ms: number) => {
    for (let t = 0; t < ms; t += 16) {
      timers.advance(16);
      simTimers.fire();
    }
  };
  return { clock, session, deck, performances, hub, sim, run };
}

const setParam = (id: string, param: string, value: number): Op => ({ type: 'set-param', id, param, value });

/**
 * A performance of hello-web: replicas down and up again, a Node squeezed then freed, at sub-ms
 * times. The fractions are binary-exact: with a manual clock, a time like 2500.4 rounds so that the
 * scheduler's position at the due time stays a hair short of the event and it re-arms forever.
 */
function record(t: ReturnType<typeof setup>): number {
  const started = t.deck.record('take');
  if (!started.ok) throw new Error(started.error);
  const at = (ms: number, op: Op) => {
    t.clock.advance(ms);
    t.session.apply(op, { source: 'ui' });
  };
  at(2500.5, setParam('deploy', 'replicas', 1));
  at(1200, setParam('node-b', 'capacity', 500));
  at(1733.25, setParam('deploy', 'replicas', 3));
  at(900, setParam('node-b', 'capacity', 2000));
  t.clock.advance(3000);
  t.deck.stop();
  return t.performances.list()[0]!.id;
}

/**
 * Plays performance `id` to its end at `speed`; every sim frame as "time|events applied|state hash",
 * and the same right after each replayed op reaches the Session (the scheduler counts it once
 * `play` returns, hence + 1): there a simulator stepped to the wrong side of the event shows.
 */
function replay(t: ReturnType<typeof setup>, id: number, speed: number): string[] {
  const frames: string[] = [];
  const sample = (applied: number) => frames.push(`${t.sim.status().time}|${applied}|${t.sim.hash()}`);
  const off = t.hub.on('sim.frame', () => sample(t.deck.state().index));
  const unsubscribe = t.session.subscribe((change) => {
    if (change.kind === 'ops') sample(t.deck.state().index + 1);
  });
  expect(t.deck.play(id, speed)).toMatchObject({ ok: true });
  t.run(t.deck.state().length / speed + 500);
  expect(t.deck.state()).toMatchObject({ mode: 'paused', index: 4 });
  off();
  unsubscribe();
  t.deck.stop();
  return frames;
}

/** The pure Simulator alone: each frame's events applied at their times, then stepped to the frame's time. */
function direct(events: readonly PerformanceEvent[], frames: string[], seed: number): string[] {
  let patch = examplePatch('hello-web');
  const s = new Simulator(patch, catalog, { seed });
  const stepTo = (ms: number) => {
    while (s.time + s.config.stepMs <= ms) s.step();
  };
  let applied = 0;
  return frames.map((frame) => {
    const [time, index] = frame.split('|').map(Number) as [number, number];
    for (; applied < index; applied++) {
      stepTo(events[applied]!.t);
      patch = applyEvent(patch, events[applied]!, catalog);
      s.setPatch(patch);
    }
    stepTo(time);
    return `${time}|${index}|${s.hash()}`;
  });
}

describe('a replay drives the simulator', () => {
  it('the same performance replays to the same sim frame hashes, equal to a direct run at the same times', () => {
    const t = setup();
    const id = record(t);
    const events = t.performances.load(id)!.events;
    expect(events.map((e) => e.t)).toEqual([2500.5, 3700.5, 5433.75, 6333.75]);

    const first = replay(t, id, 1);
    // A display-rate frame stream over the whole performance, through every event.
    expect(first.length).toBeGreaterThan(300);
    expect(first.at(-1)!.startsWith(`${t.sim.status().time}|4|`)).toBe(true);
    expect(t.sim.status().time).toBeCloseTo(9333.75, -1);
    // The user's sim clock running meanwhile changes nothing: the replay owns simulated time.
    t.sim.control('reset');
    t.run(1000);
    expect(replay(t, id, 1)).toEqual(first);
    expect(direct(events, first, 7)).toEqual(first);

    // At 2× the frames fall at other simulated times, each still the state a direct run has there.
    const fast = replay(t, id, 2);
    expect(fast).not.toEqual(first);
    expect(direct(events, fast, 7)).toEqual(fast);
    expect(fast.at(-1)).toBe(first.at(-1));
  });

  it('the simulator goes back to its own clock when the replay stops or the user takes it', () => {
    const t = setup();
    const id = record(t);
    t.deck.play(id);
    t.run(1000);
    expect(t.sim.status()).toMatchObject({ running: true });
    expect(t.sim.status().time).toBeCloseTo(1000, -2);
    // Paused replay: simulated time stands still with it.
    t.deck.pause();
    t.run(500);
    expect(t.sim.status().time).toBeCloseTo(1000, -2);
    // Stopped: the cluster runs on from where it is, on the clock.
    t.deck.stop();
    t.run(500);
    expect(t.sim.status().time).toBeCloseTo(1500, -2);
    // Pressing pause during a replay takes the simulator back: the replay no longer steps it.
    t.deck.play();
    t.run(300);
    t.sim.control('pause');
    const time = t.sim.status().time;
    t.run(3000);
    expect(t.deck.state().index).toBeGreaterThan(0);
    expect(t.sim.status().time).toBe(time);
  });
});

import { describe, expect, it } from 'vitest';
import { testCatalog } from '../../../tests/helpers/catalog';
import { ManualTimers } from '../../../tests/helpers/manual-timers';
import { applyOp } from '../../patch/apply';
import { emptyPatch, type Patch } from '../../patch/model';
import type { Op } from '../../patch/ops';
import { ManualClock } from '../../time/clock';
import { patchHash } from '../../session/patch-hash';
import { ReplayScheduler, type PerformanceEvent } from './replay-scheduler';
import { Session } from '../../session/session';

const catalog = testCatalog();
const start = emptyPatch({ rows: 2, hp: 42 });
const add = (id: string, hp: number): Op => ({
  type: 'add-module',
  module: { id, type: 'dst', row: 0, hp, params: {}, data: {} },
});
const turn = (id: string, value: number): Op => ({ type: 'set-param', id, param: 'count', value });
const events: PerformanceEvent[] = [
  { t: 100, kind: 'ops', source: 'ui', ops: [add('a', 0)] },
  { t: 250.5, kind: 'ops', source: 'ui', ops: [turn('a', 5)] },
  { t: 400, kind: 'ops', source: 'hardware', ops: [add('b', 10)] },
  { t: 1000, kind: 'ops', source: 'ui', ops: [turn('a', 9)] },
];

function setup(evts: PerformanceEvent[] = events) {
  const clock = new ManualClock(10_000);
  const timers = new ManualTimers(clock);
  const played: { index: number; at: number; due: number }[] = [];
  let patch: Patch = start;
  const resets: Patch[] = [];
  const scheduler = new ReplayScheduler({
    start,
    events: evts,
    catalog,
    clock,
    timers,
    checkpointEvery: 2,
    target: {
      reset: (p) => {
        patch = p;
        resets.push(p);
      },
      play: (event, index, due) => {
        played.push({ index, at: clock.now(), due });
        if (event.kind === 'ops') for (const op of event.ops) patch = applyOk(patch, op) ?? patch;
      },
    },
  });
  return { clock, timers, scheduler, played, resets, patch: () => patch };
}

function applyOk(patch: Patch, op: Op): Patch | undefined {
  const r = applyOp(patch, op, catalog);
  return r.ok ? r.patch : undefined;
}

describe('ReplayScheduler', () => {
  it('plays every event exactly at its time, in order, from the starting patch', () => {
    const { timers, scheduler, played, resets } = setup();
    scheduler.play();
    expect(resets).toEqual([start]);
    timers.advance(2000);
    expect(played.map((p) => [p.index, p.at - 10_000])).toEqual([
      [0, 100],
      [1, 250.5],
      [2, 400],
      [3, 1000],
    ]);
    expect(played.every((p) => p.at === p.due)).toBe(true);
    expect(scheduler.state()).toMatchObject({ mode: 'paused', position: 1000, index: 4 });
  });

  it('at 2x plays in half the time; pause holds the position; resume continues', () => {
    const { timers, scheduler, played } = setup();
    scheduler.setSpeed(2);
    scheduler.play();
    timers.advance(130);
    expect(played.map((p) => p.at - 10_000)).toEqual([50, 125.25]);
    scheduler.pause();
    expect(scheduler.state().position).toBeCloseTo(260);
    timers.advance(1000);
    expect(played).toHaveLength(2);
    scheduler.play();
    timers.advance(70);
    expect(played).toHaveLength(3);
    expect(played[2]!.at - 10_000).toBe(1130 + 70);
  });

  it('seeks to any point with the exact patch state there, and plays on from it', () => {
    const { timers, scheduler, played, patch } = setup();
    scheduler.seek(500);
    expect(patch().modules.map((m) => [m.id, m.params.count])).toEqual([
      ['a', 5],
      ['b', 3],
    ]);
    scheduler.play();
    timers.advance(500);
    expect(played.map((p) => p.index)).toEqual([3]);
    expect(patch().modules[0]!.params.count).toBe(9);
    scheduler.seek(0);
    expect(patch().modules).toEqual([]);
  });

  it('loops a region on the beat: events inside it repeat, the loop restarts when its end was due', () => {
    const { timers, scheduler, played } = setup();
    scheduler.setLoop({ from: 200, to: 450 });
    scheduler.play();
    timers.advance(700);
    // Starts at 200 (state after event 0), plays 250.5 and 400, loops at 450 (t=250 ms), again at 500.
    expect(played.map((p) => [p.index, p.at - 10_000])).toEqual([
      [1, 50.5],
      [2, 200],
      [1, 300.5],
      [2, 450],
      [1, 550.5],
      [2, 700],
    ]);
  });

  it('refuses speeds outside 0.25x-4x and a loop outside the performance', () => {
    const { scheduler } = setup();
    expect(() => scheduler.setSpeed(8)).toThrow(RangeError);
    expect(() => scheduler.setSpeed(0.1)).toThrow(RangeError);
    expect(() => scheduler.setLoop({ from: 500, to: 5000 })).toThrow(RangeError);
  });

  it('plays an event whose due time the clock cannot represent exactly (no endless 0 ms re-arming)', () => {
    const clock = new ManualClock(10_000 + (7 * 1000) / 60);
    const manual = new ManualTimers(clock);
    let armed = 0;
    const timers = {
      schedule: (fn: () => void, ms: number) => {
        if (++armed > 1000) throw new Error('the scheduler keeps re-arming without playing');
        return manual.schedule(fn, ms);
      },
    };
    const played: number[] = [];
    const scheduler = new ReplayScheduler({
      start,
      events: [{ t: 2500.4, kind: 'ops', source: 'ui', ops: [add('a', 0)] }],
      catalog,
      clock,
      timers,
      target: { reset: () => undefined, play: (_event, index) => played.push(index) },
    });
    scheduler.setSpeed(1.5);
    scheduler.play();
    manual.advance(3000);
    expect(played).toEqual([0]);
    expect(armed).toBeLessThan(5);
  });

  it('stop cancels the pending timer and rewinds', () => {
    const { timers, scheduler } = setup();
    scheduler.play();
    timers.advance(150);
    scheduler.stop();
    expect(timers.pending).toBe(0);
    expect(scheduler.state()).toMatchObject({ mode: 'stopped', position: 0, index: 0 });
  });
});

describe('determinism', () => {
  it('a replay into a fresh Session reaches the recording’s patch hash after every event', () => {
    // Record: a Session on a manual clock, every change captured with its time and the hash after it.
    const clock = new ManualClock(0);
    const recording = new Session(catalog, clock, start);
    const recorded: PerformanceEvent[] = [];
    const hashes: string[] = [];
    recording.subscribe((c) => {
      if (c.kind === 'ops') recorded.push({ t: c.time, kind: 'ops', source: c.source, ops: c.ops });
      hashes.push(patchHash(recording.patch));
    });
    const script: [number, Op][] = [
      [10, add('a', 0)],
      [15, add('b', 10)],
      [18, { type: 'add-module', module: { id: 's', type: 'src', row: 1, hp: 20, params: {}, data: {} } }],
      [
        20,
        {
          type: 'connect',
          cable: { id: 'c1', from: { module: 's', jack: 'gate' }, to: { module: 'b', jack: 'gate' }, color: '#ff0000' },
        },
      ],
      [33.25, turn('a', 7)],
      [33.5, turn('a', 8)],
      [40, { type: 'move-module', id: 'b', row: 1, hp: 4 }],
      [41, { type: 'disconnect', id: 'c1' }],
    ];
    for (const [t, op] of script) {
      clock.set(t);
      expect(recording.apply(op, { source: 'ui' }).ok).toBe(true);
    }
    recording.undoStep();
    expect(recorded.length).toBeGreaterThan(4);

    // Replay into a fresh Session at 2x with manual timers, hashing after every event.
    const replayClock = new ManualClock(5_000);
    const timers = new ManualTimers(replayClock);
    const replayed = new Session(catalog, replayClock, emptyPatch());
    const seen: string[] = [];
    const scheduler = new ReplayScheduler({
      start,
      events: recorded,
      catalog,
      clock: replayClock,
      timers,
      target: {
        reset: (p) => replayed.load(p, 'replay'),
        play: (event) => {
          if (event.kind === 'ops') for (const op of event.ops) expect(replayed.apply(op, { source: 'replay' }).ok).toBe(true);
          seen.push(patchHash(replayed.patch));
        },
      },
    });
    scheduler.setSpeed(2);
    scheduler.play();
    timers.advance(100);
    expect(seen).toEqual(hashes);
  });
});

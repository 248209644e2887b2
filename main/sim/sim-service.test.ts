/** The SimService on a manual clock and hand-driven timers, with the real Session and EventHub. */
import { describe, expect, it } from 'vitest';
import { examplePatch, simCatalog } from '../../tests/helpers/sim';
import { EventHub } from '../api/event-hub';
import { ManualClock } from '../time/clock';
import { Session } from '../session/session';
import type { SimEvent, SimFrame } from './core/types';
import { eventPacer, framePacer, MAX_PENDING_EVENTS } from './frame-pacer';
import { HandTimer } from '../../tests/helpers/manual-timers';
import { SimService } from './sim-service';

function setup() {
  const clock = new ManualClock(1000);
  const session = new Session(simCatalog(), clock);
  session.load(examplePatch('hello-web'), 'file');
  const hub = new EventHub();
  const frames: SimFrame[] = [];
  const events: SimEvent[] = [];
  hub.on('sim.frame', (f) => frames.push(f));
  hub.on('sim.event', (e) => events.push(...e.events));
  const timers = new HandTimer();
  const sim = new SimService({ session, catalog: simCatalog(), hub, clock, timers });
  /** Plays `seconds` of real time at 60 frames a second. */
  const play = (seconds: number) => {
    for (let i = 0; i < seconds * 60; i++) {
      clock.advance(1000 / 60);
      timers.fire();
    }
  };
  return { clock, session, sim, frames, events, play, ticking: () => timers.armed };
}

/** What a client holds after applying the frames in order. */
function held(frames: SimFrame[]): Record<string, number> {
  let lights: Record<string, number> = {};
  for (const f of frames) lights = f.full ? { ...f.lights } : { ...lights, ...f.lights };
  return lights;
}

describe('SimService', () => {
  it('runs on the clock: Pods go Ready, frames are deltas at display rate, events arrive', () => {
    const { sim, frames, events, play } = setup();
    expect(sim.control('run')).toMatchObject({ running: true, speed: 1 });
    play(8);
    expect(sim.status().time).toBeCloseTo(8000, -2);
    expect(held(frames)['pod-1/ready-led']).toBe(1);
    expect(frames.length).toBeLessThanOrEqual(8 * 60 + 2);
    expect(frames.filter((f) => f.full).map((f) => f.seq)).toEqual([frames[0]!.seq]); // only the first is full
    expect(events.map((e) => e.reason)).toContain('Scheduled');
    // A converged rack sends small deltas: no frame repeats the whole patch.
    const last = frames.at(-1)!;
    expect(Object.keys(last.lights ?? {}).length).toBeLessThan(20);
  });

  it('pause stops the timer; step advances 100 ms; speed scales simulated time; reset returns to 0', () => {
    const { sim, play, ticking } = setup();
    sim.control('run', 10);
    play(1);
    expect(sim.status().time).toBeCloseTo(10000, -3);
    sim.control('pause');
    expect(ticking()).toBe(false);
    const t = sim.status().time;
    play(1);
    expect(sim.status().time).toBe(t);
    expect(sim.control('step').time).toBe(t + 100);
    expect(sim.control('reset').time).toBe(0);
    expect(sim.snapshot().frame.lights!['pod-1/ready-led']).toBe(0);
  });

  it('follows patch edits live: turning replicas down terminates a Pod', () => {
    const { sim, session, play } = setup();
    sim.control('run', 4);
    play(3);
    expect(sim.snapshot().frame.status!['pod-3']).toBe('Ready');
    expect(session.apply({ type: 'set-param', id: 'deploy', param: 'replicas', value: 2 }, { source: 'ui' }).ok).toBe(true);
    play(1);
    expect(sim.snapshot().frame.status!['pod-3']).toBe('Absent');
  });

  it('kill a Pod: it comes back; a bad fault is refused and nothing changes', () => {
    const { sim, play } = setup();
    sim.control('run', 4);
    play(3);
    expect(sim.fault({ kind: 'kill-pod', target: 'pod-2' })).toEqual({ ok: true });
    play(0.1);
    expect(sim.snapshot().frame.status!['pod-2']).toBe('CrashLoopBackOff · 1 restart');
    play(2);
    expect(sim.snapshot().frame.status!['pod-2']).toBe('Ready · 1 restart');
    expect(sim.fault({ kind: 'fail-node', target: 'ghost' })).toEqual({
      ok: false,
      error: 'There is no Node "ghost" in the patch.',
    });
  });
});

describe('pacers', () => {
  it('while congested, merges frames into one pending frame and sends it once the client drains', () => {
    const sent: SimFrame[] = [];
    let congested = false;
    let retry: (() => void) | undefined;
    const pacer = framePacer({
      send: (f) => sent.push(f),
      congested: () => congested,
      setTimer: (fn) => ((retry = fn), 1),
      clearTimer: () => (retry = undefined),
    });
    const frame = (seq: number, lights: Record<string, number>, full = false): SimFrame => ({
      seq,
      full,
      time: seq,
      running: true,
      speed: 1,
      lights,
    });
    pacer.offer(frame(1, { a: 1, b: 1 }, true));
    congested = true;
    for (let i = 2; i < 1000; i++) pacer.offer(frame(i, { a: (i % 10) / 10 }));
    pacer.offer(frame(1000, { b: 0 }));
    expect(sent).toHaveLength(1);
    expect(pacer.merged).toBe(998);
    congested = false;
    retry?.();
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ seq: 1000, full: false, lights: { a: 0.9, b: 0 } });
    expect(pacer.waiting).toBe(false);
  });

  it('keeps at most the newest MAX_PENDING_EVENTS rows for a congested client', () => {
    const sent: { events: SimEvent[] }[] = [];
    let congested = true;
    const pacer = eventPacer({ send: (e) => sent.push(e), congested: () => congested, setTimer: () => 1, clearTimer: () => {} });
    const row = (i: number): SimEvent => ({
      time: i,
      type: 'Normal',
      reason: 'R',
      object: 'o',
      kind: 'pod',
      message: String(i),
      count: 1,
    });
    for (let i = 0; i < 5000; i++) pacer.offer({ events: [row(i)] });
    expect(sent).toEqual([]);
    congested = false;
    pacer.flush();
    expect(sent[0]!.events.map((e) => e.time)).toEqual(
      Array.from({ length: MAX_PENDING_EVENTS }, (_, i) => 5000 - MAX_PENDING_EVENTS + i),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyStates, type ModuleStates } from '../sim/core/world';
import { Sonifier, tickPitch, TICK_HZ, TICK_JITTER_SEMITONES } from './sonify';
import { Voice } from './voices';

const etcdAt = (revision: number): ModuleStates => {
  const states = emptyStates();
  states.etcds.set('etcd', { revision, rate: 0 });
  return states;
};

describe('tickPitch', () => {
  it('stays inside the jitter range for every etcd and write, and is a function of them only', () => {
    const lo = TICK_HZ * 2 ** (-TICK_JITTER_SEMITONES / 12);
    const hi = TICK_HZ * 2 ** (TICK_JITTER_SEMITONES / 12);
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 64 }), fc.nat(), (id, revision) => {
        const hz = tickPitch(id, revision);
        expect(hz).toBeGreaterThanOrEqual(lo);
        expect(hz).toBeLessThanOrEqual(hi);
        expect(tickPitch(id, revision)).toBe(hz);
      }),
    );
  });
});

describe('Sonifier', () => {
  it('ticks once per etcd write, spread over the step, and restarts its counters on a reset', () => {
    const s = new Sonifier();
    const step = (time: number, revision: number) =>
      s.observe({ time, stepMs: 10, events: [], states: etcdAt(revision) }).filter((v) => v.voice === Voice.tick);
    expect(step(10, 0)).toEqual([]);
    expect(step(20, 3).map((v) => v.t)).toEqual([20, 20 + 10 / 3, 20 + 20 / 3]);
    expect(step(30, 3)).toEqual([]);
    // Time went back: a new cluster, whose first write is heard again.
    expect(step(0, 1)).toHaveLength(1);
  });

  it('plays a crash and, after the back-off, the restart, from the simulator events', () => {
    const s = new Sonifier();
    const event = (time: number, reason: string, type: 'Normal' | 'Warning') => ({
      time,
      type,
      reason,
      object: 'p',
      kind: 'pod',
      message: '',
      count: 1,
    });
    const out = s.observe({
      time: 100,
      stepMs: 10,
      events: [event(100, 'Evicted', 'Warning'), event(100, 'BackOff', 'Warning'), event(100, 'Pulled', 'Normal')],
      states: emptyStates(),
    });
    expect(out.map((v) => v.voice)).toEqual([Voice.podCrash, Voice.podRestart]);
  });

  it('drones a Node at a pitch and level that rise with its load, and updates only on a change', () => {
    const s = new Sonifier();
    s.setPatch({
      rack: { rows: 1, hp: 84 },
      modules: [{ id: 'n', type: 'node', row: 0, hp: 0, params: { capacity: 1000 }, data: {} }],
      cables: [],
    });
    const at = (time: number, usedM: number) => {
      const states = emptyStates();
      states.nodes.set('n', { failed: false, lastEvictAt: 0, usedM, evictions: 0 });
      return s.observe({ time, stepMs: 10, events: [], states });
    };
    const [idle] = at(0, 250);
    const [busy] = at(500, 750);
    expect(busy!.pitch).toBeGreaterThan(idle!.pitch);
    expect(busy!.amp).toBeGreaterThan(idle!.amp);
    expect(at(510, 750)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Patch } from '../patch/model';
import { computeRouting } from './routing';

const mod = (id: string, type: string, params: Record<string, number> = {}) => ({ id, type, row: 0, hp: 0, params, data: {} });
const cable = (id: string, from: string, fromJack: string, to: string, toJack: string) => ({
  id,
  from: { module: from, jack: fromJack },
  to: { module: to, jack: toJack },
  color: '#ffffff',
});

describe('computeRouting', () => {
  it('hears only modules whose AUDIO is patched into an AUDIO OUT, at its L/R levels, one bus per AUDIO OUT', () => {
    const patch: Patch = {
      rack: { rows: 1, hp: 84 },
      modules: [
        mod('etcd', 'etcd'),
        mod('pod', 'pod'),
        mod('node', 'node'),
        mod('out-a', 'audio-out', { 'level-l': 0.5, 'level-r': 0.25 }),
        mod('out-b', 'audio-out'),
      ],
      cables: [
        cable('1', 'etcd', 'audio', 'out-a', 'left'),
        cable('2', 'etcd', 'audio', 'out-a', 'right'),
        cable('3', 'pod', 'audio', 'out-b', 'right'),
        // A CV into an AUDIO OUT is refused by the patch rules; routing ignores anything but AUDIO.
        cable('4', 'node', 'util', 'out-b', 'left'),
      ],
    };
    const { routes, outputs } = computeRouting(patch);
    expect(outputs).toEqual(['out-a', 'out-b']);
    expect(Object.fromEntries(routes)).toEqual({
      etcd: { bus: 0, gainL: 0.5, gainR: 0.25 },
      pod: { bus: 1, gainL: 0, gainR: 0.8 },
    });
  });
});

import { describe, expect, it } from 'vitest';
import { emptyPatch, type Module, type Patch } from '../../patch/model';
import { flippedToSafe, safeModules } from './safe-switch';

const mod = (id: string, type: string, arm?: number): Module => ({
  id,
  type,
  row: 0,
  hp: 0,
  params: arm === undefined ? {} : { arm },
  data: {},
});
const patch = (...modules: Module[]): Patch => ({ ...emptyPatch(), modules });

describe('the FOLLOW switch', () => {
  it('a set-param to SAFE on a FOLLOW module, also inside a batch, disarms; other params and modules do not', () => {
    const p = patch(mod('f', 'follow', 0), mod('n', 'node'));
    expect(flippedToSafe([{ type: 'set-param', id: 'f', param: 'arm', value: 0 }], p)).toBe(true);
    expect(flippedToSafe([{ type: 'batch', ops: [{ type: 'set-param', id: 'f', param: 'arm', value: 0 }] }], p)).toBe(true);
    expect(flippedToSafe([{ type: 'set-param', id: 'f', param: 'arm', value: 1 }], p)).toBe(false);
    expect(flippedToSafe([{ type: 'set-param', id: 'n', param: 'arm', value: 0 }], p)).toBe(false);
  });

  it('lists FOLLOW modules at SAFE (the default) and not those at FOLLOW', () => {
    expect(safeModules(patch(mod('a', 'follow'), mod('b', 'follow', 1), mod('c', 'follow', 0)))).toEqual(['a', 'c']);
    expect(safeModules(patch(mod('n', 'node')))).toEqual([]);
  });
});

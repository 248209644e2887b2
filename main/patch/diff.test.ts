import { describe, expect, it } from 'vitest';
import { testCatalog } from '../../tests/helpers/catalog';
import { applyOp } from './apply';
import { emptyPatch, type Module, type Patch } from './model';
import { canonicalJson } from '../session/patch-hash';
import { describeDiff, diffPatches, opsToReach } from './diff';

const catalog = testCatalog();
const mod = (id: string, type: string, row: number, hp: number, params = {}): Module => ({ id, type, row, hp, params, data: {} });
const cable = (id: string, from: string, to: string) => ({
  id,
  from: { module: from, jack: 'gate' },
  to: { module: to, jack: 'gate' },
  color: '#ff0000',
});

const a: Patch = {
  rack: { rows: 2, hp: 42 },
  modules: [
    mod('s', 'src', 0, 0, { level: 5 }),
    mod('d', 'dst', 0, 10, { count: 3, mode: 0 }),
    mod('e', 'dst', 1, 0, { count: 3, mode: 0 }),
  ],
  cables: [cable('c1', 's', 'd')],
};
const b: Patch = {
  rack: { rows: 2, hp: 42 },
  modules: [
    mod('s', 'src', 0, 0, { level: 7 }),
    mod('d', 'dst', 0, 10, { count: 3, mode: 0 }),
    mod('f', 'dst', 1, 20, { count: 3, mode: 0 }),
  ],
  cables: [cable('c2', 's', 'f')],
};

function reach(from: Patch, to: Patch): Patch {
  const result = applyOp(from, opsToReach(from, to, 'restore'), catalog);
  if (!result.ok) throw new Error(result.error.message);
  return result.patch;
}

describe('patch diff', () => {
  it('summarises what differs, one line per difference', () => {
    expect(describeDiff(diffPatches(a, b))).toEqual([
      '+ dst f',
      '− dst e',
      'src s level: 5 → 7',
      '+ cable s.gate → f.gate',
      '− cable s.gate → d.gate',
    ]);
    expect(describeDiff(diffPatches(a, a))).toEqual([]);
  });

  it('builds one batch that reaches the target, also when modules swap places', () => {
    expect(canonicalJson(reach(a, b))).toBe(canonicalJson(b));
    const swapped: Patch = {
      ...a,
      modules: [mod('s', 'src', 0, 10, { level: 5 }), mod('d', 'dst', 0, 0, { count: 3, mode: 0 }), a.modules[2]!],
    };
    expect(canonicalJson(reach(a, swapped))).toBe(canonicalJson(swapped));
    expect(canonicalJson(reach(b, emptyPatch({ rows: 3, hp: 84 })))).toBe(canonicalJson(emptyPatch({ rows: 3, hp: 84 })));
  });
});

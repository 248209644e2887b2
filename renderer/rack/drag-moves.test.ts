import { describe, expect, it } from 'vitest';
import { testCatalog } from '../../tests/helpers/catalog';
import { applyOp } from '../../main/patch/apply';
import { batch } from '../../main/patch/ops';
import { emptyPatch, type Patch } from '../../main/patch/model';
import { orderMoves } from './drag-moves';

const catalog = testCatalog();
const mod = (id: string, type: string, row: number, hp: number) => ({ id, type, row, hp, params: {}, data: {} });
// src is 6 HP wide: a at 0..6, b at 6..12.
const patch: Patch = { ...emptyPatch({ rows: 2, hp: 40 }), modules: [mod('a', 'src', 0, 0), mod('b', 'src', 0, 6)] };

describe('orderMoves', () => {
  it('moves the leading module first when a group shifts, so main accepts the batch', () => {
    const ops = orderMoves(patch, catalog, [
      { id: 'a', row: 0, hp: 4 },
      { id: 'b', row: 0, hp: 10 },
    ]);
    expect(ops.map((o) => (o.type === 'move-module' ? o.id : ''))).toEqual(['b', 'a']);
    const result = applyOp(patch, batch(ops), catalog);
    expect(result.ok && result.patch.modules.map((m) => [m.id, m.row, m.hp])).toEqual([
      ['a', 0, 4],
      ['b', 0, 10],
    ]);
  });

  it('leaves out modules that did not move', () => {
    expect(orderMoves(patch, catalog, [{ id: 'a', row: 0, hp: 0 }])).toEqual([]);
  });

  it('keeps an impossible swap, for main to refuse with its reason', () => {
    const ops = orderMoves(patch, catalog, [
      { id: 'a', row: 0, hp: 6 },
      { id: 'b', row: 0, hp: 0 },
    ]);
    expect(ops).toHaveLength(2);
    const result = applyOp(patch, batch(ops), catalog);
    expect(result.ok).toBe(false);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { opArbitrary, seedPatchOps } from '../../tests/helpers/arbitraries';
import { testCatalog } from '../../tests/helpers/catalog';
import { applyOp } from '../../main/patch/apply';
import { emptyPatch, type Patch } from '../../main/patch/model';
import type { Op } from '../../main/patch/ops';
import { planDelete } from './delete';

const catalog = testCatalog();
function build(ops: Op[]): Patch {
  let patch = emptyPatch({ rows: 2, hp: 42 });
  for (const op of ops) {
    const r = applyOp(patch, op, catalog);
    if (r.ok) patch = r.patch;
  }
  return patch;
}

describe('planDelete', () => {
  it('deletes selected modules and cables in one batch, skipping cables that go with their module', () => {
    const patch = build([
      ...seedPatchOps,
      {
        type: 'connect',
        cable: { id: 'c0', from: { module: 'm0', jack: 'gate' }, to: { module: 'm3', jack: 'gate' }, color: '#f3374b' },
      },
      {
        type: 'connect',
        cable: { id: 'c1', from: { module: 'm1', jack: 'cv' }, to: { module: 'm4', jack: 'cv' }, color: '#f3374b' },
      },
    ]);
    expect(planDelete(patch, { modules: ['m0', 'gone'], cables: ['c0', 'c1'] })).toEqual({
      label: 'delete module and cable',
      ops: [
        { type: 'disconnect', id: 'c1' },
        { type: 'remove-module', id: 'm0' },
      ],
    });
  });

  it('any selection deletes cleanly', () => {
    fc.assert(
      fc.property(
        fc.array(opArbitrary, { maxLength: 25 }),
        fc.subarray(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6']),
        fc.subarray(['c0', 'c1', 'c2', 'c3', 'c4']),
        (ops, modules, cables) => {
          const patch = build([...seedPatchOps, ...ops]);
          const result = applyOp(patch, { type: 'batch', ops: planDelete(patch, { modules, cables }).ops }, catalog);
          if (!result.ok) throw new Error(result.error.message);
          expect(result.patch.modules.some((m) => modules.includes(m.id))).toBe(false);
          expect(result.patch.cables.some((c) => cables.includes(c.id))).toBe(false);
        },
      ),
    );
  });
});

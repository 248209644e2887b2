import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moduleCatalog } from '../../../tests/helpers/module-catalog';
import { emptyPatch } from '../../patch/model';
import type { Op } from '../../patch/ops';
import { caseFixture, FIXTURE_UID as UID, mirroredPatch } from './case-fixture';
import { interceptOp, MOVE_PHYSICAL, REMOVE_PHYSICAL } from './intercept';

const catalog = moduleCatalog();
const dep = `hw-${UID}-0`;
const pod = `hw-${UID}-12`;
const state = caseFixture(
  catalog,
  [
    { slot: 0, type: 'deployment' },
    { slot: 12, type: 'pod' },
  ],
  { cables: [{ from: { slot: 0, jack: 1 }, to: { slot: 12, jack: 0 } }] },
);
const base = mirroredPatch(catalog, state, 0, emptyPatch({ rows: 2, hp: 84 }));
const patch = { ...base, modules: [...base.modules, { id: 'svc', type: 'service', row: 1, hp: 0, params: {}, data: {} }] };
const ctx = { patch, catalog, mirrored: (uid: string) => uid === UID };
const plug: Op = {
  type: 'connect',
  cable: { id: 'c1', from: { module: dep, jack: 'claim-2' }, to: { module: pod, jack: 'req' }, color: '#00b56e' },
};

describe('interceptOp', () => {
  it('turns a connect between two jacks of a mirrored case into a pending plug', () => {
    expect(interceptOp(plug, ctx)).toEqual({
      op: null,
      pending: [
        { action: 'plug', from: plug.type === 'connect' && plug.cable.from, to: { module: pod, jack: 'req' }, color: '#00b56e' },
      ],
    });
  });

  it('turns a disconnect of a physical cable into a pending unplug', () => {
    const id = `hw-${UID}-0_1-12_0`;
    expect(interceptOp({ type: 'disconnect', id }, ctx).pending).toEqual([
      { action: 'unplug', from: { module: dep, jack: 'claim-1' }, to: { module: pod, jack: 'life' }, color: '#f3374b' },
    ]);
  });

  it('lets software cables, knob edits and a mirror that is off through', () => {
    const toScreen: Op = {
      type: 'connect',
      cable: { id: 'c2', from: { module: dep, jack: 'claim-3' }, to: { module: 'svc', jack: 'select' }, color: '#00b56e' },
    };
    const knob: Op = { type: 'set-param', id: pod, param: 'cpu', value: 500 };
    expect(interceptOp(toScreen, ctx)).toEqual({ op: toScreen, pending: [] });
    expect(interceptOp(knob, ctx)).toEqual({ op: knob, pending: [] });
    expect(interceptOp(plug, { ...ctx, mirrored: () => false })).toEqual({ op: plug, pending: [] });
  });

  it('refuses to remove or move a physical module', () => {
    expect(interceptOp({ type: 'remove-module', id: pod }, ctx).error).toBe(REMOVE_PHYSICAL);
    expect(interceptOp({ type: 'move-module', id: pod, row: 1, hp: 20 }, ctx).error).toBe(MOVE_PHYSICAL);
    expect(
      interceptOp(
        {
          type: 'batch',
          ops: [
            { type: 'remove-module', id: 'svc' },
            { type: 'remove-module', id: dep },
          ],
        },
        ctx,
      ).error,
    ).toBe(REMOVE_PHYSICAL);
  });

  it('splits a batch: the software part applies, the physical part waits', () => {
    const knob: Op = { type: 'set-param', id: pod, param: 'cpu', value: 500 };
    const result = interceptOp({ type: 'batch', label: 'paste', ops: [knob, plug] }, ctx);
    expect(result.op).toEqual({ type: 'batch', label: 'paste', ops: [knob] });
    expect(result.pending.map((p) => p.action)).toEqual(['plug']);
  });
});

describe('interceptOp (property)', () => {
  it('splits any batch of connects: nothing between two physical jacks reaches the patch, nothing is lost', () => {
    const outs = [
      { module: dep, jack: 'claim-2' },
      { module: dep, jack: 'claim-3' },
      { module: pod, jack: 'ready' },
      { module: 'svc', jack: 'ep-1' },
    ];
    const ins = [
      { module: pod, jack: 'req' },
      { module: dep, jack: 'ready-2' },
      { module: 'svc', jack: 'select' },
    ];
    const connect = fc
      .record({ from: fc.constantFrom(...outs), to: fc.constantFrom(...ins), n: fc.nat(1000) })
      .map(({ from, to, n }): Op => ({ type: 'connect', cable: { id: `c${n}`, from, to, color: '#3695ef' } }));
    fc.assert(
      fc.property(fc.array(connect, { minLength: 1, maxLength: 10 }), (ops) => {
        const result = interceptOp({ type: 'batch', ops }, ctx);
        const kept = result.op === null ? [] : result.op.type === 'batch' ? result.op.ops : [result.op];
        const physical = (ref: { module: string }) => ref.module !== 'svc';
        for (const op of kept) expect(op.type === 'connect' && physical(op.cable.from) && physical(op.cable.to)).toBe(false);
        expect(kept.length + result.pending.length).toBe(ops.length);
      }),
    );
  });
});

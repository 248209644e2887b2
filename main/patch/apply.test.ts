import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { opArbitrary, seedPatchOps } from '../../tests/helpers/arbitraries';
import { testCatalog } from '../../tests/helpers/catalog';
import { violations } from '../../tests/helpers/invariants';
import { applyOp } from './apply';
import { emptyPatch, type Patch } from './model';
import type { Op } from './ops';

const catalog = testCatalog();
const rack = { rows: 2, hp: 42 };
const src = (id: string, row = 0, hp = 0): Op => ({
  type: 'add-module',
  module: { id, type: 'src', row, hp, params: {}, data: {} },
});
const dst = (id: string, row = 0, hp = 10): Op => ({
  type: 'add-module',
  module: { id, type: 'dst', row, hp, params: {}, data: {} },
});
const cable = (id: string, from: string, fj: string, to: string, tj: string): Op => ({
  type: 'connect',
  cable: { id, from: { module: from, jack: fj }, to: { module: to, jack: tj }, color: '#f3374b' },
});

function run(ops: Op[], patch: Patch = emptyPatch(rack)): Patch {
  for (const op of ops) {
    const r = applyOp(patch, op, catalog);
    if (!r.ok) throw new Error(r.error.message);
    patch = r.patch;
  }
  return patch;
}

function refused(patch: Patch, op: Op) {
  const r = applyOp(patch, op, catalog);
  if (r.ok) throw new Error(`expected ${JSON.stringify(op)} to be refused`);
  return r.error;
}

describe('applyOp rules', () => {
  const base = run([src('a'), dst('b')]);

  it('fills default params and keeps the given ones', () => {
    expect(run([dst('b')]).modules[0]!.params).toEqual({ count: 3, mode: 0 });
  });

  it('refuses overlap, positions outside the rack and unknown types with a reason', () => {
    expect(refused(base, src('c', 0, 12)).code).toBe('overlap');
    expect(refused(base, src('c', 2, 0)).code).toBe('outside-rack');
    expect(refused(base, src('c', 0, 38)).code).toBe('outside-rack');
    expect(
      refused(base, { type: 'add-module', module: { id: 'x', type: 'nope', row: 1, hp: 0, params: {}, data: {} } }).message,
    ).toContain('"nope"');
    expect(refused(base, src('a', 1, 0)).code).toBe('duplicate-id');
  });

  it('refuses params outside their range, off their step, or unknown', () => {
    expect(refused(base, { type: 'set-param', id: 'b', param: 'count', value: 13 }).code).toBe('param-out-of-range');
    expect(refused(base, { type: 'set-param', id: 'b', param: 'count', value: 2.5 }).message).toContain('steps of 1');
    expect(refused(base, { type: 'set-param', id: 'b', param: 'mode', value: 2 }).message).toContain('switch');
    expect(refused(base, { type: 'set-param', id: 'b', param: 'volume', value: 1 }).code).toBe('no-such-param');
  });

  it('patches outputs to compatible inputs and explains every refusal', () => {
    const patched = run([cable('c1', 'a', 'gate', 'b', 'gate')], base);
    expect(patched.cables).toHaveLength(1);
    expect(refused(base, cable('c2', 'b', 'gate', 'a', 'gate')).code).toBe('wrong-direction');
    expect(refused(base, cable('c2', 'a', 'cv', 'b', 'gate'))).toMatchObject({
      code: 'incompatible-signals',
      message: expect.stringContaining('cannot drive a gate'),
    });
    expect(refused(base, cable('c2', 'a', 'audio', 'b', 'cv')).code).toBe('incompatible-signals');
    expect(refused(patched, cable('c2', 'a', 'trig', 'b', 'gate')).code).toBe('input-occupied');
    expect(refused(patched, cable('c2', 'a', 'gate', 'b', 'gate')).code).toBe('duplicate-cable');
    expect(refused(base, cable('c2', 'a', 'nope', 'b', 'gate')).code).toBe('no-such-jack');
  });

  it('lets outputs stack cables and poly inputs take up to 16', () => {
    const stacked = run(
      [cable('c1', 'a', 'gate', 'b', 'gate'), cable('c2', 'a', 'gate', 'b', 'trig'), cable('c3', 'a', 'gate', 'b', 'poly')],
      base,
    );
    expect(stacked.cables.map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
    let poly = emptyPatch({ rows: 16, hp: 42 });
    poly = run([dst('d', 0, 0)], poly);
    for (let i = 0; i < 16; i++) poly = run([src(`s${i}`, i, 20), cable(`p${i}`, `s${i}`, 'cv', 'd', 'poly')], poly);
    poly = run([src('s16', 15, 30)], poly);
    expect(refused(poly, cable('p16', 's16', 'cv', 'd', 'poly')).code).toBe('poly-full');
  });

  it('applies a batch all or nothing and says which op failed', () => {
    const error = refused(base, { type: 'batch', ops: [src('c', 1, 0), src('d', 1, 0)] });
    expect(error).toMatchObject({ code: 'overlap', at: [1] });
  });

  it('removing a module removes its cables and undoing restores the exact patch', () => {
    const patched = run(
      [
        src('c', 1, 0),
        cable('c1', 'a', 'gate', 'b', 'gate'),
        cable('c2', 'c', 'cv', 'b', 'cv'),
        cable('c3', 'a', 'cv', 'b', 'poly'),
      ],
      base,
    );
    const removed = applyOp(patched, { type: 'remove-module', id: 'a' }, catalog);
    if (!removed.ok) throw new Error(removed.error.message);
    expect(removed.patch.cables.map((c) => c.id)).toEqual(['c2']);
    expect(run([removed.inverse], removed.patch)).toEqual(patched);
  });

  it('refuses to shrink the rack under a module', () => {
    expect(refused(run([src('c', 1, 30)], base), { type: 'set-rack', rack: { rows: 1, hp: 42 } }).code).toBe('rack-too-small');
  });
});

describe('applyOp properties', () => {
  it('random op sequences keep the patch valid; refused ops leave it untouched; inverses undo exactly', () => {
    const seen = { accepted: new Set<string>(), refused: new Set<string>() };
    fc.assert(
      fc.property(fc.array(opArbitrary, { minLength: 10, maxLength: 60 }), (ops) => {
        let patch = run(seedPatchOps);
        for (const op of ops) {
          const before = structuredClone(patch);
          const result = applyOp(patch, op, catalog);
          if (!result.ok) {
            seen.refused.add(result.error.code);
            expect(patch).toEqual(before);
            continue;
          }
          seen.accepted.add(op.type);
          expect(violations(result.patch, catalog)).toEqual([]);
          const undone = applyOp(result.patch, result.inverse, catalog);
          expect(undone.ok && undone.patch).toEqual(before);
          patch = result.patch;
        }
      }),
      { numRuns: 300 },
    );
    // The generator must exercise every op and most refusals, or the property proves little.
    expect([...seen.accepted].sort()).toEqual([
      'add-module',
      'batch',
      'connect',
      'disconnect',
      'move-module',
      'remove-module',
      'set-cable-color',
      'set-data',
      'set-param',
      'set-rack',
    ]);
    expect(seen.refused.size).toBeGreaterThanOrEqual(12);
  });
});

describe('set-data', () => {
  const withModule = (): Patch => {
    const added = applyOp(
      emptyPatch(rack),
      { type: 'add-module', module: { id: 'a', type: 'dst', row: 0, hp: 0, params: {}, data: {} } },
      catalog,
    );
    if (!added.ok) throw new Error(added.error.message);
    return added.patch;
  };

  it('refuses a name Kubernetes would refuse, naming the rule, and keeps the patch', () => {
    const patch = withModule();
    for (const name of ['Web', 'web_1', '-web', 'a'.repeat(254), '']) {
      const result = applyOp(patch, { type: 'set-data', id: 'a', data: { name } }, catalog);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-data' } });
    }
  });

  it('accepts a DNS subdomain name and data without a name', () => {
    const patch = withModule();
    expect(applyOp(patch, { type: 'set-data', id: 'a', data: { name: 'web.shop-1' } }, catalog).ok).toBe(true);
    expect(applyOp(patch, { type: 'set-data', id: 'a', data: { image: 'nginx' } }, catalog).ok).toBe(true);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { opArbitrary, seedPatchOps } from '../../tests/helpers/arbitraries';
import { testCatalog } from '../../tests/helpers/catalog';
import { applyOp } from '../../main/patch/apply';
import { emptyPatch, type Patch } from '../../main/patch/model';
import type { Op } from '../../main/patch/ops';
import { copySelection, parseClipboard, planDuplicate, planPaste, serializeClipboard } from './clipboard';

const catalog = testCatalog();

/** Applies ops in order, skipping refused ones: any prefix of edits gives a valid patch. */
function build(ops: Op[], patch: Patch = emptyPatch({ rows: 2, hp: 42 })): Patch {
  for (const op of ops) {
    const r = applyOp(patch, op, catalog);
    if (r.ok) patch = r.patch;
  }
  return patch;
}

function counter() {
  let n = 0;
  return (prefix: string) => `${prefix}-new${n++}`;
}

const base = build([
  ...seedPatchOps,
  { type: 'set-data', id: 'm0', data: { name: 'src-1' } },
  {
    type: 'connect',
    cable: { id: 'c0', from: { module: 'm0', jack: 'gate' }, to: { module: 'm3', jack: 'gate' }, color: '#f3374b' },
  },
  {
    type: 'connect',
    cable: { id: 'c1', from: { module: 'm1', jack: 'cv' }, to: { module: 'm3', jack: 'poly' }, color: '#00b56e' },
  },
]);

describe('copy and paste', () => {
  it('copies the selected modules and only the cables among them', () => {
    const payload = copySelection(base, ['m0', 'm3']);
    expect(payload.modules.map((m) => m.id)).toEqual(['m0', 'm3']);
    expect(payload.cables.map((c) => c.id)).toEqual(['c0']);
    expect(parseClipboard(serializeClipboard(payload))).toEqual({ ok: true, payload });
  });

  it('pastes with new ids, cable ends rewritten, names made unique, in free slots', () => {
    const plan = planPaste(base, catalog, copySelection(base, ['m0', 'm3']), counter());
    if (!plan.ok) throw new Error(plan.error);
    expect(plan.label).toBe('paste 2 modules');
    const adds = plan.ops.filter((op) => op.type === 'add-module');
    expect(adds.map((op) => op.type === 'add-module' && op.module.id)).toEqual(['m-new0', 'm-new1']);
    const first = adds[0]!;
    expect(first.type === 'add-module' && first.module.data.name).toBe('src-2');
    expect(plan.ops.find((op) => op.type === 'connect')).toMatchObject({
      cable: { id: 'c-new2', from: { module: 'm-new0', jack: 'gate' }, to: { module: 'm-new1', jack: 'gate' }, color: '#f3374b' },
    });
    expect(applyOp(base, { type: 'batch', ops: plan.ops }, catalog).ok).toBe(true);
  });

  it('refuses foreign text with a sentence, and drops unknown module types', () => {
    expect(parseClipboard('hello')).toMatchObject({ ok: false, error: expect.stringContaining('no k8s-synth modules') });
    expect(parseClipboard('{"format":"k8s-synth/selection","version":1,"modules":[{}],"cables":[]}')).toMatchObject({
      ok: false,
    });
    const payload = copySelection(base, ['m0']);
    payload.modules.push({ ...payload.modules[0]!, id: 'x', type: 'ghost' });
    const plan = planPaste(base, catalog, payload, counter());
    expect(plan).toMatchObject({ ok: true, label: 'paste Source', skipped: [expect.stringContaining('"ghost"')] });
  });

  it('duplicates next to the originals, growing the rack when it is full', () => {
    const full = build(
      [
        { type: 'set-rack', rack: { rows: 1, hp: 20 } },
        { type: 'add-module', module: { id: 'a', type: 'src', row: 0, hp: 0, params: {}, data: {} } },
        { type: 'add-module', module: { id: 'b', type: 'dst', row: 0, hp: 6, params: {}, data: {} } },
      ],
      emptyPatch({ rows: 1, hp: 20 }),
    );
    const once = planDuplicate(full, catalog, ['a'], counter());
    expect(once).toMatchObject({
      ok: true,
      label: 'duplicate Source',
      ops: [{ type: 'add-module', module: { row: 0, hp: 14 } }],
    });
    const both = planDuplicate(full, catalog, ['a', 'b'], counter());
    expect(both).toMatchObject({
      ok: true,
      ops: [{ type: 'set-rack', rack: { rows: 2, hp: 20 } }, { module: { row: 1, hp: 0 } }, { module: { row: 1, hp: 6 } }],
    });
  });

  it('pasting any selection of any valid patch yields a batch applyOp accepts', () => {
    fc.assert(
      fc.property(
        fc.array(opArbitrary, { maxLength: 25 }),
        fc.array(fc.constantFrom('m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'), { minLength: 1, maxLength: 8 }),
        fc.option(fc.record({ row: fc.integer({ min: 0, max: 3 }), hp: fc.integer({ min: 0, max: 40 }) }), { nil: undefined }),
        (ops, picked, anchor) => {
          const patch = build([...seedPatchOps, ...ops]);
          const selected = [...new Set(picked)].filter((id) => patch.modules.some((m) => m.id === id));
          fc.pre(selected.length > 0);
          const payload = copySelection(patch, selected);
          const parsed = parseClipboard(serializeClipboard(payload));
          if (!parsed.ok) throw new Error(parsed.error);
          const plan = planPaste(patch, catalog, parsed.payload, counter(), anchor ? { anchor } : {});
          if (!plan.ok) throw new Error(plan.error);
          const result = applyOp(patch, { type: 'batch', ops: plan.ops }, catalog);
          if (!result.ok) throw new Error(result.error.message);
          // Everything copied arrives: every module, and every cable among them.
          expect(plan.moduleIds).toHaveLength(selected.length);
          expect(plan.cableIds).toHaveLength(payload.cables.length);
          expect(plan.skipped).toEqual([]);
          expect(result.patch.modules).toHaveLength(patch.modules.length + selected.length);
          expect(result.patch.cables).toHaveLength(patch.cables.length + payload.cables.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});

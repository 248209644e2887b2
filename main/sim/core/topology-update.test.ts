/**
 * The in-place re-wire equals a full compile: after any sequence of patch edits the updated
 * topology is compileTopology's, and a simulator that follows the edits in place steps to the same
 * state hashes and outputs as one that compiles afresh on every edit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { examplePatch, simCatalog } from '../../../tests/helpers/sim';
import { applyOp } from '../../patch/apply';
import type { Patch } from '../../patch/model';
import type { Op } from '../../patch/ops';
import { Simulator } from './simulator';
import { compileTopology, compileWiring } from './topology';
import { updateTopology } from './topology-update';

const catalog = simCatalog();
const hello = examplePatch('hello-web');

interface Edit {
  kind: number;
  a: number;
  b: number;
  value: number;
}
const edit = fc.record({ kind: fc.nat(8), a: fc.nat(), b: fc.nat(), value: fc.nat(100) });

/** An op picked by numbers (so fast-check shrinks it), valid or not: the patch refuses what is wrong. */
function opFor(patch: Patch, { kind, a, b, value }: Edit, n: number): Op {
  const mod = patch.modules[a % patch.modules.length]!;
  const def = catalog.get(mod.type)!;
  const other = patch.modules[b % patch.modules.length]!;
  const outs = def.jacks.filter((j) => j.direction === 'output');
  const ins = catalog.get(other.type)!.jacks.filter((j) => j.direction === 'input');
  const param = def.params[value % Math.max(1, def.params.length)];
  switch (kind) {
    case 0:
    case 1: {
      if (!param) return { type: 'set-data', id: mod.id, data: { ...mod.data, name: `m-${value}` } };
      const v = param.kind === 'switch' ? value % param.positions.length : param.min + ((param.max - param.min) * value) / 100;
      return { type: 'set-param', id: mod.id, param: param.id, value: param.kind === 'switch' || param.step ? Math.round(v) : v };
    }
    case 2:
      return { type: 'set-data', id: mod.id, data: { ...mod.data, name: `m-${value}` } };
    case 3:
    case 4:
      return {
        type: 'connect',
        cable: {
          id: `e${n}`,
          from: { module: mod.id, jack: outs[value % Math.max(1, outs.length)]?.id ?? 'none' },
          to: { module: other.id, jack: ins[b % Math.max(1, ins.length)]?.id ?? 'none' },
          color: '#3695ef',
        },
        ...(value % 3 === 0 ? { index: b % (patch.cables.length + 1) } : {}),
      };
    case 5:
      return { type: 'disconnect', id: patch.cables[b % Math.max(1, patch.cables.length)]?.id ?? 'none' };
    case 6:
      return { type: 'move-module', id: mod.id, row: mod.row, hp: mod.hp };
    case 7: // slots move: the update must ask for a full compile
      return value % 2
        ? { type: 'remove-module', id: mod.id }
        : { type: 'add-module', module: { ...mod, id: `copy${n}`, row: 15 } };
    default:
      return {
        type: 'batch',
        ops: [opFor(patch, { kind: 3, a, b, value }, n), opFor(patch, { kind: 5, a, b: a, value }, n + 1)],
      };
  }
}

/** Applies edits that the patch accepts; each step's ops and patches. */
function run(edits: Edit[]): { before: Patch; after: Patch; ops: Op[] }[] {
  const steps: { before: Patch; after: Patch; ops: Op[] }[] = [];
  let patch = hello;
  edits.forEach((e, n) => {
    const op = opFor(patch, e, 2 * n);
    const result = applyOp(patch, op, catalog);
    if (!result.ok) return;
    steps.push({ before: patch, after: result.patch, ops: [op] });
    patch = result.patch;
  });
  return steps;
}

describe('in-place re-wire', () => {
  it('equals a full compile after random edit sequences', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 30 }), (edits) => {
        let compiled = compileWiring(hello, catalog);
        for (const { before, after, ops } of run(edits)) {
          if (!updateTopology(compiled, before, after, ops, catalog)) compiled = compileWiring(after, catalog);
          const full = compileWiring(after, catalog);
          expect(compiled.topo).toEqual(full.topo);
          expect(compiled.wiring).toEqual(full.wiring);
        }
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('steps to the same hashes and outputs as re-compiling on every edit', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 20 }), fc.nat(3), (edits, seed) => {
        const inPlace = new Simulator(hello, catalog, { seed });
        const fresh = new Simulator(hello, catalog, { seed });
        inPlace.advance(3000);
        fresh.advance(3000);
        for (const { after, ops } of run(edits)) {
          inPlace.setPatch(after, ops);
          fresh.setPatch(after);
          inPlace.advance(250);
          fresh.advance(250);
          expect(inPlace.hash()).toBe(fresh.hash());
        }
        expect(inPlace.outputs()).toEqual(fresh.outputs());
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('updates in place for knobs, names and cables, and asks for a compile when modules come or go', () => {
    const compiled = compileWiring(hello, catalog);
    const pod = hello.modules.find((m) => m.type === 'pod')!;
    const knob: Op = { type: 'set-param', id: pod.id, param: 'cpu', value: 500 };
    const turned = applyOp(hello, knob, catalog);
    if (!turned.ok) throw new Error(turned.error.message);
    expect(updateTopology(compiled, hello, turned.patch, [knob], catalog)).toBe(true);
    expect(compiled.topo.pods.find((p) => p.id === pod.id)?.cpu).toBe(500);
    const pull: Op = { type: 'disconnect', id: hello.cables[0]!.id };
    const pulled = applyOp(turned.patch, pull, catalog);
    if (!pulled.ok) throw new Error(pulled.error.message);
    expect(updateTopology(compiled, turned.patch, pulled.patch, [pull], catalog)).toBe(true);
    expect(compiled.topo).toEqual(compileTopology(pulled.patch, catalog));
    const remove: Op = { type: 'remove-module', id: pod.id };
    expect(updateTopology(compiled, pulled.patch, pulled.patch, [remove], catalog)).toBe(false);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moduleCatalog } from '../../../tests/helpers/module-catalog';
import { applyOp } from '../../patch/apply';
import { emptyPatch, type Patch } from '../../patch/model';
import { batch, type Op } from '../../patch/ops';
import type { CaseState } from '../codec/case-state';
import { caseFixture, FIXTURE_UID as UID } from './case-fixture';
import {
  defForTypeId,
  jackIds,
  knobValueToWire,
  parsePhysicalCableId,
  parsePhysicalModuleId,
  physicalModuleId,
} from './module-map';
import { controlOps, syncCase } from './sync';

const catalog = moduleCatalog();
const claim1 = { from: { slot: 0, jack: 1 }, to: { slot: 12, jack: 0 } }; // Deployment CLAIM 1 → Pod LIFE

function apply(patch: Patch, ops: Op[]): Patch {
  if (ops.length === 0) return patch;
  const result = applyOp(patch, batch(ops), catalog);
  if (!result.ok) throw new Error(result.error.message);
  return result.patch;
}

function sync(patch: Patch, next: CaseState, prev?: CaseState, row = 0) {
  const result = syncCase({ patch, catalog, bridgeUid: UID, row, prev, next });
  return { ...result, patch: apply(patch, result.ops) };
}

describe('syncCase', () => {
  it('places a new case in its row at HP = slot, with knob values and cables from the rack', () => {
    const replicas = catalog.param('deployment', 'replicas')!;
    const state = caseFixture(
      catalog,
      [
        { slot: 0, type: 'deployment' },
        { slot: 12, type: 'pod' },
      ],
      { cables: [claim1], knobs: { '0/0': knobValueToWire(replicas as never, 5) } },
    );
    const { patch, notes } = sync(emptyPatch({ rows: 1, hp: 16 }), state, undefined, 1);
    expect(notes).toEqual([]);
    expect(patch.rack).toEqual({ rows: 2, hp: 20 });
    expect(patch.modules.map((m) => [m.id, m.type, m.row, m.hp, m.params['replicas'] ?? m.params['cpu']])).toEqual([
      [`hw-${UID}-0`, 'deployment', 1, 0, 5],
      [`hw-${UID}-12`, 'pod', 1, 12, 250],
    ]);
    expect(patch.cables).toEqual([
      {
        id: `hw-${UID}-0_1-12_0`,
        from: { module: `hw-${UID}-0`, jack: 'claim-1' },
        to: { module: `hw-${UID}-12`, jack: 'life' },
        color: '#f3374b',
      },
    ]);
  });

  it('moves an on-screen module out of the way instead of deleting it, and says so', () => {
    const start = apply(emptyPatch(), [
      { type: 'add-module', module: { id: 'mine', type: 'service', row: 0, hp: 4, params: {}, data: {} } },
    ]);
    const { patch, notes } = sync(start, caseFixture(catalog, [{ slot: 0, type: 'deployment' }]));
    const moved = patch.modules.find((m) => m.id === 'mine')!;
    expect(moved.row !== 0 || moved.hp >= 12).toBe(true);
    expect(notes).toEqual([expect.stringMatching(/^Service moved to row \d+, HP \d+: the case "case A" has a module there\.$/)]);
  });

  it('skips a module type the app does not know, with a note', () => {
    const state = caseFixture(catalog, [{ slot: 20, type: 'pod' }]);
    state.modules.push({ ...state.modules[0]!, slot: 40, typeId: 4242 });
    const { patch, notes } = sync(emptyPatch(), state);
    expect(patch.modules.map((m) => m.id)).toEqual([`hw-${UID}-20`]);
    expect(notes).toEqual(['Slot 40: module type 4242 is unknown to this app: update k8s-synth to see it on screen.']);
  });

  it('replaces an on-screen cable on a physical input: the physical cable is the truth', () => {
    const state = caseFixture(catalog, [
      { slot: 0, type: 'deployment' },
      { slot: 12, type: 'pod' },
    ]);
    const placed = sync(emptyPatch(), state).patch;
    const screen = apply(placed, [
      {
        type: 'connect',
        cable: {
          id: 'ui1',
          from: { module: `hw-${UID}-0`, jack: 'claim-2' },
          to: { module: `hw-${UID}-12`, jack: 'life' },
          color: '#3695ef',
        },
      },
    ]);
    const { patch } = sync(screen, { ...state, cables: [claim1] }, state);
    expect(patch.cables.map((c) => c.id)).toEqual([`hw-${UID}-0_1-12_0`]);
  });

  it('removes a module taken out of the case, with its cables', () => {
    const full = caseFixture(
      catalog,
      [
        { slot: 0, type: 'deployment' },
        { slot: 12, type: 'pod' },
      ],
      { cables: [claim1] },
    );
    const placed = sync(emptyPatch(), full).patch;
    const { patch } = sync(placed, caseFixture(catalog, [{ slot: 0, type: 'deployment' }]), full);
    expect(patch.modules.map((m) => m.id)).toEqual([`hw-${UID}-0`]);
    expect(patch.cables).toEqual([]);
  });

  it('knobs use pickup: the screen value holds until the knob passes through it', () => {
    const cpu = catalog.param('pod', 'cpu') as never;
    const at = (value: number) =>
      caseFixture(catalog, [{ slot: 0, type: 'pod' }], { knobs: { '0/0': knobValueToWire(cpu, value) } });
    const placed = sync(emptyPatch(), at(1000)).patch;
    const edited = apply(placed, [{ type: 'set-param', id: `hw-${UID}-0`, param: 'cpu', value: 3000 }]);
    const below = sync(edited, at(2000), at(1000));
    expect(below.ops).toEqual([]);
    const crossed = sync(below.patch, at(3500), at(2000));
    expect(crossed.ops).toEqual([{ type: 'set-param', id: `hw-${UID}-0`, param: 'cpu', value: 3500 }]);
    const follows = sync(crossed.patch, at(3400), at(3500));
    expect(follows.ops).toEqual([{ type: 'set-param', id: `hw-${UID}-0`, param: 'cpu', value: 3400 }]);
  });

  it('takes a switch flipped on the rack; a switch edited on screen keeps its value until flipped', () => {
    const at = (position: number) => ({ ...caseFixture(catalog, [{ slot: 0, type: 'node' }]), switches: { '0/0': position } });
    const placed = sync(emptyPatch(), at(1));
    expect(placed.patch.modules[0]!.params['cordon']).toBe(1);
    const edited = apply(placed.patch, [{ type: 'set-param', id: `hw-${UID}-0`, param: 'cordon', value: 0 }]);
    expect(sync(edited, at(1), at(1)).ops).toEqual([]);
    const flipped = sync(edited, at(0), at(1)).patch;
    expect(sync(flipped, at(1), at(0)).ops).toEqual([{ type: 'set-param', id: `hw-${UID}-0`, param: 'cordon', value: 1 }]);
    expect(sync(placed.patch, at(7), at(1)).ops).toEqual([]);
  });

  it('property: after a sync the patch shows the case exactly, and a second sync applies nothing', () => {
    const physical = catalog.entries.filter((e) => e.hardwareId !== undefined);
    const caseArb = fc.array(fc.constantFrom(...physical.map((e) => e.type)), { minLength: 1, maxLength: 6 }).chain((types) => {
      let hp = 0;
      const modules = types.map((type) => {
        const slot = hp;
        hp += catalog.get(type)!.hp;
        return { slot, type };
      });
      const outs = modules.flatMap((m) => jackIds(catalog.get(m.type)!, 'output').map((_, jack) => ({ slot: m.slot, jack })));
      const ins = modules.flatMap((m) => jackIds(catalog.get(m.type)!, 'input').map((_, jack) => ({ slot: m.slot, jack })));
      // A case of jackless modules only (FOLLOW) has no cables to plug.
      const cables = outs.length
        ? fc.array(
            fc.record({ from: fc.constantFrom(...outs), to: ins.length ? fc.constantFrom(...ins) : fc.constant(undefined) }),
            { maxLength: 8 },
          )
        : fc.constant([]);
      return fc.record({ modules: fc.constant(modules), cables, row: fc.nat(3) });
    });
    fc.assert(
      fc.property(caseArb, ({ modules, cables, row }) => {
        const state = caseFixture(catalog, modules);
        // Only cables the patch accepts (signal kinds, one per input) are kept, as a rack could not sense the rest either.
        let patch = sync(emptyPatch(), state, undefined, row).patch;
        for (const c of cables) {
          if (!c.to) continue;
          const next = { ...state, cables: [...state.cables, { from: c.from, to: c.to }] };
          const tried = sync(patch, next, state, row);
          if (tried.notes.length === 0 && tried.patch.cables.length === patch.cables.length + 1) {
            state.cables = next.cables;
            patch = tried.patch;
          }
        }
        expect(sync(patch, state, state, row).ops).toEqual([]);
        expect(patch.modules.map((m) => [parsePhysicalModuleId(m.id)!.slot, m.row, m.hp]).sort()).toEqual(
          modules.map((m) => [m.slot, row, m.slot]).sort(),
        );
        expect(
          patch.modules.every(
            (m) =>
              defForTypeId(catalog, state.modules.find((x) => physicalModuleId(UID, x.slot) === m.id)!.typeId)?.type === m.type,
          ),
        ).toBe(true);
        expect(patch.cables.map((c) => parsePhysicalCableId(c.id))).toEqual(state.cables.map((c) => ({ bridgeUid: UID, ...c })));
      }),
      { numRuns: 200 },
    );
  });
});

describe('controlOps', () => {
  it('property: for a knob move it gives what the full diff gives', () => {
    fc.assert(
      fc.property(fc.nat(65535), fc.nat(65535), fc.integer({ min: 0, max: 400 }), (a, b, screen) => {
        const at = (wire: number) => caseFixture(catalog, [{ slot: 8, type: 'pod' }], { knobs: { '8/0': wire } });
        const placed = sync(emptyPatch(), at(a)).patch;
        const edited = apply(placed, [{ type: 'set-param', id: `hw-${UID}-8`, param: 'cpu', value: screen * 10 }]);
        const input = { patch: edited, catalog, bridgeUid: UID, row: 0, prev: at(a), next: at(b) };
        expect(controlOps(input, 8)).toEqual(syncCase(input).ops);
      }),
    );
  });
});

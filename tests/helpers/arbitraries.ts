/**
 * fast-check generators for op sequences. Ops draw from small pools of ids, jacks and positions,
 * so a random sequence mixes valid edits with every kind of invalid one (unknown ids, overlaps,
 * wrong directions, incompatible kinds, occupied inputs). Sequences start from `seedPatchOps`
 * (sources m0-m2 in row 0, destinations m3-m5 in row 1) so most ops have something to act on.
 */
import fc from 'fast-check';
import { CABLE_PALETTE, type Json } from '../../main/patch/model';
import type { Op } from '../../main/patch/ops';

const SOURCES = ['m0', 'm1', 'm2'] as const;
const DESTINATIONS = ['m3', 'm4', 'm5'] as const;

export const seedPatchOps: Op[] = [
  ...SOURCES.map((id, i): Op => ({ type: 'add-module', module: { id, type: 'src', row: 0, hp: i * 7, params: {}, data: {} } })),
  ...DESTINATIONS.map((id, i): Op => ({
    type: 'add-module',
    module: { id, type: 'dst', row: 1, hp: i * 9, params: {}, data: {} },
  })),
];

const moduleId = fc.constantFrom<string>(...SOURCES, ...DESTINATIONS, 'm6', 'm7');
const cableId = fc.constantFrom('c0', 'c1', 'c2', 'c3', 'c4');
const anyJack = fc.constantFrom('gate', 'trig', 'cv', 'audio', 'poly', 'nope');
const color = fc.constantFrom(...CABLE_PALETTE);
const output = fc.record({ module: fc.constantFrom<string>(...SOURCES), jack: fc.constantFrom('gate', 'trig', 'cv', 'audio') });
const input = fc.record({
  module: fc.constantFrom<string>(...DESTINATIONS),
  jack: fc.constantFrom('gate', 'trig', 'cv', 'audio', 'poly'),
});
const anyRef = fc.record({ module: moduleId, jack: anyJack });
const position = { row: fc.integer({ min: 0, max: 2 }), hp: fc.integer({ min: -1, max: 36 }) };
const params = fc.constantFrom<Record<string, number>>(
  {},
  {},
  { level: 7 },
  { level: 99 },
  { count: 4 },
  { mode: 1 },
  { count: 2.5 },
);

const addModule: fc.Arbitrary<Op> = fc.record({
  type: fc.constant('add-module' as const),
  module: fc.record({
    id: moduleId,
    type: fc.constantFrom('src', 'dst', 'ghost'),
    ...position,
    params,
    data: fc.constantFrom<Record<string, Json>>({}, { name: 'web' }),
  }),
});

const leafOp: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: addModule },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('remove-module' as const), id: moduleId }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('move-module' as const), id: moduleId, ...position }) },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('set-param' as const),
      id: moduleId,
      param: fc.constantFrom('level', 'count', 'mode', 'nope'),
      value: fc.constantFrom(0, 1, 3, 2.5, 10, 12, 13, -1),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('set-data' as const),
      id: moduleId,
      data: fc.constantFrom<Record<string, Json>>({}, { name: 'api', image: 'nginx' }),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      type: fc.constant('connect' as const),
      cable: fc.record({ id: cableId, from: output, to: input, color }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('connect' as const),
      cable: fc.record({ id: cableId, from: anyRef, to: anyRef, color }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('disconnect' as const), id: cableId }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('set-cable-color' as const), id: cableId, color }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('set-rack' as const),
      rack: fc.record({ rows: fc.integer({ min: 1, max: 3 }), hp: fc.constantFrom(20, 42, 60) }),
    }),
  },
);

/** Leaf ops, with an occasional batch of them (batches are all-or-nothing). */
export const opArbitrary: fc.Arbitrary<Op> = fc.oneof(
  { weight: 8, arbitrary: leafOp },
  { weight: 1, arbitrary: fc.array(leafOp, { maxLength: 5 }).map((ops): Op => ({ type: 'batch', ops })) },
);

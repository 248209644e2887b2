import { describe, expect, it } from 'vitest';
import { testCatalog } from '../../tests/helpers/catalog';
import { emptyPatch, type Patch } from '../../main/patch/model';
import { MAX_RACK_ROWS, placeModules } from './placement';
import { planAddModule } from './add-module';

const catalog = testCatalog();
const mod = (id: string, type: string, row: number, hp: number) => ({ id, type, row, hp, params: {}, data: {} });

describe('placeModules', () => {
  const patch: Patch = { ...emptyPatch({ rows: 2, hp: 30 }), modules: [mod('a', 'src', 0, 0), mod('b', 'dst', 0, 6)] };

  it('keeps a group together in the nearest free spot of the same row', () => {
    expect(
      placeModules(patch, catalog, [
        { type: 'src', row: 0, hp: 0 },
        { type: 'dst', row: 0, hp: 6 },
      ]),
    ).toEqual({
      ok: true,
      slots: [
        { row: 0, hp: 14 },
        { row: 0, hp: 20 },
      ],
    });
  });

  it('splits a group that cannot stay together, without overlapping itself', () => {
    const narrow: Patch = { ...patch, rack: { rows: 2, hp: 20 } };
    const placed = placeModules(narrow, catalog, [
      { type: 'src', row: 0, hp: 0 },
      { type: 'src', row: 0, hp: 6 },
      { type: 'src', row: 0, hp: 12 },
    ]);
    expect(placed).toEqual({
      ok: true,
      slots: [
        { row: 1, hp: 0 },
        { row: 1, hp: 6 },
        { row: 1, hp: 12 },
      ],
    });
  });

  it('grows the rack by rows when full, and says so when it cannot grow', () => {
    const full: Patch = { ...emptyPatch({ rows: 1, hp: 14 }), modules: [mod('a', 'src', 0, 0), mod('b', 'dst', 0, 6)] };
    expect(placeModules(full, catalog, [{ type: 'src', row: 0, hp: 0 }])).toEqual({
      ok: true,
      slots: [{ row: 1, hp: 0 }],
      rack: { rows: 2, hp: 14 },
    });
    const max: Patch = {
      ...full,
      rack: { rows: MAX_RACK_ROWS, hp: 14 },
      modules: [...Array(MAX_RACK_ROWS).keys()].flatMap((r) => [mod(`a${r}`, 'src', r, 0), mod(`b${r}`, 'dst', r, 6)]),
    };
    expect(placeModules(max, catalog, [{ type: 'src', row: 0, hp: 0 }])).toMatchObject({
      ok: false,
      error: expect.stringContaining('rack is full'),
    });
    expect(placeModules(full, catalog, [{ type: 'ghost', row: 0, hp: 0 }])).toMatchObject({
      ok: false,
      error: expect.stringContaining('"ghost"'),
    });
  });
});

describe('planAddModule', () => {
  it('adds with default params and the next free <type>-<n> name, labelled with the module name', () => {
    const patch: Patch = { ...emptyPatch({ rows: 1, hp: 14 }), modules: [{ ...mod('a', 'dst', 0, 0), data: { name: 'dst-1' } }] };
    expect(planAddModule(patch, catalog, 'dst', { row: 0, hp: 0 }, 'm-1')).toEqual({
      ok: true,
      label: 'add Destination',
      module: { id: 'm-1', type: 'dst', row: 1, hp: 0, params: { count: 3, mode: 0 }, data: { name: 'dst-2' } },
      ops: [
        { type: 'set-rack', rack: { rows: 2, hp: 14 } },
        {
          type: 'add-module',
          module: { id: 'm-1', type: 'dst', row: 1, hp: 0, params: { count: 3, mode: 0 }, data: { name: 'dst-2' } },
        },
      ],
    });
  });
});

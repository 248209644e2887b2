import { describe, expect, it } from 'vitest';
import { moduleCatalog } from '../../tests/helpers/module-catalog';
import { emptyPatch, type Patch } from '../../main/patch/model';
import { disconnectOps, initializeOps } from './module-menu';

const catalog = moduleCatalog();
const patch: Patch = {
  ...emptyPatch(),
  modules: [
    { id: 'd', type: 'deployment', row: 0, hp: 0, params: { ...catalog.defaultParams('deployment'), replicas: 5 }, data: {} },
    { id: 'p', type: 'pod', row: 1, hp: 0, params: catalog.defaultParams('pod'), data: {} },
    { id: 'q', type: 'pod', row: 1, hp: 10, params: catalog.defaultParams('pod'), data: {} },
  ],
  cables: [
    { id: 'c1', from: { module: 'd', jack: 'claim-1' }, to: { module: 'p', jack: 'life' }, color: '#f3374b' },
    { id: 'c2', from: { module: 'd', jack: 'claim-2' }, to: { module: 'q', jack: 'life' }, color: '#f3374b' },
  ],
};

describe('module menu ops', () => {
  it('disconnects exactly the cables at the module', () => {
    expect(disconnectOps(patch, 'p')).toEqual([{ type: 'disconnect', id: 'c1' }]);
    expect(disconnectOps(patch, 'd').map((o) => o.type === 'disconnect' && o.id)).toEqual(['c1', 'c2']);
  });
  it('initializes only the knobs that moved', () => {
    expect(initializeOps(patch, catalog, 'd')).toEqual([
      { type: 'set-param', id: 'd', param: 'replicas', value: catalog.defaultParams('deployment')['replicas'] },
    ]);
    expect(initializeOps(patch, catalog, 'p')).toEqual([]);
  });
});

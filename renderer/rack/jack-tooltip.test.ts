import { describe, expect, it } from 'vitest';
import { testCatalog } from '../../tests/helpers/catalog';
import type { Module } from '../../main/patch/model';
import { jackTitle } from './jack-tooltip';
import { moduleName } from '../../main/synth/topology';
import { cablesByJack, layoutSignature, moduleIndex } from './patch-index';

const catalog = testCatalog();
const modules: Module[] = [
  { id: 's', type: 'src', row: 0, hp: 0, params: {}, data: { name: 'clock' } },
  { id: 'd', type: 'dst', row: 0, hp: 6, params: {}, data: {} },
];
const cables = [
  { id: 'c1', from: { module: 's', jack: 'gate' }, to: { module: 'd', jack: 'gate' }, color: '#f3374b' },
  { id: 'c2', from: { module: 's', jack: 'gate' }, to: { module: 'd', jack: 'trig' }, color: '#ffb437' },
];

describe('jackTitle', () => {
  it('names the jack, its kind, and the far end of each cable', () => {
    const out = catalog.jack('src', 'gate')!;
    expect(jackTitle(out, 's', cablesByJack(cables).get('s/gate')!, moduleIndex(modules), catalog)).toBe(
      'GATE — gate output\ngate jack\nto Destination d: GATE\nto Destination d: TRIG',
    );
    const inp = catalog.jack('dst', 'gate')!;
    expect(jackTitle(inp, 'd', cablesByJack(cables).get('d/gate')!, moduleIndex(modules), catalog)).toBe(
      'GATE — gate input\ngate jack\nfrom Source clock: GATE',
    );
  });
});

describe('patch index', () => {
  it('is built once per array', () => {
    expect(moduleIndex(modules)).toBe(moduleIndex(modules));
    expect(
      cablesByJack(cables)
        .get('s/gate')
        ?.map((c) => c.id),
    ).toEqual(['c1', 'c2']);
    expect(moduleName(modules[0]!)).toBe('clock');
    expect(moduleName(modules[1]!)).toBe('d');
  });

  it('changes its layout signature only when modules are placed differently', () => {
    const turned = modules.map((m) => (m.id === 's' ? { ...m, params: { level: 7 } } : m));
    expect(layoutSignature(turned)).toBe(layoutSignature(modules));
    const moved = modules.map((m) => (m.id === 's' ? { ...m, hp: 20 } : m));
    expect(layoutSignature(moved)).not.toBe(layoutSignature(modules));
  });
});

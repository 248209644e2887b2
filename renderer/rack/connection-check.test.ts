import { describe, expect, it } from 'vitest';
import { testCatalog } from '../../tests/helpers/catalog';
import { emptyPatch, type Patch } from '../../main/patch/model';
import { connectionProblem, connectionVerdicts, jackKey, orientConnection } from './connection-check';

const catalog = testCatalog();
const mod = (id: string, type: string, row: number, hp: number) => ({ id, type, row, hp, params: {}, data: {} });
const patch: Patch = {
  ...emptyPatch({ rows: 1, hp: 40 }),
  modules: [mod('s', 'src', 0, 0), mod('d', 'dst', 0, 6), mod('e', 'dst', 0, 14)],
  cables: [{ id: 'c1', from: { module: 's', jack: 'gate' }, to: { module: 'd', jack: 'gate' }, color: '#f3374b' }],
};
const j = (module: string, jack: string) => ({ module, jack });

describe('orientConnection', () => {
  it('puts the output first whichever end the drag started from', () => {
    expect(orientConnection(patch, catalog, j('s', 'cv'), j('d', 'cv'))).toEqual({
      ok: true,
      from: j('s', 'cv'),
      to: j('d', 'cv'),
    });
    expect(orientConnection(patch, catalog, j('d', 'cv'), j('s', 'cv'))).toEqual({
      ok: true,
      from: j('s', 'cv'),
      to: j('d', 'cv'),
    });
  });

  it('says why two inputs or two outputs cannot be joined', () => {
    expect(orientConnection(patch, catalog, j('d', 'cv'), j('e', 'gate'))).toEqual({
      ok: false,
      reason: 'CV and GATE are both inputs: a cable runs from an output to an input.',
    });
    expect(orientConnection(patch, catalog, j('s', 'cv'), j('nope', 'x'))).toEqual({
      ok: false,
      reason: 'There is no module nope in the patch.',
    });
  });
});

describe('connectionProblem', () => {
  it('accepts what main accepts, in either order', () => {
    expect(connectionProblem(patch, catalog, j('s', 'cv'), j('e', 'cv'))).toBeNull();
    expect(connectionProblem(patch, catalog, j('e', 'trig'), j('s', 'gate'))).toBeNull();
  });

  it('gives main’s own reason for incompatible signals', () => {
    expect(connectionProblem(patch, catalog, j('s', 'audio'), j('e', 'gate'))).toBe(
      'AUDIO (audio) cannot feed GATE (gate): audio cannot drive a gate input.',
    );
  });

  it('refuses a second cable on a plain input, unless that input’s cable is the one being moved', () => {
    expect(connectionProblem(patch, catalog, j('s', 'trig'), j('d', 'gate'))).toBe(
      'GATE already has a cable; an input takes one. Drag that cable away first.',
    );
    expect(connectionProblem(patch, catalog, j('s', 'gate'), j('d', 'gate'), 'c1')).toBeNull();
  });

  it('refuses patching the same two jacks twice', () => {
    expect(connectionProblem(patch, catalog, j('s', 'gate'), j('d', 'gate'))).toBe('GATE is already patched to GATE.');
  });
});

describe('connectionVerdicts', () => {
  it('judges every other jack for a drag from an output', () => {
    const verdicts = connectionVerdicts(patch, catalog, j('s', 'cv'));
    expect(verdicts.has(jackKey('s', 'cv'))).toBe(false);
    expect(verdicts.get(jackKey('e', 'cv'))).toBeNull();
    expect(verdicts.get(jackKey('e', 'poly'))).toBeNull();
    expect(verdicts.get(jackKey('e', 'gate'))).toMatch(/a CV is a level/);
    expect(verdicts.get(jackKey('s', 'gate'))).toMatch(/both outputs/);
    expect(connectionVerdicts(patch, catalog, j('s', 'trig')).get(jackKey('d', 'gate'))).toMatch(/already has a cable/);
  });

  it('frees the carried cable’s own input', () => {
    const verdicts = connectionVerdicts(patch, catalog, j('s', 'gate'), 'c1');
    expect(verdicts.get(jackKey('d', 'gate'))).toBeNull();
    expect(verdicts.get(jackKey('e', 'trig'))).toBeNull();
  });
});

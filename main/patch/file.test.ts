import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { opArbitrary, seedPatchOps } from '../../tests/helpers/arbitraries';
import { testCatalog } from '../../tests/helpers/catalog';
import { applyOp } from './apply';
import { parsePatchFile, serializePatch } from './file';
import { emptyPatch, MAX_RACK_HP, MAX_RACK_ROWS, type Patch } from './model';

const catalog = testCatalog();

function build(ops = seedPatchOps): Patch {
  return ops.reduce(
    (patch, op) => {
      const r = applyOp(patch, op, catalog);
      return r.ok ? r.patch : patch;
    },
    emptyPatch({ rows: 3, hp: 60 }),
  );
}

const none = { modules: [], cables: [] };

describe('patch files', () => {
  it('round-trips any valid patch exactly (property)', () => {
    fc.assert(
      fc.property(fc.array(opArbitrary, { maxLength: 40 }), (ops) => {
        const patch = build([...seedPatchOps, ...ops]);
        const loaded = parsePatchFile(serializePatch({ patch, unloaded: none }), catalog);
        expect(loaded).toEqual({ ok: true, document: { patch, unloaded: none }, warnings: [] });
      }),
      { numRuns: 200 },
    );
  });

  it('names the line and column of a JSON syntax error', () => {
    const result = parsePatchFile('{\n  "format": "k8s-synth/patch",\n  "rack": }', catalog);
    expect(result).toEqual({ ok: false, error: expect.stringContaining('not valid JSON (line 3, column 11: value expected)') });
  });

  it('names the first JSON error of a damaged file, whatever the damaged rest holds', () => {
    // A line break ends the string for the error locator, while the depth check before it sees
    // one long string: the brackets after it would nest 100,000 deep if the locator read on.
    const depth = 100_000;
    const text = `{\n  "format": ["k8s-synth/patch\n${'['.repeat(depth)}${']'.repeat(depth)}"]}`;
    expect(parsePatchFile(text, catalog)).toEqual({
      ok: false,
      error: expect.stringContaining('not valid JSON (line 2, column 14: unexpected end of string)'),
    });
  });

  it('names the field that is wrong', () => {
    const text = JSON.stringify({
      format: 'k8s-synth/patch',
      schemaVersion: 1,
      rack: { rows: 'two', hp: 84 },
      modules: [],
      cables: [],
    });
    expect(parsePatchFile(text, catalog)).toEqual({ ok: false, error: expect.stringMatching(/^rack\.rows: /) });
    expect(parsePatchFile('{"format":"vcv"}', catalog)).toEqual({
      ok: false,
      error: expect.stringContaining('not a k8s-synth patch'),
    });
  });

  it('loads racks up to the largest size, old 16 × 208 HP files included, and names a size beyond it', () => {
    const file = (rack: unknown) =>
      JSON.stringify({ format: 'k8s-synth/patch', schemaVersion: 1, rack, modules: [], cables: [] });
    for (const rack of [
      { rows: 16, hp: 208 },
      { rows: MAX_RACK_ROWS, hp: MAX_RACK_HP },
    ])
      expect(parsePatchFile(file(rack), catalog)).toMatchObject({ ok: true, document: { patch: { rack } } });
    expect(parsePatchFile(file({ rows: MAX_RACK_ROWS + 1, hp: 84 }), catalog)).toEqual({
      ok: false,
      error: expect.stringMatching(/^rack\.rows: .*64/),
    });
    expect(parsePatchFile(file({ rows: 2, hp: MAX_RACK_HP + 1 }), catalog)).toEqual({
      ok: false,
      error: expect.stringMatching(/^rack\.hp: .*416/),
    });
  });

  it('refuses a file from a newer version and says what to do', () => {
    const text = JSON.stringify({ format: 'k8s-synth/patch', schemaVersion: 9, rack: {}, modules: [], cables: [] });
    expect(parsePatchFile(text, catalog)).toEqual({ ok: false, error: expect.stringContaining('newer k8s-synth (schema 9)') });
  });

  it('loads what it can, reports each bad entry once, and keeps it for the next save', () => {
    const patch = build();
    const file = JSON.parse(serializePatch({ patch, unloaded: none }));
    const alien = { id: 'z1', type: 'theremin', row: 2, hp: 0, params: {}, data: {} };
    file.modules.push(alien);
    file.cables.push({ id: 'cz', from: { module: 'm0', jack: 'gate' }, to: { module: 'z1', jack: 'in' }, color: '#3695ef' });
    file.cables.push({ id: 'cbad', from: { module: 'm0', jack: 'cv' }, to: { module: 'm3', jack: 'gate' }, color: '#3695ef' });
    const result = parsePatchFile(JSON.stringify(file), catalog);
    if (!result.ok) throw new Error(result.error);
    expect(result.document.patch).toEqual(patch);
    expect(result.warnings).toEqual([
      expect.stringMatching(/^modules\[6\] \(z1\): There is no "theremin" module/),
      expect.stringMatching(/^cables\[1\] \(cbad\): .*cannot drive a gate/),
    ]);
    const again = JSON.parse(serializePatch(result.document));
    expect(again.unloaded.modules).toEqual([alien]);
    expect(again.unloaded.cables.map((c: { id: string }) => c.id)).toEqual(['cz', 'cbad']);
  });
});

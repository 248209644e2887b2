import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testCatalog } from '../../tests/helpers/catalog';
import { applyOp } from './apply';
import { parsePatchFile, serializePatch } from './file';
import { INPUT_BUDGET } from './input-budget';
import { emptyPatch, type Json } from './model';

const catalog = testCatalog();

/** An array nested `depth` deep, as JSON text (built without recursion). */
const deepText = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const deepValue = (depth: number): Json => JSON.parse(deepText(depth)) as Json;

const file = (extra: string) =>
  `{"format":"k8s-synth/patch","schemaVersion":1,"rack":{"rows":2,"hp":84},"modules":[],"cables":[]${extra}}`;
const srcModule = (data: string) => `{"id":"m0","type":"src","row":0,"hp":0,"params":{},"data":${data}}`;

describe('patch files within the input budget', () => {
  it.each([
    ['in unloaded', file(`,"unloaded":{"modules":[${deepText(5000)}],"cables":[]}`)],
    [
      'in a module that fails to load',
      file('').replace('"modules":[]', `"modules":[{"id":"x","type":"nope","d":${deepText(5000)}}]`),
    ],
    ['in a bad cable entry', file('').replace('"cables":[]', `"cables":[{"id":"c","bad":${deepText(5000)}}]`)],
  ])('refuses an array nested 5,000 deep %s, naming the limit', (_where, text) => {
    const result = parsePatchFile(text, catalog);
    expect(result).toEqual({ ok: false, error: expect.stringContaining(`over the limit of ${INPUT_BUDGET.documentDepth}`) });
  });

  it('refuses module data deeper than the data limit, and keeps the file loadable otherwise', () => {
    const tooDeep = JSON.stringify({ v: deepValue(INPUT_BUDGET.dataDepth + 1) });
    const loaded = parsePatchFile(file('').replace('"modules":[]', `"modules":[${srcModule(tooDeep)}]`), catalog);
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.warnings.join()).toContain(`over the limit of ${INPUT_BUDGET.dataDepth}`);
    // Kept verbatim, and what is kept is written and read back.
    const again = parsePatchFile(serializePatch(loaded.document), catalog);
    expect(again.ok && again.document.unloaded).toEqual(loaded.document.unloaded);
  });

  it('set-data refuses data nested past the data limit (it could not be loaded back)', () => {
    const added = applyOp(
      emptyPatch(),
      { type: 'add-module', module: { id: 'm0', type: 'src', row: 0, hp: 0, params: {}, data: {} } },
      catalog,
    );
    if (!added.ok) throw new Error(added.error.message);
    const result = applyOp(added.patch, { type: 'set-data', id: 'm0', data: { v: deepValue(2000) } }, catalog);
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ message: expect.stringContaining('data.v') }) });
  });

  it('refuses batches nested past the batch limit', () => {
    let op: never = { type: 'set-rack', rack: { rows: 2, hp: 84 } } as never;
    for (let i = 0; i <= INPUT_BUDGET.batchDepth; i++) op = { type: 'batch', ops: [op] } as never;
    const result = applyOp(emptyPatch(), op, catalog);
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ message: expect.stringContaining('batches') }) });
  });

  it('accepts a byte-order mark at the start of a patch file', () => {
    const result = parsePatchFile(`\ufeff${file('')}`, catalog);
    expect(result.ok).toBe(true);
  });

  it('refuses a __proto__ key in module data at load, naming it', () => {
    const loaded = parsePatchFile(
      file('').replace('"modules":[]', `"modules":[${srcModule('{"m":{"__proto__":{"a":1}}}')}]`),
      catalog,
    );
    expect(loaded.ok && loaded.warnings.join()).toContain('"__proto__"');
  });

  it('whatever load accepts, serialise then load gives back (property, deep and odd values)', () => {
    const json = fc.letrec<{ value: Json }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'large', maxDepth: INPUT_BUDGET.dataDepth + 4 },
        fc.string(),
        fc.integer(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 2 }),
        fc.dictionary(fc.constantFrom('a', '__proto__', 'constructor', 'b'), tie('value'), { maxKeys: 2 }),
      ),
    })).value;
    fc.assert(
      fc.property(json, fc.boolean(), (value, asUnloaded) => {
        const entry = asUnloaded
          ? `{"id":"u","type":"nope","x":${JSON.stringify(value)}}`
          : srcModule(JSON.stringify({ v: value }));
        const loaded = parsePatchFile(file('').replace('"modules":[]', `"modules":[${entry}]`), catalog);
        if (!loaded.ok) return;
        const again = parsePatchFile(serializePatch(loaded.document), catalog);
        expect(again.ok && again.document).toEqual(loaded.document);
      }),
      { numRuns: 300, interruptAfterTimeLimit: 3000 },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchDepth, INPUT_BUDGET, jsonTextDepthProblem, stripBom, valueProblem } from './input-budget';

/** The nesting of a parsed value, measured the obvious (recursive) way: the oracle. */
const depthOf = (v: unknown): number =>
  v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v as object).map(depthOf)) : 0;

const json = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', maxDepth: 12 },
    fc.string({ unit: fc.constantFrom('a', '"', '\\', '[', ']', '{', '}', 'é') }),
    fc.integer(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 3 }), tie('v'), { maxKeys: 3 }),
  ),
})).v;

describe('input budget', () => {
  it('measures JSON text nesting exactly as the parsed value nests, brackets in strings aside (property)', () => {
    fc.assert(
      fc.property(json, fc.integer({ min: 0, max: 14 }), (value, limit) => {
        const text = JSON.stringify(value);
        const over = depthOf(value) > limit;
        expect(jsonTextDepthProblem(text, limit, 'x') !== undefined).toBe(over);
        const keys = JSON.stringify(value).includes('"__proto__"') || JSON.stringify(value).includes('"constructor"');
        if (!keys) expect(valueProblem(value, limit, 'x') !== undefined).toBe(over);
      }),
      { numRuns: 3000, interruptAfterTimeLimit: 3000 },
    );
  });

  it('never throws and never recurses, on any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('[', ']', '{', '}', '"', '\\', 'a', ',') }), (text) => {
        expect(() => jsonTextDepthProblem(text, 8, 'x')).not.toThrow();
      }),
      { numRuns: 5000, interruptAfterTimeLimit: 2000 },
    );
  });

  it('measures a million levels without a stack', () => {
    const deep = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    expect(jsonTextDepthProblem(deep, INPUT_BUDGET.documentDepth, 'The file')).toMatch(/line 1, column 129/);
    let op: unknown = { type: 'set-rack' };
    for (let i = 0; i < 100_000; i++) op = { type: 'batch', ops: [op] };
    expect(batchDepth(op)).toBe(100_000);
    let value: unknown = 0;
    for (let i = 0; i < 100_000; i++) value = [value];
    expect(valueProblem(value, 64, 'data')).toMatch(/^data\[0\]\[0\]/);
  });

  it('strips one byte-order mark', () => {
    expect(stripBom('\ufeff\ufeff{}')).toBe('\ufeff{}');
    expect(stripBom('{}')).toBe('{}');
  });
});

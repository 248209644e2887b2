/**
 * jsonEqual with keyOrder answers what comparing the two JSON.stringify strings answers, for any
 * JSON-ish values; without it, what comparing them with their keys sorted answers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../session/patch-hash';
import { jsonEqual } from './json-equal';

const value = fc.letrec((tie) => ({
  json: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, undefined, true, false, 0, 1, 'a', 'b', ''),
    fc.array(tie('json'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('json'), { maxKeys: 3 }),
  ),
})).json;

describe('jsonEqual', () => {
  it('with keyOrder, equals comparing JSON.stringify strings', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(jsonEqual(a, b, { keyOrder: true })).toBe(JSON.stringify(a) === JSON.stringify(b));
        expect(jsonEqual(a, structuredClone(a), { keyOrder: true })).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('by default, equals comparing the strings of the values with their keys sorted', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        // In an array, so an undefined value reads as null on both sides.
        expect(jsonEqual([a], [b])).toBe(canonicalJson([a]) === canonicalJson([b]));
      }),
      { numRuns: 2000 },
    );
  });

  it('counts key order only when asked, as the YAML it becomes does', () => {
    expect(jsonEqual({ a: 1, b: 2 }, { b: 2, a: 1 }, { keyOrder: true })).toBe(false);
    expect(jsonEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: 1 }, { b: 1 })).toBe(false);
  });
});

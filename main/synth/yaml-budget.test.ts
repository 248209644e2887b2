import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INPUT_BUDGET } from '../patch/input-budget';
import { runKrmFunction } from './krm';
import { readYamlText } from './yaml-text';

/** YAML-ish text from the characters that matter to the parser: anchors, aliases, flow, indentation. */
const yamlish = fc.string({
  unit: fc.constantFrom(
    'a',
    'b',
    ':',
    ' ',
    '\n',
    '-',
    '[',
    ']',
    '{',
    '}',
    ',',
    '&a',
    '*a',
    '&b',
    '*b',
    '"',
    "'",
    '#',
    '---',
    '!!str',
    '__proto__',
  ),
  maxLength: 80,
});

describe('YAML within the input budget', () => {
  it('readYamlText never throws, and what it accepts stays within the budget (property)', () => {
    fc.assert(
      fc.property(yamlish, (text) => {
        const read = readYamlText(text);
        if (!read.ok) return;
        for (const doc of read.docs)
          expect(JSON.stringify(doc.value).length).toBeLessThan(text.length * 64 + INPUT_BUDGET.yamlAliasExpansionBytes);
      }),
      { numRuns: 5000, interruptAfterTimeLimit: 3000 },
    );
  });

  it('refuses a billion laughs in microseconds, naming the expansion limit', () => {
    const levels = Array.from({ length: 9 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(',')}]`);
    const text = `l0: &l0 "lol"\n${levels.join('\n')}\n`;
    const started = performance.now();
    const read = readYamlText(text);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(read).toEqual({
      ok: false,
      problems: [expect.objectContaining({ message: expect.stringContaining('aliases expand it') })],
    });
  });

  it('refuses one big anchor and 99 aliases, which pass the alias count', () => {
    const text = `big: &big [${Array(20_000).fill('"0123456789"').join(',')}]\n${Array.from({ length: 99 }, (_, i) => `k${i}: *big`).join('\n')}\n`;
    const read = readYamlText(text);
    expect(read.ok).toBe(false);
  });

  it('refuses brackets nested past the limit at the bracket that goes over, before parsing', () => {
    // The parser would build a syntax tree of all 50,000 levels first (seconds, hundreds of MB).
    const read = readYamlText(`kind: x\nspec: ${'['.repeat(50_000)}\n`);
    expect(read).toEqual({
      ok: false,
      problems: [
        expect.objectContaining({
          line: 2,
          column: 7 + INPUT_BUDGET.documentDepth,
          message: expect.stringContaining(`brackets ([ ] { }) nested more than ${INPUT_BUDGET.documentDepth} levels`),
        }),
      ],
    });
  });

  it('reads brackets nested right up to the limit, quoted and commented brackets not counted', () => {
    const limit = INPUT_BUDGET.documentDepth;
    const nested = `${'['.repeat(limit)}${']'.repeat(limit)}\n`;
    expect(readYamlText(nested).ok).toBe(true);
    const text = `a: "${'['.repeat(limit + 1)}"\nb: '${'{'.repeat(limit + 1)}' # ${'['.repeat(limit + 1)}\nc: |\n  ${'['.repeat(limit + 1)}\n`;
    expect(readYamlText(text)).toMatchObject({ ok: true, docs: [{ value: { a: '['.repeat(limit + 1) } }] });
  });

  it('accepts ordinary aliases (a few repeated labels)', () => {
    const read = readYamlText('labels: &l {app: web}\nselector: *l\n');
    expect(read.ok && read.docs[0]!.value).toEqual({ labels: { app: 'web' }, selector: { app: 'web' } });
  });

  it('the KRM function answers any stdin with a ResourceList, exit 0 in eno mode (property)', () => {
    fc.assert(
      fc.property(fc.oneof(yamlish, fc.string({ maxLength: 60 })), (text) => {
        const run = runKrmFunction(`kind: ResourceList\nitems:\n${text}`, 'eno');
        expect(run.exitCode).toBe(0);
        expect(JSON.parse(run.stdout)).toMatchObject({ kind: 'ResourceList' });
      }),
      { numRuns: 3000, interruptAfterTimeLimit: 3000 },
    );
  });
});

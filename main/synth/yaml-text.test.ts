/** Syntax problems are reported where the user typed them. */
import { describe, expect, it } from 'vitest';
import { readYamlText } from './yaml-text';

describe('readYamlText', () => {
  it('reports an unclosed [ on the line it was typed on, not the next', () => {
    const lines = Array.from({ length: 34 }, (_, i) => `k${i}: ${i}`);
    const text = [...lines, 'ports: [', 'next: 1', ''].join('\n');
    const read = readYamlText(text);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems[0]).toMatchObject({ line: 35, column: 8 });
  });

  it('keeps other problems where the parser found them', () => {
    const read = readYamlText('a: 1\na: 2\n');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problems[0]!.line).toBe(2);
  });
});

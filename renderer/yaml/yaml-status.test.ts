import { describe, expect, it } from 'vitest';
import { statusLine } from './yaml-status';

describe('statusLine', () => {
  it('puts the first problem’s line, column and reason first, and says the patch is unchanged', () => {
    const problem = { line: 12, column: 13, from: 0, to: 1, message: 'spec.replicas must be integer', doc: 0 };
    expect(statusLine({ kind: 'invalid', problems: [problem, problem] })).toBe(
      'Line 12:13: spec.replicas must be integer (+1 more). The patch is unchanged.',
    );
  });

  it('never says "in sync" unless it is', () => {
    expect(statusLine({ kind: 'ahead', reason: 'x' })).toMatch(/^Text is ahead of the patch/);
    expect(statusLine({ kind: 'pending' })).toMatch(/^Edited/);
    expect(statusLine({ kind: 'synced' })).toBe('In sync with the patch');
  });
});

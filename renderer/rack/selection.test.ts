import { describe, expect, it } from 'vitest';
import { nextSelection } from './selection';

describe('nextSelection', () => {
  it('adds and removes ids, keeping order', () => {
    expect(
      nextSelection(
        ['a', 'b'],
        [
          { id: 'a', selected: false },
          { id: 'c', selected: true },
        ],
      ),
    ).toEqual(['b', 'c']);
  });

  it('returns the same array when nothing changes, so the store is not touched', () => {
    const current = ['a'];
    expect(nextSelection(current, [{ id: 'a', selected: true }])).toBe(current);
    expect(nextSelection(current, [{ id: 'x', selected: false }])).toBe(current);
    expect(nextSelection(current, [])).toBe(current);
  });
});

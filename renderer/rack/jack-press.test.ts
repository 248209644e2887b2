import { describe, expect, it } from 'vitest';
import type { Cable } from '../../main/patch/model';
import { jackPress } from './jack-press';

const cable: Cable = { id: 'c1', from: { module: 'd', jack: 'claim-1' }, to: { module: 'p', jack: 'life' }, color: '#3695ef' };

describe('a press on a jack (VCV PortWidget)', () => {
  it('plain: picks up a patched input’s cable, and starts a new cable anywhere else', () => {
    expect(jackPress('input', cable, false)).toEqual({ kind: 'pick-up', cable });
    expect(jackPress('output', cable, false)).toEqual({ kind: 'new' });
    expect(jackPress('input', undefined, false)).toEqual({ kind: 'new' });
    expect(jackPress('output', undefined, false)).toEqual({ kind: 'new' });
  });

  it('with Ctrl: copies the top cable, from its output, on either end; an unpatched jack starts a new cable', () => {
    expect(jackPress('input', cable, true)).toEqual({ kind: 'copy', cable, viaOutput: true });
    expect(jackPress('output', cable, true)).toEqual({ kind: 'copy', cable, viaOutput: false });
    expect(jackPress('input', undefined, true)).toEqual({ kind: 'new' });
    expect(jackPress('output', undefined, true)).toEqual({ kind: 'new' });
  });
});

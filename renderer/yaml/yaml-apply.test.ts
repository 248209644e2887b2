import { describe, expect, it } from 'vitest';
import { testCatalog } from '../../tests/helpers/catalog';
import { emptyPatch } from '../../main/patch/model';
import type { Op } from '../../main/patch/ops';
import { Session } from '../../main/session/session';
import { ManualClock } from '../../main/time/clock';
import { yamlApplyRequest } from './yaml-apply';

const add = (id: string, hp: number): Op => ({
  type: 'add-module',
  module: { id, type: 'dst', row: 0, hp, params: {}, data: {} },
});
const rename = (id: string, name: string): Op => ({ type: 'set-data', id, data: { name } });

/** Sends a request as main's patch.apply handler does. */
function applyRequest(session: Session, request: ReturnType<typeof yamlApplyRequest>) {
  const { op, source, gesture, baseVersion } = request;
  return session.apply(op, { source, ...(gesture ? { gesture } : {}), ...(baseVersion === undefined ? {} : { baseVersion }) });
}

describe('yamlApplyRequest', () => {
  it('makes YAML edit, add a module, YAML edit undo one step at a time', () => {
    const session = new Session(testCatalog(), new ManualClock(0), emptyPatch({ rows: 2, hp: 42 }));
    session.apply(add('a', 0), { source: 'ui' });
    expect(applyRequest(session, yamlApplyRequest(rename('a', 'first'), session.version)).ok).toBe(true);
    session.apply(add('b', 8), { source: 'ui' });
    expect(applyRequest(session, yamlApplyRequest(rename('a', 'second'), session.version)).ok).toBe(true);

    expect(session.undoStep().ok).toBe(true);
    expect(session.patch.modules.map((m) => [m.id, m.data.name])).toEqual([
      ['a', 'first'],
      ['b', undefined],
    ]);
    expect(session.undoStep().ok).toBe(true);
    // The first YAML edit is its own step: it is still there after the module is taken back.
    expect(session.patch.modules.map((m) => [m.id, m.data.name])).toEqual([['a', 'first']]);
  });

  it('is refused, and changes nothing, when the module it edits changed after the text was read', () => {
    const session = new Session(testCatalog(), new ManualClock(0), emptyPatch({ rows: 2, hp: 42 }));
    session.apply(add('a', 0), { source: 'ui' });
    const read = session.version;
    session.apply(rename('a', 'from-the-rack'), { source: 'hardware' });
    const result = applyRequest(session, yamlApplyRequest(rename('a', 'typed'), read));
    expect(result).toMatchObject({ ok: false, error: { code: 'stale-edit' } });
    expect(session.patch.modules[0]!.data).toEqual({ name: 'from-the-rack' });
  });
});

import { describe, expect, it } from 'vitest';
import { testCatalog } from '../../tests/helpers/catalog';
import { emptyPatch } from '../patch/model';
import type { Op } from '../patch/ops';
import { ManualClock } from '../time/clock';
import { Session, type PatchChange } from './session';

const add = (id: string, hp: number): Op => ({
  type: 'add-module',
  module: { id, type: 'dst', row: 0, hp, params: {}, data: {} },
});
const turn = (value: number): Op => ({ type: 'set-param', id: 'a', param: 'count', value });

function setup() {
  const clock = new ManualClock(1_000);
  const session = new Session(testCatalog(), clock, emptyPatch({ rows: 2, hp: 42 }));
  const changes: PatchChange[] = [];
  session.subscribe((c) => changes.push(c));
  return { clock, session, changes };
}

describe('Session', () => {
  it('applies ops, bumps the version and broadcasts each change with source and clock time', () => {
    const { clock, session, changes } = setup();
    clock.advance(5);
    expect(session.apply(add('a', 0), { source: 'ui' })).toEqual({ ok: true, version: 1 });
    expect(changes).toEqual([{ kind: 'ops', version: 1, source: 'ui', time: 1_005, ops: [add('a', 0)] }]);
  });

  it('refuses an invalid op with a typed error, keeps the patch and version, broadcasts nothing', () => {
    const { session, changes } = setup();
    session.apply(add('a', 0), { source: 'ui' });
    const before = session.patch;
    const result = session.apply(add('b', 4), { source: 'ui' });
    expect(result).toMatchObject({ ok: false, version: 1, error: { code: 'overlap' } });
    expect(session.patch).toBe(before);
    expect(changes).toHaveLength(1);
  });

  it('makes a knob drag (one gesture id) one undo step, and redo replays it', () => {
    const { session } = setup();
    session.apply(add('a', 0), { source: 'ui' });
    for (const v of [4, 5, 6, 7]) session.apply(turn(v), { source: 'ui', gesture: 'drag-1' });
    expect(session.history()).toMatchObject({ canUndo: true, undoLabel: 'set count' });
    session.undoStep();
    expect(session.patch.modules[0]!.params.count).toBe(3);
    session.redoStep();
    expect(session.patch.modules[0]!.params.count).toBe(7);
    session.undoStep();
    session.undoStep();
    expect(session.patch.modules).toEqual([]);
    expect(session.history().canUndo).toBe(false);
  });

  it('keeps interleaved gestures as one step each', () => {
    const { session } = setup();
    session.apply(add('a', 0), { source: 'ui' });
    session.apply({ type: 'set-param', id: 'a', param: 'mode', value: 1 }, { source: 'ui', gesture: 'switch' });
    session.apply(turn(4), { source: 'ui', gesture: 'knob' });
    session.apply({ type: 'set-param', id: 'a', param: 'mode', value: 0 }, { source: 'ui', gesture: 'switch' });
    session.apply(turn(5), { source: 'ui', gesture: 'knob' });
    session.undoStep();
    expect(session.patch.modules[0]!.params).toMatchObject({ count: 3, mode: 0 });
    session.undoStep();
    expect(session.patch.modules[0]!.params).toMatchObject({ count: 3, mode: 0 });
    expect(session.history().undoLabel).toBe('add dst');
  });

  it('does not undo hardware, cluster or replay changes; a new edit drops the redo branch', () => {
    const { session } = setup();
    session.apply(add('a', 0), { source: 'ui' });
    session.apply(add('b', 10), { source: 'hardware' });
    session.undoStep();
    expect(session.patch.modules.map((m) => m.id)).toEqual(['b']);
    session.apply(add('c', 20), { source: 'ui' });
    expect(session.history().canRedo).toBe(false);
  });

  it('explains an undo that later changes made impossible, and leaves the patch alone', () => {
    const { session } = setup();
    session.apply(add('a', 0), { source: 'ui' });
    session.apply({ type: 'remove-module', id: 'a' }, { source: 'hardware' });
    const before = session.patch;
    const result = session.undoStep();
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining('Cannot undo "add dst"') } });
    expect(session.patch).toBe(before);
  });

  it('load replaces the patch, clears undo and broadcasts a reset', () => {
    const { session, changes } = setup();
    session.apply(add('a', 0), { source: 'ui' });
    const fresh = emptyPatch({ rows: 1, hp: 84 });
    session.load(fresh, 'file');
    expect(session.history().canUndo).toBe(false);
    expect(changes.at(-1)).toMatchObject({ kind: 'reset', version: 2, patch: fresh, source: 'file' });
  });

  it('stops telling a subscriber once disposed', () => {
    const { session } = setup();
    const seen: number[] = [];
    const dispose = session.subscribe((c) => seen.push(c.version));
    session.apply(add('a', 0), { source: 'ui' });
    dispose();
    session.apply(add('b', 10), { source: 'ui' });
    expect(seen).toEqual([1]);
  });

  it('merges an op made against an older version when nothing it changes moved since', () => {
    const { session } = setup();
    session.apply(add('a', 0), { source: 'ui' });
    session.apply(add('b', 8), { source: 'ui' });
    const base = session.version;
    session.apply({ type: 'set-data', id: 'b', data: { name: 'by-the-rack' } }, { source: 'hardware' });
    const merged = session.apply({ type: 'set-data', id: 'a', data: { name: 'typed' } }, { source: 'ui', baseVersion: base });
    expect(merged).toEqual({ ok: true, version: base + 2 });
    expect(session.patch.modules.map((m) => m.data.name)).toEqual(['typed', 'by-the-rack']);
  });

  it('refuses a set-data made against an older copy of the same module, keeping the newer data', () => {
    const { session, changes } = setup();
    session.apply(add('a', 0), { source: 'ui' });
    const base = session.version;
    session.apply({ type: 'set-data', id: 'a', data: { name: 'replayed', image: 'nginx:1' } }, { source: 'replay' });
    const heard = changes.length;
    const stale = session.apply({ type: 'set-data', id: 'a', data: { name: 'typed' } }, { source: 'ui', baseVersion: base });
    expect(stale).toMatchObject({ ok: false, version: base + 1, error: { code: 'stale-edit' } });
    expect(session.patch.modules[0]!.data).toEqual({ name: 'replayed', image: 'nginx:1' });
    expect(changes).toHaveLength(heard);
  });

  it('refuses an op made against a document that has since been replaced', () => {
    const { session } = setup();
    session.apply(add('a', 0), { source: 'ui' });
    const base = session.version;
    session.load(emptyPatch({ rows: 2, hp: 42 }), 'file');
    expect(session.apply(add('a', 0), { source: 'ui', baseVersion: base })).toMatchObject({
      ok: false,
      error: { code: 'stale-edit' },
    });
  });

  it('tells subscribers the gesture of each change, so a view knows its own echo', () => {
    const { session, changes } = setup();
    session.apply(add('a', 0), { source: 'ui' });
    session.apply(turn(3), { source: 'ui', gesture: 'knob-1' });
    expect(changes.map((c) => (c.kind === 'ops' ? c.gesture : null))).toEqual([undefined, 'knob-1']);
  });

  it('runs apply middleware for edits and undo alike, and a refusal changes nothing', () => {
    const { session } = setup();
    const seen: string[] = [];
    const removes = (op: Op): boolean => op.type === 'remove-module' || (op.type === 'batch' && op.ops.some(removes));
    const stop = session.use((op, context) => {
      seen.push(`${context.kind}:${op.type}`);
      return removes(op) ? { ok: false, error: { code: 'physical-rack', message: 'by hand' } } : { ok: true, op };
    });
    session.apply(add('a', 0), { source: 'ui' });
    expect(session.apply({ type: 'remove-module', id: 'a' }, { source: 'ui' })).toMatchObject({
      ok: false,
      error: { code: 'physical-rack' },
    });
    // Undoing the add would remove the module: refused by the same rule.
    expect(session.undoStep()).toMatchObject({ ok: false, error: { code: 'physical-rack' } });
    expect(session.patch.modules).toHaveLength(1);
    stop();
    expect(session.undoStep().ok).toBe(true);
    expect(seen).toEqual(['edit:add-module', 'edit:remove-module', 'undo:batch']);
  });
});

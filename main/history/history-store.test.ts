import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { testCatalog } from '../../tests/helpers/catalog';
import { emptyPatch, type Patch } from '../patch/model';
import type { Op } from '../patch/ops';
import type { Notice } from '../../preload/contract';
import { ManualClock } from '../time/clock';
import { Session } from '../session/session';
import { HistoryDatabase, WAL_LIMIT_BYTES, WAL_REWIND_BYTES } from './database';
import { HistoryStore } from './history-store';

const catalog = testCatalog();
const start = emptyPatch({ rows: 2, hp: 42 });
const add = (id: string, hp: number): Op => ({
  type: 'add-module',
  module: { id, type: 'dst', row: 0, hp, params: {}, data: {} },
});
const turn = (value: number): Op => ({ type: 'set-param', id: 'a', param: 'count', value });

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

function rack(file: string, initial: Patch = start, snapshotEvery = 3) {
  const notices: Notice[] = [];
  const clock = new ManualClock(1_000);
  const database = new HistoryDatabase({ file, notify: (n) => notices.push(n) });
  open.push(database);
  const store = new HistoryStore({ database, catalog, snapshotEvery, now: () => clock.now() });
  const session = new Session(catalog, clock, emptyPatch(), { history: store });
  store.attach(() => session.patch);
  session.load(initial, 'file');
  store.endStartup();
  return { session, store, database, clock, notices };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'k8s-synth-history-'));

describe('HistoryStore', () => {
  it('journals every op with version, time, source, gesture, label, op and inverse, in WAL mode', () => {
    const file = join(tmp(), 'h.sqlite');
    const { session, database, clock } = rack(file);
    session.apply(add('a', 0), { source: 'ui' });
    clock.advance(5);
    session.apply(turn(4), { source: 'ui', gesture: 'g1' });
    session.apply(add('b', 10), { source: 'hardware' });
    const rows = database.db
      .prepare('SELECT version, time, source, gesture, kind, label, op, inverse FROM events ORDER BY seq')
      .all();
    expect(rows).toEqual([
      {
        version: 1,
        time: 1000,
        source: 'ui',
        gesture: null,
        kind: 'edit',
        label: 'add dst',
        op: JSON.stringify(add('a', 0)),
        inverse: '{"type":"remove-module","id":"a"}',
      },
      {
        version: 2,
        time: 1005,
        source: 'ui',
        gesture: 'g1',
        kind: 'edit',
        label: 'set count',
        op: JSON.stringify(turn(4)),
        inverse: JSON.stringify(turn(3)),
      },
      {
        version: 3,
        time: 1005,
        source: 'hardware',
        gesture: null,
        kind: 'edit',
        label: 'add dst',
        op: JSON.stringify(add('b', 10)),
        inverse: '{"type":"remove-module","id":"b"}',
      },
    ]);
    expect(database.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(database.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(database.db.pragma('user_version', { simple: true })).toBe(1);
    // Checkpoints run on a worker thread, off the op path; the main connection's own automatic
    // checkpoint only bounds the WAL of a writer that never pauses (tests/integration/history-wal.test.ts).
    expect(database.checkpointing).toBe(true);
    expect(database.db.pragma('page_size', { simple: true })).toBe(1024);
    expect(database.db.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_LIMIT_BYTES / 1024);
    expect(database.db.pragma('journal_size_limit', { simple: true })).toBe(WAL_REWIND_BYTES);
  });

  it('loads any version (snapshots every N plus ops) equal to the live patch at that version', () => {
    const { session, store } = rack(join(tmp(), 'h.sqlite'));
    const states: Patch[] = [session.patch];
    session.apply(add('a', 0), { source: 'ui' });
    states.push(session.patch);
    for (let v = 0; v <= 12; v++) {
      session.apply(turn(v), { source: 'ui', gesture: `k${v % 4}` });
      states.push(session.patch);
    }
    session.undoStep();
    states.push(session.patch);
    states.forEach((patch, version) => expect(store.patchAt(version)).toEqual(patch));
    expect(store.patchAt(states.length)).toBeUndefined();
  });

  it('lists versions newest first, a gesture’s run as one row, ending with the start', () => {
    const { session, store } = rack(join(tmp(), 'h.sqlite'));
    session.apply(add('a', 0), { source: 'ui' });
    for (const v of [4, 5, 6]) session.apply(turn(v), { source: 'ui', gesture: 'drag' });
    session.undoStep();
    const list = store.versions();
    expect(list.head).toBe(5);
    expect(list.versions.map((v) => [v.version, v.firstVersion, v.kind, v.label])).toEqual([
      [5, 5, 'undo', 'undo set count'],
      [4, 2, 'edit', 'set count'],
      [1, 1, 'edit', 'add dst'],
      [0, 0, 'start', 'start'],
    ]);
  });

  it('keeps undo and redo across a restart; a new edit drops the redo branch but not its history', async () => {
    const file = join(tmp(), 'h.sqlite');
    const first = rack(file);
    first.session.apply(add('a', 0), { source: 'ui' });
    for (const v of [4, 5, 6]) first.session.apply(turn(v), { source: 'ui', gesture: 'drag' });
    first.session.apply(add('b', 10), { source: 'ui' });
    first.session.undoStep();
    const patch = first.session.patch;
    await first.database.close();
    open.pop();

    const second = rack(file, patch);
    expect(second.session.history()).toEqual({ canUndo: true, canRedo: true, undoLabel: 'set count', redoLabel: 'add dst' });
    second.session.undoStep();
    expect(second.session.patch.modules[0]!.params.count).toBe(3);
    second.session.redoStep();
    expect(second.session.patch.modules[0]!.params.count).toBe(6);
    second.session.apply(turn(1), { source: 'ui' });
    expect(second.session.history().canRedo).toBe(false);
    const kept = second.database.db.prepare("SELECT COUNT(*) AS n FROM events WHERE label = 'add dst'").get() as { n: number };
    expect(kept.n).toBe(2);
  });

  it('starts a new document (empty undo) when the patch brought back differs from the last one', async () => {
    const file = join(tmp(), 'h.sqlite');
    const first = rack(file);
    first.session.apply(add('a', 0), { source: 'ui' });
    await first.database.close();
    open.pop();
    const second = rack(file, start);
    expect(second.session.history().canUndo).toBe(false);
  });

  it('keeps interleaved gestures (two knobs turned at once) as one step each', () => {
    const { session } = rack(join(tmp(), 'h.sqlite'));
    session.apply(add('a', 0), { source: 'ui' });
    session.apply(add('b', 10), { source: 'ui' });
    const turnB = (value: number): Op => ({ type: 'set-param', id: 'b', param: 'count', value });
    for (const v of [4, 5, 6]) {
      session.apply(turn(v), { source: 'ui', gesture: 'knob-a' });
      session.apply(turnB(v + 2), { source: 'ui', gesture: 'knob-b' });
    }
    session.undoStep();
    expect(session.patch.modules.map((m) => m.params.count)).toEqual([6, 3]);
    session.undoStep();
    expect(session.patch.modules.map((m) => m.params.count)).toEqual([3, 3]);
    expect(session.history().undoLabel).toBe('add dst');
  });

  it('resumes a file’s undo when the file is opened again on the same patch', () => {
    const { session, store } = rack(join(tmp(), 'h.sqlite'));
    store.setPath('/music/a.k8spatch');
    session.apply(add('a', 0), { source: 'ui' });
    const a = session.patch;
    session.load(start, 'file');
    expect(store.setPath(null)).toBe(false);
    expect(session.history().canUndo).toBe(false);
    session.load(a, 'file');
    expect(store.setPath('/music/a.k8spatch')).toBe(true);
    expect(session.history()).toMatchObject({ canUndo: true, undoLabel: 'add dst' });
    session.undoStep();
    expect(session.patch.modules).toEqual([]);
  });

  it('does not undo hardware changes (a physical cable is still in its jack)', () => {
    const { session } = rack(join(tmp(), 'h.sqlite'));
    session.apply(add('a', 0), { source: 'ui' });
    session.apply(add('b', 10), { source: 'hardware' });
    session.undoStep();
    expect(session.patch.modules.map((m) => m.id)).toEqual(['b']);
    expect(session.history().canUndo).toBe(false);
  });
});

describe('HistoryDatabase faults', () => {
  it('keeps a corrupt file aside byte for byte, says so, and starts a new history', () => {
    const dir = tmp();
    const file = join(dir, 'history.sqlite');
    const garbage = Buffer.from('SQLite format 3\0' + 'x'.repeat(5000));
    writeFileSync(file, garbage);
    const { session, notices, database } = rack(file);
    expect(notices[0]).toMatchObject({ level: 'warning', message: expect.stringMatching(/damaged.*kept as .*corrupt/s) });
    const aside = readdirSync(dir).find((f) => f.includes('.corrupt-'));
    expect(readFileSync(join(dir, aside!))).toEqual(garbage);
    expect(session.apply(add('a', 0), { source: 'ui' }).ok).toBe(true);
    expect(database.inMemory).toBe(false);
  });

  it('works in memory when the folder cannot be written, with a clear notice', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'not-a-folder'), '');
    const { session, notices, database } = rack(join(dir, 'not-a-folder', 'history.sqlite'));
    expect(database.inMemory).toBe(true);
    expect(notices[0]).toMatchObject({ level: 'error', message: expect.stringMatching(/kept in memory/) });
    session.apply(add('a', 0), { source: 'ui' });
    session.undoStep();
    expect(session.patch.modules).toEqual([]);
  });

  it('switches to memory when the disk fills up mid-session; the patch and undo keep working', () => {
    const file = join(tmp(), 'h.sqlite');
    const { session, notices, database } = rack(file, start, 1000);
    session.apply(add('a', 0), { source: 'ui' });
    // A real SQLITE_FULL: cap the file at its current size.
    const pages = database.db.pragma('page_count', { simple: true }) as number;
    database.db.pragma(`max_page_count = ${pages}`);
    const big = { type: 'set-data', id: 'a', data: { blob: 'x'.repeat(200_000) } } as Op;
    expect(session.apply(big, { source: 'ui' }).ok).toBe(true);
    expect(database.inMemory).toBe(true);
    expect(notices.at(-1)).toMatchObject({ level: 'error', message: expect.stringMatching(/disk is full/) });
    session.apply(turn(7), { source: 'ui' });
    session.undoStep();
    expect(session.patch.modules[0]!.params.count).toBe(3);
    expect(existsSync(file)).toBe(true);
  });

  it('leaves a database from a newer app untouched and works in memory', () => {
    const file = join(tmp(), 'h.sqlite');
    const newer = new Database(file);
    newer.pragma('user_version = 99');
    newer.close();
    const before = readFileSync(file);
    const { database, notices } = rack(file);
    expect(database.inMemory).toBe(true);
    expect(notices[0]!.message).toMatch(/newer k8s-synth/);
    expect(readFileSync(file)).toEqual(before);
  });
});

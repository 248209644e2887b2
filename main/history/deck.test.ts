import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testCatalog } from '../../tests/helpers/catalog';
import { ManualTimers } from '../../tests/helpers/manual-timers';
import { emptyPatch, type Patch } from '../patch/model';
import type { Op } from '../patch/ops';
import type { Notice } from '../../preload/contract';
import { ManualClock } from '../time/clock';
import { patchHash } from '../session/patch-hash';
import { Session } from '../session/session';
import { HistoryDatabase } from './database';
import { HistoryStore } from './history-store';
import { PerformanceStore } from './performance-store';
import { Deck } from './deck';

const catalog = testCatalog();
const start = emptyPatch({ rows: 2, hp: 42 });
const add = (id: string, type: string, hp: number): Op => ({
  type: 'add-module',
  module: { id, type, row: 0, hp, params: {}, data: {} },
});
const connect = (id: string, from: string, to: string): Op => ({
  type: 'connect',
  cable: { id, from: { module: from, jack: 'gate' }, to: { module: to, jack: 'gate' }, color: '#00ff00' },
});

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function setup(file = ':memory:') {
  const clock = new ManualClock(50_000);
  const timers = new ManualTimers(clock);
  const notices: Notice[] = [];
  const changes: number[] = [];
  const database = new HistoryDatabase({ file, notify: (n) => notices.push(n) });
  const store = new HistoryStore({ database, catalog, now: () => clock.now() });
  const session = new Session(catalog, clock, start, { history: store });
  store.attach(() => session.patch);
  const performances = new PerformanceStore(database);
  const deck = new Deck({
    session,
    database,
    performances,
    catalog,
    clock,
    timers,
    wallNow: () => 1_700_000_000_000,
    notify: (n) => notices.push(n),
    startDocument: (patch: Patch) => session.load(patch, 'replay'),
    onChange: () => changes.push(deck.state().eventCount),
  });
  closers.push(() => {
    deck.dispose();
    return database.close();
  });
  return { clock, timers, session, deck, performances, notices, changes };
}

/** Records: a src and a dst, then two cables 300 ms apart, with a marker. */
function recordOne(t: ReturnType<typeof setup>) {
  t.session.apply(add('s', 'src', 0), { source: 'ui' });
  expect(t.deck.record('take one')).toMatchObject({ ok: true, state: { mode: 'recording' } });
  t.clock.advance(100);
  t.session.apply(add('d', 'dst', 10), { source: 'ui' });
  t.clock.advance(200.25);
  t.session.apply(connect('c1', 's', 'd'), { source: 'ui' });
  t.deck.marker('drop');
  t.clock.advance(300);
  t.session.apply({ type: 'set-param', id: 'd', param: 'count', value: 7 }, { source: 'hardware' });
  t.clock.advance(50);
  return t.deck.stop();
}

describe('Deck', () => {
  it('announces the growing event count while recording, at most every 250 ms', () => {
    const t = setup();
    t.deck.record('counted');
    t.changes.length = 0;
    for (let i = 0; i < 3; i++) t.session.apply(add(`m${i}`, 'src', i * 10), { source: 'ui' });
    expect(t.changes).toEqual([]);
    t.timers.advance(250);
    expect(t.changes).toEqual([3]);
    t.session.apply(add('late', 'dst', 30), { source: 'ui' });
    t.timers.advance(250);
    expect(t.changes).toEqual([3, 4]);
  });

  it('records a performance with exact times, its start snapshot and markers, and lists it', () => {
    const t = setup();
    expect(recordOne(t)).toMatchObject({ ok: true, state: { mode: 'idle' } });
    expect(t.deck.list()).toEqual([
      {
        id: 1,
        name: 'take one',
        created: 1_700_000_000_000,
        length: 650.25,
        eventCount: 3,
        markers: [{ t: 300.25, label: 'drop' }],
        finished: true,
      },
    ]);
    const perf = t.performances.load(1)!;
    expect(perf.start.modules.map((m) => m.id)).toEqual(['s']);
    expect(perf.events.map((e) => [e.t, e.source])).toEqual([
      [100, 'ui'],
      [300.25, 'ui'],
      [600.25, 'hardware'],
    ]);
  });

  it('replays at 2x into the session: the start snapshot, then each event at half its time', () => {
    const t = setup();
    recordOne(t);
    const recordedHash = patchHash(t.session.patch);
    t.session.load(start, 'file');
    const seen: [number, number][] = [];
    const t0 = t.clock.now();
    t.session.subscribe((c) => seen.push([c.kind === 'ops' ? c.ops.length : 0, t.clock.now() - t0]));
    expect(t.deck.setSpeed(2)).toMatchObject({ ok: false });
    t.deck.play(1);
    t.deck.setSpeed(2);
    t.timers.advance(400);
    expect(seen).toEqual([
      [0, 0],
      [1, 50],
      [1, 150.125],
      [1, 300.125],
    ]);
    expect(patchHash(t.session.patch)).toBe(recordedHash);
    expect(t.deck.state()).toMatchObject({ mode: 'paused', index: 3 });
  });

  it('exports one self-contained file and imports it back; damaged, foreign or altered files change nothing', async () => {
    const t = setup();
    recordOne(t);
    const dir = mkdtempSync(join(tmpdir(), 'k8s-synth-perf-'));
    const exported = await t.deck.exportTo(1, join(dir, 'take'));
    expect(exported).toEqual({ ok: true, path: join(dir, 'take.k8sperf') });
    const text = readFileSync(join(dir, 'take.k8sperf'), 'utf8');
    expect(JSON.parse(text)).toMatchObject({
      format: 'k8s-synth/performance',
      schemaVersion: 1,
      name: 'take one',
      length: 650.25,
    });

    const other = setup();
    const imported = await other.deck.importFrom(join(dir, 'take.k8sperf'));
    expect(imported).toMatchObject({ ok: true, performance: { name: 'take one', eventCount: 3, length: 650.25 } });

    const bad = async (name: string, content: string, error: RegExp) => {
      writeFileSync(join(dir, name), content);
      const before = other.deck.list();
      const result = await other.deck.importFrom(join(dir, name));
      expect(result).toMatchObject({ ok: false, error: expect.stringMatching(error) });
      expect(other.deck.list()).toEqual(before);
    };
    await bad('cut.k8sperf', text.slice(0, text.length / 2), /not valid JSON/);
    await bad('patch.k8sperf', '{"format":"k8s-synth/patch","schemaVersion":1}', /not a k8s-synth performance/);
    await bad('newer.k8sperf', text.replace('"schemaVersion":1', '"schemaVersion":7'), /newer k8s-synth/);
    await bad('altered.k8sperf', text.replace('"value":7', '"value":8'), /altered or damaged/);
    await bad('broken-op.k8sperf', text.replace('"jack":"gate"}', '"jack":"nope"}'), /Event 2 .*does not apply/);
    expect((await other.deck.importFrom(join(dir, 'missing.k8sperf'))).ok).toBe(false);
  });
});

/**
 * Group commit, kept honest: the ops of one tick are one transaction on a real SQLite file, not
 * visible to another connection (so not durable) until the tick's commit, and the commit barrier
 * holds back every reply and every event to a renderer until then.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { testCatalog } from '../../tests/helpers/catalog';
import { createDispatcher, type Handlers } from '../api/dispatcher';
import { EventHub } from '../api/event-hub';
import { emptyPatch } from '../patch/model';
import type { Op } from '../patch/ops';
import { ManualClock } from '../time/clock';
import { Session } from '../session/session';
import { HistoryDatabase } from './database';
import { HistoryStore } from './history-store';

const catalog = testCatalog();
const add = (id: string, hp: number): Op => ({
  type: 'add-module',
  module: { id, type: 'dst', row: 0, hp, params: {}, data: {} },
});

const open: HistoryDatabase[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

function rack() {
  const file = join(mkdtempSync(join(tmpdir(), 'k8s-synth-group-')), 'history.sqlite');
  const clock = new ManualClock(1_000);
  const database = new HistoryDatabase({ file, notify: () => {} });
  open.push(database);
  const store = new HistoryStore({ database, catalog, now: () => clock.now() });
  const session = new Session(catalog, clock, emptyPatch({ rows: 2, hp: 42 }), { history: store });
  store.attach(() => session.patch);
  store.endStartup();
  const onDisk = () => {
    const other = new Database(file, { readonly: true });
    try {
      return (other.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
    } finally {
      other.close();
    }
  };
  return { session, onDisk };
}

describe('group commit', () => {
  it('commits the ops of one tick once, at its end, and the barrier resolves after that commit', async () => {
    const { session, onDisk } = rack();
    for (let i = 0; i < 5; i++) expect(session.apply(add(`m${i}`, i * 8), { source: 'ui' }).ok).toBe(true);
    const barrier = session.committed();
    expect(barrier).toBeDefined();
    expect(onDisk()).toBe(0); // still one open transaction
    await barrier;
    expect(onDisk()).toBe(5);
    expect(session.committed()).toBeUndefined(); // nothing waits any more
  });

  it('holds replies and renderer events until the commit, while listeners in main hear at once', async () => {
    const { session, onDisk } = rack();
    const hub = new EventHub();
    hub.holdClientsUntil(() => session.committed());
    const inMain: number[] = [];
    const atClient: { version: number; onDisk: number }[] = [];
    hub.on('patch.changed', (c) => inMain.push(c.version));
    hub.attachClient((name, payload) => {
      if (name === 'patch.changed') atClient.push({ version: (payload as { version: number }).version, onDisk: onDisk() });
    });
    session.subscribe((change) => hub.emit('patch.changed', change as never));
    const dispatcher = createDispatcher(
      {
        'patch.apply': ({ op, source }: { op: Op; source: 'ui' }) => session.apply(op, { source }),
      } as unknown as Handlers,
      { committed: () => session.committed() },
    );

    const replies = [add('a', 0), add('b', 8), add('c', 16)].map((op) =>
      dispatcher.dispatch('patch.apply', { op, source: 'ui' }).then(() => onDisk()),
    );
    session.apply(add('d', 24), { source: 'ui' });
    expect(inMain).toEqual([1, 2, 3, 4]); // in main: at once
    expect(atClient).toEqual([]); // to the renderer: not yet
    expect(onDisk()).toBe(0);
    // Every reply left only once the tick's four ops were on disk.
    expect(await Promise.all(replies)).toEqual([4, 4, 4]);
    await session.committed();
    expect(atClient.length).toBe(4);
    for (const c of atClient) expect(c.onDisk).toBeGreaterThanOrEqual(c.version);
  });
});

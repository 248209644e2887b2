/**
 * The history's WAL stays bounded on a real file. 40,000 knob steps applied as fast as the
 * Session takes them, 8 per tick and group commit (no pause for a checkpoint to catch up), wrote 160–525 MB of WAL before the
 * bound; now the WAL file never passes WAL_LIMIT_BYTES (plus what commits add while a checkpoint
 * runs), and once the burst is over the checkpoint worker cuts it to nothing.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HistoryDatabase, WAL_LIMIT_BYTES, WAL_REWIND_BYTES } from '../../main/history/database';
import { HistoryStore } from '../../main/history/history-store';
import { emptyPatch } from '../../main/patch/model';
import type { Op } from '../../main/patch/ops';
import { ManualClock } from '../../main/time/clock';
import { Session } from '../../main/session/session';
import { testCatalog } from '../helpers/catalog';

const dir = mkdtempSync(join(tmpdir(), 'k8s-synth-wal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const catalog = testCatalog();
const KNOBS = 8;
const turn = (n: number): Op => ({ type: 'set-param', id: `k${n % KNOBS}`, param: 'count', value: n % 13 });
const walSize = (file: string) => statSync(`${file}-wal`).size;
/** Slack over the limit: frames committed while the worker's pass held the checkpoint lock. */
const SLACK = 16 * 2 ** 20;

describe('the history WAL under a burst of unpaced ops', () => {
  it('stays under its limit, and is truncated once the app is quiet', async () => {
    const file = join(dir, 'history.sqlite');
    const clock = new ManualClock(0);
    const database = new HistoryDatabase({ file, notify: (n) => expect.fail(n.message) });
    try {
      const store = new HistoryStore({ database, catalog, now: () => clock.now() });
      const patch = emptyPatch({ rows: 1, hp: 84 });
      for (let i = 0; i < KNOBS; i++) patch.modules.push({ id: `k${i}`, type: 'dst', row: 0, hp: i * 8, params: {}, data: {} });
      const session = new Session(catalog, clock, patch, { history: store });
      store.attach(() => session.patch);

      let max = 0;
      // A tick per 8 ops, as 8 knob streams arrive, each ending in its group commit; no other pause.
      for (let n = 0; n < 40_000; n++) {
        expect(session.apply(turn(n), { source: 'ui', gesture: `drag-${n % KNOBS}-${Math.floor(n / 4000)}` }).ok).toBe(true);
        if (n % 250 === 0) max = Math.max(max, walSize(file));
        if (n % KNOBS === KNOBS - 1) await session.committed();
      }
      // Over the size at which the worker starts to catch up: the bound is what held it.
      expect(max).toBeGreaterThan(WAL_REWIND_BYTES);
      expect(max).toBeLessThan(WAL_LIMIT_BYTES + SLACK);

      // A pause, no write at all: the worker copies the rest and cuts the WAL file to nothing.
      let after = walSize(file);
      for (let tries = 0; tries < 50 && after > 0; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        after = walSize(file);
      }
      expect(after).toBe(0);
      // Writing goes on from the start of the WAL.
      for (let n = 0; n < 100; n++) session.apply(turn(n), { source: 'ui' });
      expect(walSize(file)).toBeLessThan(WAL_REWIND_BYTES);
      expect(database.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect((database.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n).toBeGreaterThan(40_000);
    } finally {
      await database.close();
    }
  }, 60_000);
});

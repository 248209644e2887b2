/**
 * Durability of the patch history against a real crash: a real `k8s-synth serve` process takes a
 * burst of edits over its WebSocket API while recording a performance, and is killed with SIGKILL
 * in the middle of it. Every edit whose acknowledgement reached the client must be in the
 * database, `PRAGMA integrity_check` must say ok, and a restarted app must show the patch with
 * every acknowledged edit (recovered from the history, as the autosave is set to wait a minute),
 * with undo still working.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Op } from '../../main/patch/ops';
import type { RackClient } from '../../preload/contract';
import { connectWebSocketClient } from '../../preload/ws-client';
import { ensureBuilt, startServe, type ServeProcess } from './helpers/cli-process';
import { webSocketFrom } from './helpers/transports';

const dataDir = mkdtempSync(path.join(tmpdir(), 'k8s-synth-kill-'));
const running: ServeProcess[] = [];

beforeAll(() => ensureBuilt(), 120_000);
afterAll(() => running.forEach((p) => p.child.exitCode === null && p.child.kill('SIGKILL')));

async function serve(): Promise<{ proc: ServeProcess; client: RackClient & { close(): void; ready: Promise<void> } }> {
  const proc = await startServe(['--data-dir', dataDir, '--autosave-ms', '60000']);
  running.push(proc);
  const origin = `http://127.0.0.1:${proc.port}`;
  const client = connectWebSocketClient(`ws://127.0.0.1:${proc.port}/api?token=${proc.token}`, {
    WebSocketImpl: webSocketFrom(origin),
  });
  await client.ready;
  // The built app loads SQLite (a bundling mistake would turn the history off with a notice).
  expect(proc.stderr()).not.toMatch(/patch history is not available/);
  return { proc, client };
}

const pod = (i: number): Op => ({
  type: 'add-module',
  module: { id: `pod-${i}`, type: 'pod', row: 1 + Math.floor(i / 10), hp: (i % 10) * 8, params: {}, data: {} },
});

describe('kill -9 during a burst of edits and a recording', () => {
  const acked: Op[] = [];
  let sent = 0;

  it('loses nothing that was acknowledged, and the database passes integrity_check', async () => {
    const { proc, client } = await serve();
    expect((await client.request('patch.apply', { op: { type: 'set-rack', rack: { rows: 8, hp: 84 } }, source: 'ui' })).ok).toBe(
      true,
    );
    expect((await client.request('deck.record', { name: 'crash take' })).ok).toBe(true);
    // Pipelined: 16 requests in flight at any time, so the kill lands among unacknowledged ones.
    const ops: Op[] = [];
    for (let i = 0; i < 60; i++) {
      ops.push(pod(i));
      for (let v = 0; v < 8; v++) ops.push({ type: 'set-param', id: `pod-${i}`, param: 'cpu', value: (v + 1) * 100 });
    }
    let killed = false;
    const inFlight = new Set<Promise<void>>();
    for (const op of ops) {
      sent++;
      const p: Promise<void> = client
        .request('patch.apply', { op, source: 'ui', gesture: op.type === 'set-param' ? `drag-${op.id}` : undefined })
        .then((r) => void (r.ok && acked.push(op)))
        .catch(() => undefined)
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (acked.length >= 250) {
        // Group commit answers a tick's requests together, so the window can be empty when the
        // count is reached: fill it again without waiting, let the bytes leave, then kill.
        if (inFlight.size < 16) continue;
        killed = true;
        await new Promise((resolve) => setImmediate(resolve));
        proc.child.kill('SIGKILL');
        break;
      }
      if (inFlight.size >= 16) await Promise.race(inFlight);
    }
    expect(killed).toBe(true);
    // The kill landed with requests still unanswered: the interesting case.
    expect(sent).toBeGreaterThan(acked.length);
    await Promise.allSettled([...inFlight]);
    client.close();
    expect((await proc.exited).signal).toBe('SIGKILL');

    const db = new Database(path.join(dataDir, 'history.sqlite'));
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = new Set((db.prepare('SELECT op FROM events').all() as { op: string }[]).map((r) => r.op));
      const missing = acked.filter((op) => !stored.has(JSON.stringify(op)));
      expect(missing).toEqual([]);
      const perf = db.prepare('SELECT COUNT(*) AS n FROM perf_events').get() as { n: number };
      expect(perf.n).toBeGreaterThanOrEqual(acked.length);
      expect(perf.n).toBeLessThanOrEqual(sent);
    } finally {
      db.close();
    }
  }, 60_000);

  it('a restarted app shows every acknowledged edit, keeps the cut-short recording, and can undo', async () => {
    const { proc, client } = await serve();
    try {
      // The autosave waits a minute, so the patch can only come back from the history.
      expect(proc.stderr()).toMatch(/Recovered the latest changes from the patch history/);
      const { patch } = await client.request('patch.get', {});
      const ids = new Set(patch.modules.map((m) => m.id));
      for (const op of acked) if (op.type === 'add-module') expect(ids.has(op.module.id)).toBe(true);
      const lastCpu = new Map<string, number>();
      for (const op of acked) if (op.type === 'set-param') lastCpu.set(op.id, op.value);
      // The last acknowledged value of each pod, unless a later (sent, unacknowledged) op went further.
      for (const [id, value] of lastCpu) expect(patch.modules.find((m) => m.id === id)!.params.cpu).toBeGreaterThanOrEqual(value);
      const [perf] = await client.request('performance.list', {});
      expect(perf).toMatchObject({ name: 'crash take', finished: false });
      expect(perf!.eventCount).toBeGreaterThanOrEqual(acked.length);
      const history = await client.request('undo.state', {});
      expect(history.canUndo).toBe(true);
      expect((await client.request('undo.undo', {})).ok).toBe(true);
    } finally {
      client.close();
      proc.child.kill('SIGTERM');
      await proc.exited;
    }
  }, 60_000);
});

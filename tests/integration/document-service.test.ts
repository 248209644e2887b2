/**
 * Files and autosave with real files and real processes: recovery after `kill -9` of a running
 * `k8s-synth serve`, flush on SIGTERM, a damaged autosave kept aside, a data dir that cannot be
 * written, and the recent-files list.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Module } from '../../main/patch/model';
import type { Notice, RackClient } from '../../preload/contract';
import { connectWebSocketClient } from '../../preload/ws-client';
import { ensureBuilt, startServe, type ServeProcess } from './helpers/cli-process';
import { tempDir, testRack, webSocketFrom } from './helpers/transports';

const pod = (id: string, hp = 0): Module => ({ id, type: 'pod', row: 0, hp, params: {}, data: {} });

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function scratch(): Promise<string> {
  const { dir, remove } = await tempDir();
  cleanups.push(remove);
  return dir;
}

const POLL = { timeout: 10_000, interval: 25 };

/** The parsed autosave file, if it exists and holds module `id`. */
async function autosaveWith(dataDir: string, id: string): Promise<{ dirty: boolean; path: string | null } | undefined> {
  try {
    const saved = JSON.parse(await readFile(path.join(dataDir, 'autosave.json'), 'utf8')) as {
      dirty: boolean;
      path: string | null;
      document: { modules: { id: string }[] };
    };
    return saved.document.modules.some((m) => m.id === id) ? saved : undefined;
  } catch {
    return undefined;
  }
}

/** A ws client for a served process, with its notices collected from the first frame on. */
async function connect(serve: ServeProcess): Promise<{ client: RackClient; notices: Notice[] }> {
  const client = connectWebSocketClient(`ws://127.0.0.1:${serve.port}/api?token=${serve.token}`, {
    WebSocketImpl: webSocketFrom(`http://127.0.0.1:${serve.port}`),
  });
  const notices: Notice[] = [];
  client.on('notice', (n) => notices.push(n));
  cleanups.push(() => client.close());
  await client.ready;
  return { client, notices };
}

async function serve(args: string[]): Promise<ServeProcess> {
  const running = await startServe(args);
  cleanups.push(async () => {
    if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
    await running.exited;
  });
  return running;
}

describe('autosave across processes', () => {
  beforeAll(() => ensureBuilt(), 60_000);

  it('recovers the patch after kill -9, with a notice', async () => {
    const dataDir = path.join(await scratch(), 'data');
    const first = await serve(['--data-dir', dataDir, '--autosave-ms', '100']);
    expect(first.stdout().trim().split('\n')).toEqual([`Rack editor ready at ${first.url}`]);
    expect(first.stderr()).not.toContain(first.token);
    const { client } = await connect(first);
    expect(
      await client.request('patch.apply', { op: { type: 'add-module', module: pod('survivor') }, source: 'ui' }),
    ).toMatchObject({ ok: true });
    await client
      .request('patch.apply', { op: { type: 'set-param', id: 'survivor', param: 'cpu', value: 1 }, source: 'ui' })
      .catch(() => undefined);
    const before = await client.request('patch.get', {});
    await vi.waitFor(
      async () => expect(await autosaveWith(dataDir, 'survivor')).toMatchObject({ dirty: true, path: null }),
      POLL,
    );

    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });

    const second = await serve(['--data-dir', dataDir, '--autosave-ms', '100']);
    const { client: again, notices } = await connect(second);
    expect((await again.request('patch.get', {})).patch).toEqual(before.patch);
    expect(await again.request('file.state', {})).toMatchObject({ path: null, dirty: true });
    await vi.waitFor(() => expect(notices).not.toEqual([]), POLL);
    expect(notices).toEqual([
      { level: 'info', message: expect.stringMatching(/^Recovered unsaved changes to Untitled patch from .+\.$/) },
    ]);
    expect(second.stderr()).toContain('Recovered unsaved changes');
  });

  it('writes the last change on SIGTERM even when the autosave delay has not passed', async () => {
    const dataDir = path.join(await scratch(), 'data');
    const running = await serve(['--data-dir', dataDir, '--autosave-ms', '60000']);
    const { client } = await connect(running);
    await client.request('patch.apply', { op: { type: 'add-module', module: pod('last-edit') }, source: 'ui' });
    expect(await autosaveWith(dataDir, 'last-edit')).toBeUndefined();
    running.child.kill('SIGTERM');
    expect(await running.exited).toEqual({ code: 0, signal: null });
    expect(await autosaveWith(dataDir, 'last-edit')).toMatchObject({ dirty: true });
  });

  it('reopens a clean saved file without a notice', async () => {
    const dir = await scratch();
    const dataDir = path.join(dir, 'data');
    const running = await serve(['--data-dir', dataDir, '--autosave-ms', '50']);
    const { client } = await connect(running);
    await client.request('patch.apply', { op: { type: 'add-module', module: pod('kept') }, source: 'ui' });
    const saved = await client.request('file.save', { path: path.join(dir, 'set.k8spatch') });
    expect(saved).toMatchObject({ ok: true });
    await vi.waitFor(async () => expect(await autosaveWith(dataDir, 'kept')).toMatchObject({ dirty: false }), POLL);
    running.child.kill('SIGKILL');
    await running.exited;

    const next = await serve(['--data-dir', dataDir]);
    const { client: again, notices } = await connect(next);
    expect(await again.request('file.state', {})).toMatchObject({ path: path.join(dir, 'set.k8spatch'), dirty: false });
    expect((await again.request('patch.get', {})).patch.modules.map((m) => m.id)).toEqual(['kept']);
    expect(notices).toEqual([]);
  });
});

describe('autosave problems', () => {
  it('keeps a damaged autosave aside, says so, and starts empty', async () => {
    const dir = await scratch();
    const dataDir = path.join(dir, 'data');
    const { rack: first } = await testRack(dir);
    await first.close();
    await writeFile(
      path.join(dataDir, 'autosave.json'),
      '{"format": "k8s-synth/autosave", "savedAt": "2026-01-01T00:00:00Z", trunc',
    );
    const { rack } = await testRack(dir);
    cleanups.push(() => rack.close());
    const notices: Notice[] = [];
    rack.hub.attachClient((name, payload) => name === 'notice' && notices.push(payload as Notice));
    expect(rack.session.patch.modules).toEqual([]);
    const files = await readdir(dataDir);
    const aside = files.find((f) => /^autosave\.corrupt-.+\.json$/.test(f));
    expect(aside).toBeDefined();
    expect(await readFile(path.join(dataDir, aside!), 'utf8')).toContain('trunc');
    expect(existsSync(path.join(dataDir, 'autosave.json'))).toBe(false);
    expect(notices).toEqual([{ level: 'warning', message: expect.stringContaining(`kept as ${path.join(dataDir, aside!)}`) }]);
  });

  it('sets aside an autosave whose patch does not load (wrong format)', async () => {
    const dir = await scratch();
    const dataDir = path.join(dir, 'data');
    (await testRack(dir)).rack.close();
    await writeFile(
      path.join(dataDir, 'autosave.json'),
      JSON.stringify({
        format: 'k8s-synth/autosave',
        savedAt: new Date().toISOString(),
        path: null,
        dirty: true,
        document: { format: 'other' },
      }),
    );
    const { rack } = await testRack(dir);
    cleanups.push(() => rack.close());
    expect((await readdir(dataDir)).some((f) => f.startsWith('autosave.corrupt-'))).toBe(true);
  });

  it('gives one notice when the data dir cannot be written, and keeps working in memory', async () => {
    const dir = await scratch();
    // A folder path under a regular file cannot be created, even by root (chmod would not stop root).
    await writeFile(path.join(dir, 'blocker'), '');
    const { rack } = await testRack(dir, { dataDir: path.join(dir, 'blocker', 'data'), autosaveMs: 10 });
    cleanups.push(() => rack.close());
    const notices: Notice[] = [];
    rack.hub.attachClient((name, payload) => name === 'notice' && notices.push(payload as Notice));
    for (let i = 0; i < 3; i++) {
      const result = await rack.dispatcher.dispatch('patch.apply', {
        op: { type: 'add-module', module: pod(`m${i}`, i * 10) },
        source: 'ui',
      });
      expect(result).toMatchObject({ ok: true });
      await rack.autosave.flush();
    }
    expect(notices).toEqual([
      // The patch history lives in the data dir too, and says once that it is in memory.
      { level: 'error', message: expect.stringMatching(/^The patch history cannot be kept in .* kept in memory/) },
      { level: 'warning', message: expect.stringMatching(/^Autosave is not working: .*not a folder \(ENOTDIR\)/) },
    ]);
    expect(rack.session.patch.modules).toHaveLength(3);
    const saved = await rack.dispatcher.dispatch('file.save', { path: path.join(dir, 'rescued.k8spatch') });
    expect(saved).toMatchObject({ ok: true, file: { dirty: false } });
  });
});

describe('a file given at start', () => {
  it('opens it, first keeping recovered unsaved work in a copy beside the autosave', async () => {
    const dir = await scratch();
    const dataDir = path.join(dir, 'data');
    const { rack: first } = await testRack(dir);
    await first.dispatcher.dispatch('patch.apply', { op: { type: 'add-module', module: pod('unsaved') }, source: 'ui' });
    await first.close();
    const { rack: other } = await testRack(path.join(dir, 'other'));
    await other.dispatcher.dispatch('patch.apply', { op: { type: 'add-module', module: pod('in-file') }, source: 'ui' });
    await other.dispatcher.dispatch('file.save', { path: path.join(dir, 'given.k8spatch') });
    await other.close();

    const { rack } = await testRack(dir, { file: path.join(dir, 'given.k8spatch') });
    cleanups.push(() => rack.close());
    const notices: Notice[] = [];
    rack.hub.attachClient((name, payload) => name === 'notice' && notices.push(payload as Notice));
    expect(rack.session.patch.modules.map((m) => m.id)).toEqual(['in-file']);
    expect(rack.documents.state()).toMatchObject({ path: path.join(dir, 'given.k8spatch'), dirty: false });
    const copy = (await readdir(dataDir)).find((f) => f.startsWith('autosave.previous-'));
    expect(await readFile(path.join(dataDir, copy!), 'utf8')).toContain('"unsaved"');
    expect(notices.map((n) => n.message)).toEqual([
      expect.stringMatching(/^Recovered unsaved changes to Untitled patch/),
      `Your unsaved changes to Untitled patch were kept in ${path.join(dataDir, copy!)}.`,
    ]);
  });
});

describe('recent files', () => {
  it('keeps the 10 most recent first, drops missing files, and persists across restarts', async () => {
    const dir = await scratch();
    const { rack } = await testRack(dir);
    const files: string[] = [];
    for (let i = 0; i < 12; i++) {
      const file = path.join(dir, `patch-${i}.k8spatch`);
      files.push(file);
      expect(await rack.dispatcher.dispatch('file.save', { path: file })).toMatchObject({ ok: true });
    }
    await rack.dispatcher.dispatch('file.open', { path: files[3]! });
    const expected = [files[3], files[11], files[10], files[9], files[8], files[7], files[6], files[5], files[4], files[2]];
    expect(rack.documents.state().recent).toEqual(expected);
    await rack.close();

    await unlink(files[10]!);
    const { rack: again } = await testRack(dir);
    cleanups.push(() => again.close());
    expect(again.documents.state().recent).toEqual(expected.filter((f) => f !== files[10]));
  });

  it('starts with an empty list when recent.json is damaged', async () => {
    const dir = await scratch();
    const dataDir = path.join(dir, 'data');
    (await testRack(dir)).rack.close();
    await writeFile(path.join(dataDir, 'recent.json'), '[not json');
    const { rack } = await testRack(dir);
    cleanups.push(() => rack.close());
    expect(rack.documents.state().recent).toEqual([]);
    await rm(path.join(dataDir, 'recent.json'));
  });
});

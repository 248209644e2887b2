/**
 * The one contract test suite (preload/contract/), run against both transports: (a) WebSocket,
 * a real server on a real port with the ws client; (b) Electron IPC, the real main transport and
 * preload client through an in-process fake of Electron (see helpers/fake-electron.ts: it
 * replaces only the Electron runtime, which cannot be installed here).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Module } from '../../main/patch/model';
import type { Op } from '../../main/patch/ops';
import {
  RackRequestError,
  type EventName,
  type EventPayloads,
  type RackClient,
  type RequestName,
  type TransportErrorCode,
} from '../../preload/contract';
import { ipcTransport, webSocketTransport, type ClientFactory, type Connected } from './helpers/transports';

const pod = (id: string, hp = 0): Module => ({ id, type: 'pod', row: 0, hp, params: {}, data: {} });
const addPod = (id: string, hp = 0): Op => ({ type: 'add-module', module: pod(id, hp) });

/** The next `name` event matching `match`, or a rejection after `ms`. */
function nextEvent<E extends EventName>(
  client: RackClient,
  name: E,
  match: (p: EventPayloads[E]) => boolean = () => true,
  ms = 3000,
): Promise<EventPayloads[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      dispose();
      reject(new Error(`no "${name}" event within ${ms} ms`));
    }, ms);
    const dispose = client.on(name, (payload) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      dispose();
      resolve(payload);
    });
  });
}

/** Calls a request with arguments the types would refuse, as a hostile renderer can. */
function rawRequest(client: RackClient, name: string, input: unknown): Promise<unknown> {
  return client.request(name as RequestName, input as never);
}

/**
 * Expects a RackRequestError with `code` and a message matching `message`. Behind contextBridge
 * only the message crosses (Electron copies an Error's message, not its properties).
 */
async function expectRequestError(
  ctx: Connected,
  promise: Promise<unknown>,
  code: TransportErrorCode,
  message: RegExp,
): Promise<void> {
  const error = await promise.then(
    () => expect.unreachable('the request should have been refused'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).toMatch(message);
  if (ctx.errorCodes) {
    expect(error).toBeInstanceOf(RackRequestError);
    expect((error as RackRequestError).code).toBe(code);
  }
}

/** The contract, for any transport the factory connects. */
function contractSuite(transport: string, connect: ClientFactory): void {
  describe(`contract over ${transport}`, () => {
    let ctx: Connected;
    let client: RackClient;
    beforeEach(async () => {
      ctx = await connect();
      client = ctx.client;
    });
    afterEach(async () => {
      await ctx.cleanup();
    });

    it('serves app info and the catalog of 10 modules', async () => {
      const info = await client.request('app.info', {});
      expect(info).toMatchObject({ version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
      const catalog = await client.request('catalog.get', {});
      expect(catalog.map((m) => m.type).sort()).toEqual([
        'audio-out',
        'controller',
        'deployment',
        'etcd',
        'follow',
        'ingress',
        'node',
        'object',
        'pod',
        'service',
      ]);
      expect(catalog.every((m) => m.panelSvg.startsWith('<svg') || m.panelSvg.includes('<svg'))).toBe(true);
    });

    it('applies a valid op and broadcasts patch.changed with the next version', async () => {
      const before = await client.request('patch.get', {});
      const changed = nextEvent(client, 'patch.changed');
      const result = await client.request('patch.apply', { op: addPod('p1'), source: 'ui' });
      expect(result).toEqual({ ok: true, version: before.version + 1 });
      const change = await changed;
      expect(change).toMatchObject({ kind: 'ops', version: before.version + 1, source: 'ui', ops: [addPod('p1')] });
      const after = await client.request('patch.get', {});
      expect(after.patch.modules.map((m) => m.id)).toEqual(['p1']);
    });

    it('refuses an invalid op with a typed PatchError and leaves the patch unchanged', async () => {
      await client.request('patch.apply', { op: addPod('p1'), source: 'ui' });
      const before = await client.request('patch.get', {});
      const overlap = await client.request('patch.apply', { op: addPod('p2', 2), source: 'ui' });
      expect(overlap).toMatchObject({ ok: false, version: before.version, error: { code: 'overlap' } });
      const missing = await client.request('patch.apply', { op: { type: 'remove-module', id: 'nope' }, source: 'yaml' });
      expect(missing).toMatchObject({ ok: false, error: { code: 'no-such-module', message: expect.stringContaining('nope') } });
      expect(await client.request('patch.get', {})).toEqual(before);
    });

    it('rejects input that breaks the request schema, naming the field', async () => {
      const before = await client.request('patch.get', {});
      // Hardware ops come from main's own serial links, never from a renderer.
      await expectRequestError(
        ctx,
        rawRequest(client, 'patch.apply', { op: addPod('p1'), source: 'hardware' }),
        'invalid-input',
        /source/,
      );
      await expectRequestError(ctx, rawRequest(client, 'patch.apply', { source: 'ui' }), 'invalid-input', /op/);
      await expectRequestError(
        ctx,
        rawRequest(client, 'patch.apply', { op: { type: 'add-module', module: { id: 'x' } }, source: 'ui' }),
        'invalid-input',
        /op\.module/,
      );
      await expectRequestError(ctx, rawRequest(client, 'file.open', { path: 42 }), 'invalid-input', /path/);
      await expectRequestError(ctx, rawRequest(client, 'undo.undo', { extra: true }), 'invalid-input', /extra|unrecognized/i);
      await expectRequestError(ctx, rawRequest(client, 'patch.delete', {}), 'unknown-request', /patch\.delete/);
      await expectRequestError(ctx, rawRequest(client, '__proto__', {}), 'unknown-request', /__proto__/);
      expect(await client.request('patch.get', {})).toEqual(before);
    });

    it('undoes and redoes, announcing history changes', async () => {
      await client.request('patch.apply', { op: addPod('p1'), source: 'ui' });
      expect(await client.request('undo.state', {})).toMatchObject({ canUndo: true, canRedo: false, undoLabel: 'add pod' });
      const afterUndo = nextEvent(client, 'undo.changed', (h) => h.canRedo);
      expect(await client.request('undo.undo', {})).toMatchObject({ ok: true });
      expect(await afterUndo).toMatchObject({ canUndo: false, canRedo: true, redoLabel: 'add pod' });
      expect((await client.request('patch.get', {})).patch.modules).toEqual([]);
      expect(await client.request('undo.redo', {})).toMatchObject({ ok: true });
      expect((await client.request('patch.get', {})).patch.modules.map((m) => m.id)).toEqual(['p1']);
      const nothing = await client.request('undo.redo', {});
      expect(nothing).toMatchObject({ ok: false, error: { code: 'nothing-to-redo' } });
    });

    it('saves and opens a file (round trip), adding the extension and tracking dirty state', async () => {
      await client.request('patch.apply', { op: addPod('p1'), source: 'ui' });
      await client
        .request('patch.apply', { op: { type: 'set-param', id: 'p1', param: 'cpu', value: 0.5 }, source: 'ui' })
        .catch(() => undefined);
      expect(await client.request('file.state', {})).toMatchObject({ path: null, dirty: true });
      const saved = await client.request('patch.get', {});
      const target = path.join(ctx.dir, 'live');
      const fileChanged = nextEvent(client, 'file.changed', (f) => f.path !== null);
      const result = await client.request('file.save', { path: target });
      expect(result).toEqual({ ok: true, file: { path: `${target}.k8spatch`, dirty: false, recent: [`${target}.k8spatch`] } });
      expect(await fileChanged).toMatchObject({ path: `${target}.k8spatch`, dirty: false });
      expect(JSON.parse(await readFile(`${target}.k8spatch`, 'utf8'))).toMatchObject({
        format: 'k8s-synth/patch',
        modules: [{ id: 'p1' }],
      });

      expect(await client.request('file.new', {})).toMatchObject({ path: null, dirty: false });
      expect((await client.request('patch.get', {})).patch.modules).toEqual([]);
      const opened = await client.request('file.open', { path: `${target}.k8spatch` });
      expect(opened).toMatchObject({ ok: true, warnings: [], file: { path: `${target}.k8spatch`, dirty: false } });
      expect((await client.request('patch.get', {})).patch).toEqual(saved.patch);
      // Undo is per file and persistent, so reopening the file resumes its undo stack.
      expect(await client.request('undo.state', {})).toMatchObject({ canUndo: true, undoLabel: 'add pod' });
    });

    it('refuses a malformed file with a clear error and keeps the patch and file', async () => {
      await client.request('patch.apply', { op: addPod('p1'), source: 'ui' });
      const before = await client.request('patch.get', {});
      const fileBefore = await client.request('file.state', {});
      const broken = path.join(ctx.dir, 'broken.k8spatch');
      await writeFile(broken, '{"format": "k8s-synth/patch",\n  "schemaVersion": 1,\n  oops\n}');
      const outcome = await client.request('file.open', { path: broken });
      expect(outcome).toEqual({ ok: false, error: expect.stringMatching(/broken\.k8spatch.*not valid JSON.*line 3/) });
      const newer = path.join(ctx.dir, 'newer.k8spatch');
      await writeFile(
        newer,
        JSON.stringify({ format: 'k8s-synth/patch', schemaVersion: 99, rack: { rows: 1, hp: 84 }, modules: [], cables: [] }),
      );
      expect(await client.request('file.open', { path: newer })).toEqual({
        ok: false,
        error: expect.stringMatching(/newer k8s-synth/),
      });
      expect(await client.request('file.open', { path: path.join(ctx.dir, 'missing.k8spatch') })).toEqual({
        ok: false,
        error: expect.stringMatching(/no such file/),
      });
      expect(await client.request('patch.get', {})).toEqual(before);
      expect(await client.request('file.state', {})).toEqual(fileBefore);
    });

    it('lists and opens the bundled examples as untitled patches', async () => {
      const examples = await client.request('file.examples', {});
      expect(examples.map((e) => e.name)).toContain('hello-web');
      const outcome = await client.request('file.openExample', { name: 'hello-web' });
      expect(outcome).toMatchObject({ ok: true, file: { path: null, dirty: false } });
      expect((await client.request('patch.get', {})).patch.modules.length).toBeGreaterThan(3);
      expect(await client.request('file.openExample', { name: 'nope' })).toEqual({
        ok: false,
        error: expect.stringContaining('nope'),
      });
      await expectRequestError(
        ctx,
        rawRequest(client, 'file.openExample', { name: '../../etc/passwd' }),
        'invalid-input',
        /name/,
      );
    });

    it('answers the file pickers with null where there is no native dialog', async () => {
      expect(await client.request('file.pickOpen', {})).toBeNull();
      expect(await client.request('file.pickSave', {})).toBeNull();
    });

    it('stops calling a listener once its disposer ran', async () => {
      const seen: number[] = [];
      const dispose = client.on('patch.changed', (c) => seen.push(c.version));
      await client.request('patch.apply', { op: addPod('p1'), source: 'ui' });
      await vi.waitFor(() => expect(seen).toHaveLength(1), { timeout: 3000, interval: 10 });
      dispose();
      dispose(); // A second call is harmless.
      const still = nextEvent(client, 'patch.changed');
      await client.request('patch.apply', { op: addPod('p2', 10), source: 'ui' });
      await still;
      expect(seen).toHaveLength(1);
    });
  });
}

contractSuite('WebSocket', webSocketTransport);
contractSuite('Electron IPC (in-process fake of the Electron runtime)', ipcTransport);

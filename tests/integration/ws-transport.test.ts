/**
 * The WebSocket transport beyond the shared contract: hostile frames never crash the server,
 * every client gets every event (a tablet mirrors the desk), and the client survives a server
 * restart (pending requests fail with 'disconnected', then it reconnects).
 */
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { INPUT_BUDGET } from '../../main/patch/input-budget';
import type { Rack } from '../../main/rack';
import { startWebServer, type WebServer } from '../../main/server/web-server';
import type { PatchChange } from '../../main/session/session';
import { RackRequestError } from '../../preload/contract';
import { connectWebSocketClient } from '../../preload/ws-client';
import { apiUrlOf, tempDir, testRack, webSocketFrom } from './helpers/transports';
import { framesOf } from '../../preload/wire';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function served(options: { port?: number; token?: string } = {}): Promise<{ server: WebServer; rack: Rack }> {
  const { dir, remove } = await tempDir();
  cleanups.push(remove);
  const { rack } = await testRack(dir);
  cleanups.push(() => rack.close());
  const server = await startWebServer({
    dispatcher: rack.dispatcher,
    hub: rack.hub,
    rendererDir: path.join(dir, 'none'),
    logError: () => undefined,
    ...options,
  });
  cleanups.push(() => server.close());
  return { server, rack };
}

/** A raw ws connection that collects every frame it receives. */
async function raw(server: WebServer): Promise<{ ws: WebSocket; frames: unknown[]; next: () => Promise<unknown> }> {
  const ws = new WebSocket(apiUrlOf(server), { origin: `http://127.0.0.1:${server.port}` });
  cleanups.push(() => ws.terminate());
  const frames: unknown[] = [];
  const waiters: ((f: unknown) => void)[] = [];
  ws.on('message', (data) => {
    // The frames of one tick come as one message (an array).
    for (const frame of framesOf(JSON.parse(data.toString()))) {
      frames.push(frame);
      waiters.shift()?.(frame);
    }
  });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return { ws, frames, next: () => new Promise((resolve) => waiters.push(resolve)) };
}

const addPod = (id: string, hp = 0) => ({
  type: 'add-module' as const,
  module: { id, type: 'pod', row: 0, hp, params: {}, data: {} },
});

describe('WebSocket transport', () => {
  it('answers malformed frames that have an id, drops those without, and keeps serving', async () => {
    const { server } = await served();
    const { ws, next, frames } = await raw(server);
    ws.send('not json at all');
    ws.send(JSON.stringify({ hello: 'no id' }));
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    ws.send(JSON.stringify({ type: 'request', id: 7, name: 42, input: {} }));
    expect(await next()).toMatchObject({
      type: 'response',
      id: 7,
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('name') },
    });
    ws.send(JSON.stringify({ type: 'request', id: 8, name: 'nope', input: {} }));
    expect(await next()).toMatchObject({ type: 'response', id: 8, ok: false, error: { code: 'unknown-request' } });
    ws.send(JSON.stringify({ type: 'request', id: 9, name: 'patch.get' }));
    expect(await next()).toMatchObject({ id: 9, ok: false, error: { code: 'invalid-input' } });
    ws.send(JSON.stringify({ type: 'request', id: 10, name: 'patch.get', input: {} }));
    expect(await next()).toMatchObject({ type: 'response', id: 10, ok: true, result: { version: 0 } });
    expect(frames).toHaveLength(4);
  });

  it('closes a connection that sends a frame over 16 MiB (1009) and stays up for others', async () => {
    const { server } = await served();
    const { ws } = await raw(server);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.on('error', () => undefined);
    ws.send(JSON.stringify({ type: 'request', id: 1, name: 'patch.get', input: { pad: 'x'.repeat(16 * 1024 * 1024) } }));
    expect(await closed).toBe(1009);
    const { ws: other, next } = await raw(server);
    other.send(JSON.stringify({ type: 'request', id: 1, name: 'catalog.get', input: {} }));
    expect(await next()).toMatchObject({ ok: true });
  });

  it(`closes a connection whose frame is over the ${INPUT_BUDGET.wsFrameBytes / 1048576} MiB frame limit (1009)`, async () => {
    const { server } = await served();
    const { ws } = await raw(server);
    ws.on('error', () => undefined);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ type: 'request', id: 1, name: 'patch.get', input: { pad: 'x'.repeat(5 * 1024 * 1024) } }));
    expect(await closed).toBe(1009);
  });

  it('answers a deeply nested frame with invalid-input before parsing it, and serves another client meanwhile', async () => {
    const { server } = await served();
    const a = await raw(server);
    const b = await raw(server);
    const depth = 1_500_000;
    a.ws.send(`{"type":"request","id":5,"name":"patch.apply","input":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    b.ws.send(JSON.stringify({ type: 'request', id: 1, name: 'catalog.get', input: {} }));
    const [answerA, answerB] = await Promise.all([a.next(), b.next()]);
    expect(answerA).toMatchObject({
      id: 5,
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('request frame') },
    });
    expect(answerB).toMatchObject({ id: 1, ok: true });
  });

  it('sends the frames of one tick as one message: the reply with the events of its op', async () => {
    const { server } = await served();
    const ws = new WebSocket(apiUrlOf(server), { origin: `http://127.0.0.1:${server.port}` });
    cleanups.push(() => ws.terminate());
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const messages: unknown[] = [];
    const answered = new Promise<void>((resolve) =>
      ws.on('message', (data) => {
        const message = JSON.parse(data.toString()) as unknown;
        messages.push(message);
        if (framesOf(message).some((f) => (f as { type: string }).type === 'response')) resolve();
      }),
    );
    ws.send(JSON.stringify({ type: 'request', id: 1, name: 'patch.apply', input: { op: addPod('p1'), source: 'ui' } }));
    await answered;
    const last = messages.at(-1);
    expect(Array.isArray(last)).toBe(true);
    const kinds = framesOf(last).map((f) => (f as { type: string; name?: string }).name ?? (f as { type: string }).type);
    // The op's event, then its reply, in one message (a sim frame of the same tick may ride along).
    expect(kinds.indexOf('patch.changed')).toBeGreaterThanOrEqual(0);
    expect(kinds.indexOf('patch.changed')).toBeLessThan(kinds.indexOf('response'));
  });

  it('sends every event to every client', async () => {
    const { server } = await served();
    const clients = [0, 1, 2].map(() => {
      const client = connectWebSocketClient(apiUrlOf(server), {
        WebSocketImpl: webSocketFrom(`http://127.0.0.1:${server.port}`),
      });
      cleanups.push(() => client.close());
      return client;
    });
    await Promise.all(clients.map((c) => c.ready));
    const seen = clients.map((c) => new Promise<PatchChange>((resolve) => c.on('patch.changed', resolve)));
    await clients[0]!.request('patch.apply', { op: addPod('p1'), source: 'ui' });
    for (const change of await Promise.all(seen)) expect(change).toMatchObject({ kind: 'ops', version: 1 });
  });

  it('fails requests while the server is away, then reconnects to it', async () => {
    const { dir, remove } = await tempDir();
    cleanups.push(remove);
    const { rack } = await testRack(dir);
    cleanups.push(() => rack.close());
    const first = await startWebServer({
      dispatcher: rack.dispatcher,
      hub: rack.hub,
      rendererDir: dir,
      logError: () => undefined,
    });
    const statuses: string[] = [];
    const client = connectWebSocketClient(apiUrlOf(first), {
      WebSocketImpl: webSocketFrom(`http://127.0.0.1:${first.port}`),
      onStatus: (s) => statuses.push(s),
    });
    cleanups.push(() => client.close());
    await client.ready;

    await first.close();
    await vi.waitFor(() => expect(statuses).toContain('lost'), { timeout: 10_000, interval: 20 });
    await expect(client.request('catalog.get', {})).rejects.toMatchObject({ code: 'disconnected' });
    const second = await startWebServer({
      dispatcher: rack.dispatcher,
      hub: rack.hub,
      rendererDir: dir,
      port: first.port,
      token: first.token,
      logError: () => undefined,
    });
    cleanups.push(() => second.close());
    await vi.waitFor(() => expect(statuses.at(-1)).toBe('open'), { timeout: 10_000, interval: 20 });
    expect(statuses).toEqual(expect.arrayContaining(['open', 'lost', 'reconnecting']));
    expect((await client.request('catalog.get', {})).length).toBe(10);
  });

  it('rejects pending requests with "disconnected" when the connection drops mid-request', async () => {
    const { dir, remove } = await tempDir();
    cleanups.push(remove);
    const { rack } = await testRack(dir);
    cleanups.push(() => rack.close());
    const never = { dispatch: () => new Promise<never>(() => undefined) };
    const server = await startWebServer({ dispatcher: never, hub: rack.hub, rendererDir: dir, logError: () => undefined });
    const client = connectWebSocketClient(apiUrlOf(server), { WebSocketImpl: webSocketFrom(`http://127.0.0.1:${server.port}`) });
    cleanups.push(() => client.close());
    await client.ready;
    // Catch at once: the rejection may arrive while server.close() is still being awaited.
    const pending = client.request('patch.get', {}).catch((e: unknown) => e);
    await server.close();
    const error = await pending;
    expect(error).toBeInstanceOf(RackRequestError);
    expect(error).toMatchObject({ code: 'disconnected' });
  });

  it('rejects `ready` when the first connection is refused (wrong token)', async () => {
    const { server } = await served();
    const client = connectWebSocketClient(`ws://127.0.0.1:${server.port}/api?token=wrong`, {
      WebSocketImpl: webSocketFrom(`http://127.0.0.1:${server.port}`),
    });
    await expect(client.ready).rejects.toMatchObject({ code: 'disconnected' });
    await expect(client.request('patch.get', {})).rejects.toMatchObject({ code: 'disconnected' });
  });
});

/**
 * Deep and huge WebSocket frames: refused before they are parsed, answered when they carry an
 * id, and never holding up the other clients.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { INPUT_BUDGET } from '../../main/patch/input-budget';
import { startWebServer, type WebServer } from '../../main/server/web-server';
import { apiUrlOf, tempDir, testRack } from './helpers/transports';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function served(): Promise<WebServer> {
  const { dir, remove } = await tempDir();
  cleanups.push(remove);
  const { rack } = await testRack(dir);
  cleanups.push(() => rack.close());
  const server = await startWebServer({
    dispatcher: rack.dispatcher,
    hub: rack.hub,
    rendererDir: path.join(dir, 'none'),
    logError: () => undefined,
  });
  cleanups.push(() => server.close());
  return server;
}

async function client(server: WebServer) {
  const ws = new WebSocket(apiUrlOf(server), { origin: `http://127.0.0.1:${server.port}` });
  cleanups.push(() => ws.terminate());
  ws.on('error', () => undefined);
  const waiters: ((f: Record<string, unknown>) => void)[] = [];
  ws.on('message', (data) => waiters.shift()?.(JSON.parse(data.toString()) as Record<string, unknown>));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return { ws, next: () => new Promise<Record<string, unknown>>((resolve) => waiters.push(resolve)) };
}

describe('hostile WebSocket frames', () => {
  it(`closes a connection whose frame is over ${INPUT_BUDGET.wsFrameBytes / 1048576} MiB (1009)`, async () => {
    const server = await served();
    const { ws } = await client(server);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ type: 'request', id: 1, name: 'patch.get', input: { pad: 'x'.repeat(5 * 1024 * 1024) } }));
    expect(await closed).toBe(1009);
  });

  it('answers a deeply nested frame with invalid-input before parsing it, and serves another client meanwhile', async () => {
    const server = await served();
    const a = await client(server);
    const b = await client(server);
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
});

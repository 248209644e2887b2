/**
 * The IPC transport beyond the shared contract, through the in-process fake of Electron (it
 * replaces only the Electron runtime, which cannot be installed here): requests from any frame
 * but our window's app://rack main frame are refused, closing the window detaches everything,
 * notices raised before the page listens still reach it, and the preload world keeps error codes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { APP_START_URL } from '../../main/app/app-protocol';
import type { Rack } from '../../main/rack';
import { attachIpcTransport } from '../../main/transport/ipc-main-transport';
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL, RackRequestError, type Notice, type RackClient } from '../../preload/contract';
import { createIpcClient, exposeRackApi, RACK_API_KEY } from '../../preload/ipc-client';
import { FakeContextBridge, FakeFrame, FakeIpcMain, FakeWebContents } from './helpers/fake-electron';
import { tempDir, testRack } from './helpers/transports';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(): Promise<{ rack: Rack; ipcMain: FakeIpcMain; webContents: FakeWebContents; errors: string[] }> {
  const { dir, remove } = await tempDir();
  cleanups.push(remove);
  const { rack } = await testRack(dir);
  cleanups.push(() => rack.close());
  const ipcMain = new FakeIpcMain();
  const webContents = new FakeWebContents(ipcMain, APP_START_URL);
  const errors: string[] = [];
  attachIpcTransport({ ipcMain, webContents, dispatcher: rack.dispatcher, hub: rack.hub, logError: (m) => errors.push(m) });
  cleanups.push(() => webContents.destroy());
  return { rack, ipcMain, webContents, errors };
}

describe('Electron IPC transport', () => {
  it('serves requests from the main frame of our window on app://rack', async () => {
    const { webContents } = await setup();
    const client = createIpcClient(webContents.ipcRenderer);
    expect((await client.request('catalog.get', {})).length).toBe(10);
  });

  it('keeps RackRequestError codes in the preload world', async () => {
    const { webContents } = await setup();
    const client = createIpcClient(webContents.ipcRenderer);
    const error = await client
      .request('patch.apply', { op: { type: 'remove-module', id: 'x' }, source: 'hardware' as 'ui' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RackRequestError);
    expect(error).toMatchObject({ code: 'invalid-input', message: expect.stringContaining('source') });
  });

  it.each([
    ['a sub-frame', (wc: FakeWebContents) => (wc.ipcRenderer.frame = new FakeFrame(APP_START_URL, wc.mainFrame))],
    ['a page navigated to another origin', (wc: FakeWebContents) => (wc.mainFrame.url = 'https://evil.example/')],
    ['a look-alike host', (wc: FakeWebContents) => (wc.mainFrame.url = 'app://rack.evil/index.html')],
    ['a file:// page', (wc: FakeWebContents) => (wc.mainFrame.url = 'file:///tmp/index.html')],
    ['a destroyed frame', (wc: FakeWebContents) => (wc.ipcRenderer.frame = null)],
  ])('refuses requests from %s', async (_what, tamper) => {
    const { webContents, errors } = await setup();
    const client = createIpcClient(webContents.ipcRenderer);
    tamper(webContents);
    const error = await client.request('patch.get', {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'handler-failed', message: 'Request refused: it did not come from the rack window.' });
    expect(errors).toEqual([expect.stringContaining('refused an IPC request from an untrusted frame')]);
    expect(errors.join()).not.toContain('index.html');
  });

  it('refuses requests from another window', async () => {
    const { ipcMain } = await setup();
    const other = new FakeWebContents(ipcMain, APP_START_URL);
    await expect(createIpcClient(other.ipcRenderer).request('patch.get', {})).rejects.toMatchObject({ code: 'handler-failed' });
  });

  it('stops serving and sending events when the window closes', async () => {
    const { rack, ipcMain, webContents } = await setup();
    const client = createIpcClient(webContents.ipcRenderer);
    const seen: unknown[] = [];
    client.on('patch.changed', (c) => seen.push(c));
    webContents.destroy();
    expect(ipcMain.handlers.has(IPC_REQUEST_CHANNEL)).toBe(false);
    rack.dispatcher.dispatch('patch.apply', {
      op: { type: 'add-module', module: { id: 'p', type: 'pod', row: 0, hp: 0, params: {}, data: {} } },
      source: 'ui',
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([]);
    // A new window can attach again (macOS re-opens the window from the dock).
    const next = new FakeWebContents(ipcMain, APP_START_URL);
    attachIpcTransport({ ipcMain, webContents: next, dispatcher: rack.dispatcher, hub: rack.hub });
    cleanups.push(() => next.destroy());
    expect((await createIpcClient(next.ipcRenderer).request('patch.get', {})).patch.modules).toHaveLength(1);
  });

  it('delivers notices raised before the window attached, once, to the first notice listener', async () => {
    const { dir, remove } = await tempDir();
    cleanups.push(remove);
    const { rack } = await testRack(dir);
    cleanups.push(() => rack.close());
    rack.hub.emit('notice', { level: 'info', message: 'Recovered unsaved changes to x from y.' });
    const ipcMain = new FakeIpcMain();
    const webContents = new FakeWebContents(ipcMain, APP_START_URL);
    const bridge = new FakeContextBridge();
    exposeRackApi(bridge, webContents.ipcRenderer);
    attachIpcTransport({ ipcMain, webContents, dispatcher: rack.dispatcher, hub: rack.hub });
    cleanups.push(() => webContents.destroy());
    await new Promise((r) => setTimeout(r, 20)); // the page is still mounting
    const page = bridge.mainWorld[RACK_API_KEY] as RackClient;
    const first: Notice[] = [];
    const second: Notice[] = [];
    page.on('notice', (n) => first.push(n));
    page.on('notice', (n) => second.push(n));
    expect(first).toEqual([{ level: 'info', message: 'Recovered unsaved changes to x from y.' }]);
    expect(second).toEqual([]);
  });

  it('exposes only narrow functions and drops the IPC event object', async () => {
    const { webContents } = await setup();
    const bridge = new FakeContextBridge();
    exposeRackApi(bridge, webContents.ipcRenderer);
    const page = bridge.mainWorld[RACK_API_KEY] as Record<string, unknown>;
    expect(Object.keys(page).sort()).toEqual(['on', 'request']);
    const args: unknown[][] = [];
    (page as unknown as RackClient).on('notice', (...received: unknown[]) => args.push(received));
    webContents.send(IPC_EVENT_CHANNEL, 'notice', { level: 'info', message: 'hi' });
    await new Promise((r) => setTimeout(r, 20));
    expect(args).toEqual([[{ level: 'info', message: 'hi' }]]);
    // One ipcRenderer listener serves every `on`: subscriptions do not pile up in the preload.
    (page as unknown as RackClient).on('patch.changed', () => undefined)();
    expect(webContents.ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(1);
  });
});

/**
 * Fixture builders for integration tests: a real rack (real catalog from resources/, real files
 * in a temp data dir) served over a real transport, and a connected RackClient for it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocket as WsWebSocket, type ClientOptions } from 'ws';
import { resourcesDir } from '../../../main/catalog/load-catalog';
import { createRack, type Rack } from '../../../main/rack';
import type { AppTime } from '../../../main/time/app-time';
import { startWebServer, type WebServer } from '../../../main/server/web-server';
import { APP_START_URL } from '../../../main/app/app-protocol';
import { attachIpcTransport } from '../../../main/transport/ipc-main-transport';
import type { RackClient } from '../../../preload/contract';
import { exposeRackApi, RACK_API_KEY } from '../../../preload/ipc-client';
import { connectWebSocketClient } from '../../../preload/ws-client';
import { FakeContextBridge, FakeIpcMain, FakeWebContents } from './fake-electron';

export interface Connected {
  client: RackClient;
  rack: Rack;
  /** A fresh temp folder for this test's files (the data dir lives inside it). */
  dir: string;
  /**
   * False when the client sits behind contextBridge, which copies only an Error's message:
   * the page then sees the message but not RackRequestError's `code`.
   */
  errorCodes: boolean;
  cleanup(): Promise<void>;
}

export type ClientFactory = () => Promise<Connected>;

/** A temp folder removed by the returned function. */
export async function tempDir(prefix = 'k8s-synth-test-'): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** How long the test rack's autosave waits after a change. */
export const TEST_AUTOSAVE_MS = 20;

/** A rack with its data dir in `dir`, autosaving quickly, logging into `errors`. */
export async function testRack(
  dir: string,
  options: { autosaveMs?: number; dataDir?: string; file?: string; time?: Partial<AppTime> } = {},
): Promise<{ rack: Rack; errors: string[] }> {
  const errors: string[] = [];
  const rack = await createRack({
    mode: 'web',
    dataDir: options.dataDir ?? path.join(dir, 'data'),
    resourcesDir: resourcesDir(),
    autosaveMs: options.autosaveMs ?? TEST_AUTOSAVE_MS,
    file: options.file,
    time: options.time,
    logError: (m) => errors.push(m),
  });
  return { rack, errors };
}

/** ws's WebSocket as a browser page on `origin` would open it (browsers always send Origin). */
export function webSocketFrom(origin: string): typeof WebSocket {
  class PageWebSocket extends WsWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { origin } satisfies ClientOptions);
    }
  }
  return PageWebSocket as unknown as typeof WebSocket;
}

/** The WebSocket API URL of a running server (token included). */
export function apiUrlOf(server: WebServer): string {
  return `ws://127.0.0.1:${server.port}/api?token=${server.token}`;
}

/** (a) A real server on a real port, with the ws-client over ws's WebSocket. */
export const webSocketTransport: ClientFactory = async () => {
  const { dir, remove } = await tempDir();
  const { rack } = await testRack(dir);
  const server = await startWebServer({
    dispatcher: rack.dispatcher,
    hub: rack.hub,
    rendererDir: path.join(dir, 'no-renderer'),
    logError: () => undefined,
  });
  const client = connectWebSocketClient(apiUrlOf(server), { WebSocketImpl: webSocketFrom(`http://127.0.0.1:${server.port}`) });
  await client.ready;
  return {
    client,
    rack,
    dir,
    errorCodes: true,
    async cleanup() {
      client.close();
      await server.close();
      await rack.close();
      await remove();
    },
  };
};

/**
 * (b) The real IPC transport and preload client, through the in-process fake of Electron. The
 * client is what the page gets: `window.rack` behind the fake contextBridge.
 */
export const ipcTransport: ClientFactory = async () => {
  const { dir, remove } = await tempDir();
  const { rack } = await testRack(dir);
  const ipcMain = new FakeIpcMain();
  const webContents = new FakeWebContents(ipcMain, APP_START_URL);
  attachIpcTransport({ ipcMain, webContents, dispatcher: rack.dispatcher, hub: rack.hub, logError: () => undefined });
  const bridge = new FakeContextBridge();
  exposeRackApi(bridge, webContents.ipcRenderer);
  return {
    client: bridge.mainWorld[RACK_API_KEY] as RackClient,
    rack,
    dir,
    errorCodes: false,
    async cleanup() {
      webContents.destroy();
      await rack.close();
      await remove();
    },
  };
};

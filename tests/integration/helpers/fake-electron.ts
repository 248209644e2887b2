/**
 * An in-process stand-in for the parts of Electron the IPC transport uses: ipcMain,
 * ipcRenderer, WebContents with its main frame, and contextBridge. It replaces ONLY the Electron
 * runtime, which cannot be installed on this machine (its binary download is blocked); the
 * transport code under test is the real main/transport/ipc-main-transport.ts and
 * preload/ipc-client.ts.
 *
 * Semantics copied from Electron (docs/api/ipc-main.md, ipc-renderer.md, context-bridge.md):
 * - invoke/send payloads are copied with the structured clone algorithm (functions cannot cross);
 *   delivery is asynchronous (another process in Electron).
 * - one handler per channel (a second `handle` throws); a handler's exception reaches the
 *   renderer as an Error whose message is "Error invoking remote method '<channel>': <error>".
 * - every invoke event carries `sender` (the WebContents) and `senderFrame` (the frame).
 * - contextBridge copies values between worlds: functions are proxied (arguments and results
 *   copied again), promises are proxied, objects lose their prototype, and an Error keeps only
 *   its message ("any custom properties on the Error object will be lost").
 */
import type { FrameLike, IpcInvokeEventLike, IpcMainLike, WebContentsLike } from '../../../main/transport/ipc-main-transport';
import type { ContextBridgeLike, IpcRendererLike } from '../../../preload/ipc-client';

type Handler = (event: IpcInvokeEventLike, ...args: unknown[]) => unknown;
type RendererListener = (event: unknown, ...args: unknown[]) => void;

/** Lets queued IPC deliveries run (they hop like messages between processes). */
const hop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class FakeFrame implements FrameLike {
  constructor(
    public url: string,
    readonly parent: FakeFrame | null = null,
  ) {}
}

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Handler>();

  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

/** A window's WebContents, with the renderer process (its ipcRenderer) attached. */
export class FakeWebContents implements WebContentsLike {
  readonly mainFrame: FakeFrame;
  readonly ipcRenderer: FakeIpcRenderer;
  private destroyed = false;
  private readonly destroyedListeners: (() => void)[] = [];

  constructor(ipcMain: FakeIpcMain, url: string) {
    this.mainFrame = new FakeFrame(url);
    this.ipcRenderer = new FakeIpcRenderer(ipcMain, this, this.mainFrame);
  }

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    const copied = structuredClone(args);
    void hop().then(() => this.ipcRenderer.deliver(channel, copied));
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  once(_event: 'destroyed', listener: () => void): this {
    this.destroyedListeners.push(listener);
    return this;
  }

  /** Closing the window. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const listener of this.destroyedListeners.splice(0)) listener();
  }
}

export class FakeIpcRenderer implements IpcRendererLike {
  private readonly listeners = new Map<string, RendererListener[]>();

  constructor(
    private readonly ipcMain: FakeIpcMain,
    private readonly sender: FakeWebContents,
    /** The frame requests come from; a test may point it elsewhere (a sub-frame, a navigation). */
    public frame: FakeFrame | null,
  ) {}

  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const copied = structuredClone(args);
    await hop();
    const handler = this.ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    let result: unknown;
    try {
      result = await handler({ sender: this.sender, senderFrame: this.frame }, ...copied);
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`);
    }
    await hop();
    return structuredClone(result);
  }

  on(channel: string, listener: RendererListener): this {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
    return this;
  }

  removeListener(channel: string, listener: RendererListener): this {
    this.listeners.set(
      channel,
      (this.listeners.get(channel) ?? []).filter((l) => l !== listener),
    );
    return this;
  }

  listenerCount(channel: string): number {
    return this.listeners.get(channel)?.length ?? 0;
  }

  deliver(channel: string, args: unknown[]): void {
    const event = { sender: this, senderId: 0, ports: [] };
    for (const listener of this.listeners.get(channel) ?? []) listener(event, ...args);
  }
}

/** contextBridge: what the page's main world receives under each key. */
export class FakeContextBridge implements ContextBridgeLike {
  readonly mainWorld: Record<string, unknown> = {};

  exposeInMainWorld(apiKey: string, api: unknown): void {
    if (apiKey in this.mainWorld) throw new Error(`Cannot bind an API on top of an existing property on the window object`);
    this.mainWorld[apiKey] = copyAcrossWorlds(api);
  }
}

/** Copies a value from one world to the other as contextBridge does. */
export function copyAcrossWorlds(value: unknown): unknown {
  if (typeof value === 'function') {
    const fn = value as (...args: unknown[]) => unknown;
    return (...args: unknown[]) => {
      let result: unknown;
      try {
        result = fn(...args.map(copyAcrossWorlds));
      } catch (error) {
        throw copyError(error);
      }
      return copyAcrossWorlds(result);
    };
  }
  if (value instanceof Promise) return value.then(copyAcrossWorlds, (error: unknown) => Promise.reject(copyError(error)));
  if (value instanceof Error) return copyError(value);
  if (Array.isArray(value)) return value.map(copyAcrossWorlds);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyAcrossWorlds(v)]));
  }
  return value;
}

function copyError(error: unknown): Error {
  return new Error(error instanceof Error ? error.message : String(error));
}

/**
 * The contract over Electron IPC, main side, written against the few members of ipcMain and
 * WebContents it uses, so it runs in tests without the Electron runtime. Every request must come
 * from the main frame of our window showing app://rack (Electron security checklist item 17:
 * validate the sender of every IPC message); it then goes through the shared dispatcher.
 *
 * Results cross as an envelope ({ok, result} | {ok: false, error: {code, message}}) rather than
 * as a thrown error, because Electron turns a handler's exception into a bare Error whose message
 * is prefixed with "Error invoking remote method" and loses any other property, such as `code`.
 */
import {
  IPC_EVENT_CHANNEL,
  IPC_REQUEST_CHANNEL,
  RackRequestError,
  type EventPayloads,
  type RequestInput,
  type TransportErrorCode,
} from '../../preload/contract';
import type { Dispatcher } from '../api/dispatcher';
import type { EventHub } from '../api/event-hub';
import { AckWindow, eventPacer, framePacer } from '../sim/frame-pacer';

/**
 * Simulator frames out and not yet acknowledged by the renderer (`sim.ack`): a few display frames
 * of slack for the round trip; past it a hidden or frozen renderer gets one merged frame when it
 * acknowledges again, so main holds at most this many frames' worth for it, never a queue.
 */
export const MAX_UNACKED_FRAMES = 8;

/** The part of Electron's WebFrameMain used here. */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
}

/** The part of Electron's WebContents used here. */
export interface WebContentsLike {
  readonly mainFrame: FrameLike;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
}

/** The part of Electron's IpcMainInvokeEvent used here. */
export interface IpcInvokeEventLike {
  readonly sender: WebContentsLike;
  /** Null when the frame has navigated away or been destroyed since sending. */
  readonly senderFrame: FrameLike | null;
}

/** The part of Electron's ipcMain used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** What crosses back for each request. */
export type IpcEnvelope = { ok: true; result: unknown } | { ok: false; error: { code: TransportErrorCode; message: string } };

/** The app's own origin: the custom protocol the window loads (see main/app/app-protocol.ts). */
export const APP_PROTOCOL = 'app';
export const APP_HOST = 'rack';

/** True for a URL on app://rack/, compared with the URL parser (never with startsWith). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_PROTOCOL}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

export interface IpcTransportOptions {
  ipcMain: IpcMainLike;
  /** The one window whose renderer may use the contract. */
  webContents: WebContentsLike;
  dispatcher: Dispatcher;
  hub: EventHub;
  logError?: (message: string) => void;
}

/**
 * Serves the contract to one window: requests through the dispatcher, every event pushed with
 * `webContents.send` (sim frames and events within the renderer's acknowledgement window). Stops by itself when the window's contents are destroyed; the returned
 * function stops it earlier.
 */
export function attachIpcTransport(options: IpcTransportOptions): () => void {
  const { ipcMain, webContents, dispatcher, hub } = options;
  const logError = options.logError ?? ((m: string) => console.error(m));

  // Sim frames and events are paced by the renderer's acknowledgements (no backpressure on IPC).
  const acks = new AckWindow(MAX_UNACKED_FRAMES);
  const live = (): boolean => !webContents.isDestroyed();
  const frames = framePacer({
    send: (frame) => {
      if (!live()) return;
      acks.sent(frame.seq);
      webContents.send(IPC_EVENT_CHANNEL, 'sim.frame', frame);
    },
    congested: () => acks.full,
  });
  const simEvents = eventPacer({
    send: (batch) => {
      if (live()) webContents.send(IPC_EVENT_CHANNEL, 'sim.event', batch);
    },
    congested: () => acks.full,
  });

  ipcMain.handle(IPC_REQUEST_CHANNEL, async (event, name, input): Promise<IpcEnvelope> => {
    if (!isTrustedSender(event, webContents)) {
      logError(`[k8s-synth] refused an IPC request from an untrusted frame (${safeOrigin(event.senderFrame?.url)})`);
      // Thrown, not enveloped: a foreign frame gets no contract-shaped answer.
      throw new Error('Request refused: it did not come from the rack window.');
    }
    try {
      const result = await dispatcher.dispatch(name, input);
      if (name === 'sim.ack') {
        // Validated by the dispatcher against the contract.
        acks.ack((input as RequestInput<'sim.ack'>).seq);
        frames.flush();
        simEvents.flush();
      }
      return { ok: true, result };
    } catch (error) {
      if (error instanceof RackRequestError) return { ok: false, error: { code: error.code, message: error.message } };
      return { ok: false, error: { code: 'handler-failed', message: 'The request failed unexpectedly.' } };
    }
  });

  const detach = hub.attachClient((name, payload) => {
    if (name === 'sim.frame') frames.offer(payload as EventPayloads['sim.frame']);
    else if (name === 'sim.event') simEvents.offer(payload as EventPayloads['sim.event']);
    else if (live()) webContents.send(IPC_EVENT_CHANNEL, name, payload);
  });

  let active = true;
  const dispose = (): void => {
    if (!active) return;
    active = false;
    detach();
    frames.dispose();
    simEvents.dispose();
    ipcMain.removeHandler(IPC_REQUEST_CHANNEL);
  };
  webContents.once('destroyed', dispose);
  return dispose;
}

/** The request must come from our window's top frame, currently showing app://rack. */
export function isTrustedSender(event: IpcInvokeEventLike, webContents: WebContentsLike): boolean {
  const frame = event.senderFrame;
  return (
    event.sender === webContents &&
    frame !== null &&
    frame === webContents.mainFrame &&
    frame.parent === null &&
    isAppUrl(frame.url)
  );
}

/** Only the origin goes to the log: a full URL can carry user data in its path or query. */
function safeOrigin(url: string | undefined): string {
  if (!url) return 'no frame';
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'unparseable URL';
  }
}

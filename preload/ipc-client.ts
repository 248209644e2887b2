/**
 * The contract over Electron IPC, renderer side, written against the few members of
 * ipcRenderer it uses, so it runs in tests without the Electron runtime. preload.ts hands it the
 * real ipcRenderer and exposes the result through contextBridge. Web content never sees
 * ipcRenderer itself or an IPC event object (Electron security checklist item 20).
 */
import {
  IPC_EVENT_CHANNEL,
  IPC_REQUEST_CHANNEL,
  RackRequestError,
  TRANSPORT_ERROR_CODES,
  type EventName,
  type EventPayloads,
  type RackClient,
  type RequestInput,
  type RequestName,
  type RequestOutput,
  type TransportErrorCode,
} from './contract';
import { EventFanout } from './event-fanout';

/** The part of Electron's ipcRenderer used here. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** The main side's answer (see main/transport/ipc-main-transport.ts). */
type Envelope = { ok: true; result: unknown } | { ok: false; error: { code: TransportErrorCode; message: string } };

/**
 * A RackClient over IPC. One ipcRenderer listener serves every `on`, installed at once so that
 * notices sent while the UI is still mounting are held for it (see event-fanout.ts).
 */
export function createIpcClient(ipcRenderer: IpcRendererLike): RackClient {
  const events = new EventFanout();
  ipcRenderer.on(IPC_EVENT_CHANNEL, (_event, name, payload) => {
    if (typeof name === 'string') events.deliver(name as EventName, payload);
  });

  return {
    async request<K extends RequestName>(name: K, input: RequestInput<K>): Promise<RequestOutput<K>> {
      let answer: unknown;
      try {
        answer = await ipcRenderer.invoke(IPC_REQUEST_CHANNEL, name, input ?? {});
      } catch (error) {
        // Only a refused sender or a broken main process gets here; Electron prefixes the message.
        const message = error instanceof Error ? error.message : String(error);
        throw new RackRequestError('handler-failed', message.replace(/^Error invoking remote method '[^']*': (Error: )?/, ''));
      }
      const envelope = answer as Envelope;
      if (envelope?.ok === true) return envelope.result as RequestOutput<K>;
      if (envelope?.ok === false && (TRANSPORT_ERROR_CODES as readonly string[]).includes(envelope.error?.code)) {
        throw new RackRequestError(envelope.error.code, envelope.error.message);
      }
      throw new RackRequestError('handler-failed', 'The main process sent an answer this app does not understand.');
    },
    on<E extends EventName>(name: E, listener: (payload: EventPayloads[E]) => void): () => void {
      return events.on(name, listener);
    },
  };
}

/** The part of Electron's contextBridge used here. */
export interface ContextBridgeLike {
  exposeInMainWorld(apiKey: string, api: unknown): void;
}

/** The key of the API on the page's window: `window.rack`. */
export const RACK_API_KEY = 'rack';

/**
 * Builds the IPC client and exposes it to the page. Only two narrow functions cross the bridge;
 * the page never gets ipcRenderer or an IPC event object.
 */
export function exposeRackApi(contextBridge: ContextBridgeLike, ipcRenderer: IpcRendererLike): RackClient {
  const client = createIpcClient(ipcRenderer);
  const api: RackClient = {
    request: (name, input) => client.request(name, input),
    on: (name, listener) => client.on(name, listener),
  };
  contextBridge.exposeInMainWorld(RACK_API_KEY, api);
  return api;
}

/**
 * The contract over WebSocket, client side (web mode). Uses only the standard WebSocket API, so
 * the browser renderer uses it as is and Node tests pass `ws`'s WebSocket. After a successful
 * connection drops, it reconnects with exponential backoff; requests in flight when the
 * connection is lost reject with RackRequestError('disconnected'), as do requests made while it
 * is down (the UI shows "reconnecting" and refetches state on 'open').
 */
import {
  RackRequestError,
  type EventName,
  type EventPayloads,
  type RackClient,
  type RequestInput,
  type RequestName,
  type RequestOutput,
} from './contract';
import { EventFanout } from './event-fanout';
import { EventFrameSchema, framesOf, ResponseFrameSchema, type RequestFrame } from './wire';

export type ConnectionStatus = 'open' | 'lost' | 'reconnecting';

export interface WebSocketClientOptions {
  /** Defaults to the global WebSocket (browsers; Node 22+). */
  WebSocketImpl?: typeof WebSocket;
  onStatus?: (status: ConnectionStatus) => void;
}

/** Reconnect delays: 250 ms doubling to 5 s, with jitter so several tablets do not stampede. */
const BACKOFF_FIRST_MS = 250;
const BACKOFF_MAX_MS = 5_000;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * Connects to `url` (ws://127.0.0.1:PORT/api?token=…). `ready` resolves on the first open and
 * rejects if that first attempt fails (a wrong token or URL is not worth retrying).
 */
export function connectWebSocketClient(
  url: string,
  options: WebSocketClientOptions = {},
): RackClient & { close(): void; ready: Promise<void> } {
  const Impl = options.WebSocketImpl ?? globalThis.WebSocket;
  const events = new EventFanout();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let socket: WebSocket | undefined;
  let everOpened = false;
  let closed = false;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let settleReady!: { resolve: () => void; reject: (e: Error) => void };
  const ready = new Promise<void>((resolve, reject) => (settleReady = { resolve, reject }));
  // Nobody may be awaiting `ready` (a client that only listens); do not report that as unhandled.
  ready.catch(() => undefined);

  const status = (s: ConnectionStatus): void => {
    try {
      options.onStatus?.(s);
    } catch (error) {
      console.error('[k8s-synth] onStatus failed:', error);
    }
  };

  const rejectAll = (message: string): void => {
    const error = new RackRequestError('disconnected', message);
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  const onMessage = (event: MessageEvent): void => {
    if (typeof event.data !== 'string') return;
    let raw: unknown;
    try {
      raw = JSON.parse(event.data);
    } catch {
      return;
    }
    for (const one of framesOf(raw)) onFrame(one);
  };

  const onFrame = (raw: unknown): void => {
    const response = ResponseFrameSchema.safeParse(raw);
    if (response.success) {
      const frame = response.data;
      const p = pending.get(frame.id);
      if (!p) return;
      pending.delete(frame.id);
      if (frame.ok) p.resolve(frame.result);
      else p.reject(new RackRequestError(frame.error.code, frame.error.message));
      return;
    }
    const ev = EventFrameSchema.safeParse(raw);
    if (ev.success) events.deliver(ev.data.name, ev.data.payload);
  };

  const connect = (): void => {
    const ws = new Impl(url);
    socket = ws;
    ws.addEventListener('open', () => {
      attempt = 0;
      everOpened = true;
      settleReady.resolve();
      status('open');
    });
    ws.addEventListener('message', onMessage);
    ws.addEventListener('close', () => {
      if (socket !== ws) return;
      socket = undefined;
      rejectAll(closed ? 'The connection to the rack was closed.' : 'The connection to the rack was lost.');
      if (closed) return;
      if (!everOpened) {
        closed = true;
        settleReady.reject(
          new RackRequestError(
            'disconnected',
            'Could not connect to the rack (wrong address or token, or the server is not running).',
          ),
        );
        return;
      }
      status('lost');
      scheduleReconnect();
    });
    // 'error' is always followed by 'close', which does the work.
    ws.addEventListener('error', () => undefined);
  };

  const scheduleReconnect = (): void => {
    const base = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** attempt++);
    retryTimer = setTimeout(
      () => {
        retryTimer = undefined;
        if (closed) return;
        status('reconnecting');
        connect();
      },
      base / 2 + Math.random() * (base / 2),
    );
  };

  const send = (name: string, input: unknown): Promise<unknown> => {
    const ws = socket;
    if (!ws || ws.readyState !== ws.OPEN)
      return Promise.reject(new RackRequestError('disconnected', 'Not connected to the rack; reconnecting.'));
    const id = nextId++;
    const frame: RequestFrame = { type: 'request', id, name, input: input ?? {} };
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      try {
        ws.send(JSON.stringify(frame));
      } catch (error) {
        pending.delete(id);
        reject(new RackRequestError('disconnected', `Could not send the request: ${(error as Error).message}`));
      }
    });
  };

  connect();

  return {
    ready,
    request<K extends RequestName>(name: K, input: RequestInput<K>): Promise<RequestOutput<K>> {
      // Before the first open, wait for it, so a renderer can ask for state right away.
      const whenOpen = everOpened ? Promise.resolve() : ready;
      return whenOpen.then(() => send(name, input)) as Promise<RequestOutput<K>>;
    },
    on<E extends EventName>(name: E, listener: (payload: EventPayloads[E]) => void): () => void {
      return events.on(name, listener);
    },
    close(): void {
      if (closed && !socket) return;
      closed = true;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      settleReady.reject(new RackRequestError('disconnected', 'The client was closed before it connected.'));
      rejectAll('The connection to the rack was closed.');
      socket?.close(1000, 'client closed');
      socket = undefined;
    },
  };
}

/**
 * The contract over WebSocket: each socket's request frames go through the shared dispatcher,
 * and every event goes to every socket (a tablet on stage mirrors the desk). A malformed frame is
 * answered with an error when it has an id and dropped when it has none; nothing a client sends
 * can throw out of here.
 */
import type { WebSocket } from 'ws';
import { RackRequestError, type EventPayloads, type TransportErrorCode } from '../../preload/contract';
import { INPUT_BUDGET, jsonTextDepthProblem } from '../patch/input-budget';
import { frameIdOf, RequestFrameSchema, type ServerFrame } from '../../preload/wire';
import type { Dispatcher } from '../api/dispatcher';
import type { EventHub } from '../api/event-hub';
import { eventPacer, framePacer } from '../sim/frame-pacer';

/**
 * A client that stops reading (a sleeping tablet) would make events pile up in memory; past
 * this much unsent data it is disconnected and reconnects to a fresh state.
 */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

/**
 * Simulator frames and events (up to 60 a second) wait while more than this is unsent to the
 * socket; meanwhile they are merged into one (Pacer), so a slow client never makes main's memory grow.
 */
const FRAME_CONGESTION_BYTES = 256 * 1024;

export interface SocketApiOptions {
  dispatcher: Dispatcher;
  hub: EventHub;
  logError?: (message: string) => void;
}

/** Serves the contract on one accepted socket until it closes. */
export function serveSocket(socket: WebSocket, options: SocketApiOptions): void {
  const logError = options.logError ?? ((m: string) => console.error(m));
  // The frames of one tick leave as one message (a JSON array when there are several): with group
  // commit a tick's replies and events are released together, and 4 knob streams at 1 kHz would
  // otherwise cost a WebSocket send (and a syscall) per op and per event.
  let batch: string[] = [];
  const flush = (): void => {
    const out = batch;
    batch = [];
    if (socket.readyState !== socket.OPEN || out.length === 0) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      socket.close(1013, 'client too slow');
      return;
    }
    socket.send(out.length === 1 ? out[0]! : `[${out.join(',')}]`, (error) => {
      if (error) logError(`[k8s-synth] a WebSocket send failed: ${error.message}`);
    });
  };
  const send = (frame: ServerFrame): void => {
    if (socket.readyState !== socket.OPEN) return;
    batch.push(JSON.stringify(frame));
    if (batch.length === 1) setImmediate(flush);
  };
  const fail = (id: number, code: TransportErrorCode, message: string): void =>
    send({ type: 'response', id, ok: false, error: { code, message } });

  const congested = () => socket.bufferedAmount > FRAME_CONGESTION_BYTES;
  const frames = framePacer({ send: (payload) => send({ type: 'event', name: 'sim.frame', payload }), congested });
  const simEvents = eventPacer({ send: (payload) => send({ type: 'event', name: 'sim.event', payload }), congested });
  const detach = options.hub.attachClient((name, payload) => {
    if (name === 'sim.frame') frames.offer(payload as EventPayloads['sim.frame']);
    else if (name === 'sim.event') simEvents.offer(payload as EventPayloads['sim.event']);
    else send({ type: 'event', name, payload } as ServerFrame);
  });
  socket.on('close', () => {
    detach();
    frames.dispose();
    simEvents.dispose();
  });
  socket.on('error', (error) => logError(`[k8s-synth] WebSocket error: ${error.message}`));

  socket.on('message', (data, isBinary) => {
    // The edge: nothing a client sends may throw out of an event handler and end the process.
    try {
      receive(data.toString(), isBinary);
    } catch (error) {
      logError(
        `[k8s-synth] a WebSocket frame could not be handled: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
  });

  const receive = (text: string, isBinary: boolean): void => {
    if (isBinary) return; // The protocol is JSON text; a binary frame has no id to answer.
    // Depth is measured before parsing, in one pass, so a deep frame costs what its bytes cost.
    const deep = jsonTextDepthProblem(text, INPUT_BUDGET.documentDepth, 'The request frame');
    if (deep) {
      const id = leadingId(text);
      if (id !== undefined) fail(id, 'invalid-input', deep);
      else logError(`[k8s-synth] dropped a WebSocket frame: ${deep}`);
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return; // Not JSON: no id to answer.
    }
    const parsed = RequestFrameSchema.safeParse(raw);
    if (!parsed.success) {
      const id = frameIdOf(raw);
      const issue = parsed.error.issues[0];
      if (id !== undefined)
        fail(
          id,
          'invalid-input',
          `Malformed request frame: ${issue?.path.join('.') || 'frame'}: ${issue?.message ?? 'invalid'}.`,
        );
      return;
    }
    const { id, name, input } = parsed.data;
    options.dispatcher.dispatch(name, input).then(
      (result) => send({ type: 'response', id, ok: true, result }),
      (error: unknown) => {
        if (error instanceof RackRequestError) fail(id, error.code, error.message);
        else fail(id, 'handler-failed', 'The request failed unexpectedly.');
      },
    );
  };
}

/** The id of a frame that starts `{"type":"request","id":N` (as our client writes it), unparsed. */
function leadingId(text: string): number | undefined {
  const match = /^\s*\{\s*"type"\s*:\s*"request"\s*,\s*"id"\s*:\s*(\d{1,15})\s*,/.exec(text.slice(0, 200));
  return match ? Number(match[1]) : undefined;
}

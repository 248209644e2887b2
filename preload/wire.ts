/**
 * The WebSocket wire protocol of web mode: JSON text frames carrying the contract's requests,
 * responses and events (server to client: one frame, or an array of the frames of one tick). Both ends parse with these schemas, so a malformed frame is an error
 * value, never a crash. Pure (zod only): the browser client and the Node server share it.
 */
import { z } from 'zod';
import { INPUT_BUDGET } from '../main/patch/input-budget';
import { EVENT_NAMES, TRANSPORT_ERROR_CODES, type EventName, type EventPayloads, type TransportErrorCode } from './contract';

/** Path of the WebSocket endpoint on the web-mode server. */
export const WS_API_PATH = '/api';

/**
 * ws closes the socket with 1009 for larger frames: a patch is kilobytes; 4 MiB is abuse, and
 * a frame is parsed on main's one thread while every other client waits.
 */
export const WS_MAX_PAYLOAD_BYTES = INPUT_BUDGET.wsFrameBytes;

/** Client → server. `name` and `input` are checked by the dispatcher, not here. */
export interface RequestFrame {
  type: 'request';
  id: number;
  name: string;
  input: unknown;
}

/** Server → client, answering the request with the same `id`. */
export type ResponseFrame =
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number; ok: false; error: { code: TransportErrorCode; message: string } };

/** Server → client, pushed to every connected client. */
export type EventFrame = { [E in EventName]: { type: 'event'; name: E; payload: EventPayloads[E] } }[EventName];

export type ServerFrame = ResponseFrame | EventFrame;

const FrameId = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const RequestFrameSchema = z
  .object({
    type: z.literal('request'),
    id: FrameId,
    name: z.string().max(200),
    input: z.unknown(),
  })
  .strict();

export const ResponseFrameSchema = z.discriminatedUnion('ok', [
  z.object({ type: z.literal('response'), id: FrameId, ok: z.literal(true), result: z.unknown() }),
  z.object({
    type: z.literal('response'),
    id: FrameId,
    ok: z.literal(false),
    error: z.object({ code: z.enum(TRANSPORT_ERROR_CODES), message: z.string() }),
  }),
]);

/** Payloads are main's own output; the client checks the envelope and trusts the payload type. */
export const EventFrameSchema = z.object({
  type: z.literal('event'),
  name: z.enum(EVENT_NAMES as [EventName, ...EventName[]]),
  payload: z.unknown(),
});

/** The frames of one message: the server sends the frames of one tick as a JSON array. */
export function framesOf(raw: unknown): unknown[] {
  return Array.isArray(raw) ? raw : [raw];
}

/** Reads the `id` of a frame that failed validation, so the error can still be answered. */
export function frameIdOf(raw: unknown): number | undefined {
  const id = (raw as { id?: unknown } | null)?.id;
  return FrameId.safeParse(id).success ? (id as number) : undefined;
}

/**
 * The one contract between the main process and the renderer: every request with the schema of
 * its input (checked in main: the renderer is untrusted) and the type of its output, and every
 * event with its payload type. Both transports (Electron IPC, WebSocket) and the renderer's client
 * are derived from this file; nothing else declares these shapes.
 */
import { z } from 'zod';
import type { CatalogEntry } from '../main/patch/catalog';
import { IdSchema, type Patch } from '../main/patch/model';
import { OpSchema, type OpSource } from '../main/patch/ops';
import type { HistoryState, PatchChange, SessionResult } from '../main/session/session';

/** Session shapes that cross the boundary, re-exported so the renderer needs only this file. */
export type { HistoryState, PatchChange, SessionResult };

/** A request: its input schema, and its output type carried as a phantom. */
export interface RequestDef<I, O> {
  input: z.ZodType<I>;
  /** Never set; only carries the output type. */
  readonly output?: O;
}
const request =
  <O>() =>
  <I>(input: z.ZodType<I>): RequestDef<I, O> => ({ input });

const none = z.object({}).strict();

/** Renderers speak for the user only: hardware, cluster and replay ops come from main itself. */
export const RENDERER_SOURCES = ['ui', 'yaml'] as const satisfies readonly OpSource[];

export interface FileState {
  /** Absolute path of the open file, or null for an untitled patch. */
  path: string | null;
  /** True when the patch differs from the file on disk. */
  dirty: boolean;
  recent: string[];
}

export interface Example {
  name: string;
  title: string;
  description: string;
}

export interface AppInfo {
  mode: 'electron' | 'web';
  version: string;
  /** True when a native file dialog is available (Electron); web mode asks for a path. */
  nativeDialogs: boolean;
}

export type LoadOutcome = { ok: true; warnings: string[]; file: FileState } | { ok: false; error: string };

export const requests = {
  'app.info': request<AppInfo>()(none),
  'catalog.get': request<CatalogEntry[]>()(none),
  'patch.get': request<{ version: number; patch: Patch }>()(none),
  'patch.apply': request<SessionResult>()(
    z.object({ op: OpSchema, source: z.enum(RENDERER_SOURCES), gesture: z.string().max(100).optional() }).strict(),
  ),
  'history.undo': request<SessionResult>()(none),
  'history.redo': request<SessionResult>()(none),
  'history.state': request<HistoryState>()(none),
  'file.state': request<FileState>()(none),
  'file.new': request<FileState>()(none),
  'file.open': request<LoadOutcome>()(z.object({ path: z.string().min(1).max(4096) }).strict()),
  /** Shows the native open dialog (Electron); resolves to null when cancelled or unavailable. */
  'file.pickOpen': request<LoadOutcome | null>()(none),
  /** Saves to `path`, or to the open file's path when omitted (errors when untitled). */
  'file.save': request<{ ok: true; file: FileState } | { ok: false; error: string }>()(
    z.object({ path: z.string().min(1).max(4096).optional() }).strict(),
  ),
  /** Shows the native save dialog (Electron); resolves to null when cancelled or unavailable. */
  'file.pickSave': request<{ ok: true; file: FileState } | { ok: false; error: string } | null>()(none),
  'file.examples': request<Example[]>()(none),
  'file.openExample': request<LoadOutcome>()(z.object({ name: IdSchema }).strict()),
} as const;

export interface Notice {
  level: 'info' | 'warning' | 'error';
  message: string;
}

export interface EventPayloads {
  'patch.changed': PatchChange;
  'history.changed': HistoryState;
  'file.changed': FileState;
  /** Something the user should read: load warnings, autosave failures, recovered work. */
  notice: Notice;
}

export type RequestName = keyof typeof requests;
export type RequestInput<K extends RequestName> = (typeof requests)[K] extends RequestDef<infer I, unknown> ? I : never;
export type RequestOutput<K extends RequestName> = (typeof requests)[K] extends RequestDef<unknown, infer O> ? O : never;
export type EventName = keyof EventPayloads;

export const REQUEST_NAMES = Object.keys(requests) as RequestName[];
export const EVENT_NAMES: readonly EventName[] = ['patch.changed', 'history.changed', 'file.changed', 'notice'];

/** What the renderer holds, whichever transport is underneath. */
export interface RackClient {
  request<K extends RequestName>(name: K, input: RequestInput<K>): Promise<RequestOutput<K>>;
  /** Calls `listener` for each event; returns the function that stops it. */
  on<E extends EventName>(name: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

/** Errors a transport reports for a request it could not serve. */
export const TRANSPORT_ERROR_CODES = ['unknown-request', 'invalid-input', 'handler-failed', 'disconnected'] as const;
export type TransportErrorCode = (typeof TRANSPORT_ERROR_CODES)[number];

export class RackRequestError extends Error {
  constructor(
    readonly code: TransportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RackRequestError';
  }
}

/** Names of the Electron IPC channels: one for requests, one for events (one prefix, as VS Code). */
export const IPC_REQUEST_CHANNEL = 'rack:request';
export const IPC_EVENT_CHANNEL = 'rack:event';

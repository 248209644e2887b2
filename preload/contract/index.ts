/**
 * The one contract between the main process and the renderer: every request with the schema of
 * its input (checked in main: the renderer is untrusted) and the type of its output, and every
 * event with its payload type. Both transports (Electron IPC, WebSocket) and the renderer's client
 * are derived from it; nothing else declares these shapes.
 *
 * Each feature writes its part in its own file of this folder (`<feature>Requests`, its event
 * payloads and names); this index assembles them and holds what the transports share. The contract
 * is types and schemas only: pure helpers the renderer shares with main are imported from their
 * own modules (the lint allow-list in eslint.config.js names them).
 */
import { AUDIO_EVENT_NAMES, audioRequests, type AudioEventPayloads } from './audio';
import { CLUSTER_EVENT_NAMES, clusterRequests, type ClusterEventPayloads } from './cluster';
import { DECK_EVENT_NAMES, deckRequests, type DeckEventPayloads } from './deck';
import { FILE_EVENT_NAMES, fileRequests, type FileEventPayloads } from './files';
import { FOLLOW_EVENT_NAMES, followRequests, type FollowEventPayloads } from './follow';
import { HARDWARE_EVENT_NAMES, hardwareRequests, type HardwareEventPayloads } from './hardware';
import { historyRequests } from './history';
import { MENU_EVENT_NAMES, type MenuEventPayloads } from './menu';
import type { RequestDef } from './request';
import { LIVE_EVENT_NAMES, liveRequests, type LiveEventPayloads } from './live';
import { SESSION_EVENT_NAMES, sessionRequests, type SessionEventPayloads } from './session';
import { SIM_EVENT_NAMES, simRequests, type SimEventPayloads } from './sim';
import { yamlRequests } from './yaml';

export type * from './audio';
export type * from './cluster';
export type * from './deck';
export type * from './files';
export type * from './follow';
export type * from './hardware';
export type * from './history';
export type * from './live';
export type * from './menu';
export type * from './session';
export type * from './sim';
export type { RequestDef };
export { RENDERER_SOURCES } from './session';

export const requests = {
  ...sessionRequests,
  ...fileRequests,
  ...simRequests,
  ...historyRequests,
  ...deckRequests,
  ...yamlRequests,
  ...hardwareRequests,
  ...audioRequests,
  ...clusterRequests,
  ...followRequests,
  ...liveRequests,
  // A new feature: its own file exporting `<feature>Requests`, spread here in one line.
} as const;

/** Every event's payload; a new feature extends this with its `<Feature>EventPayloads`. */
export interface EventPayloads
  extends
    SessionEventPayloads,
    FileEventPayloads,
    SimEventPayloads,
    DeckEventPayloads,
    HardwareEventPayloads,
    AudioEventPayloads,
    ClusterEventPayloads,
    FollowEventPayloads,
    LiveEventPayloads,
    MenuEventPayloads {}

export type RequestName = keyof typeof requests;
export type RequestInput<K extends RequestName> = (typeof requests)[K] extends RequestDef<infer I, unknown> ? I : never;
export type RequestOutput<K extends RequestName> = (typeof requests)[K] extends RequestDef<unknown, infer O> ? O : never;
export type EventName = keyof EventPayloads;

export const REQUEST_NAMES = Object.keys(requests) as RequestName[];
const eventNames = [
  ...SESSION_EVENT_NAMES,
  ...FILE_EVENT_NAMES,
  ...DECK_EVENT_NAMES,
  ...HARDWARE_EVENT_NAMES,
  ...SIM_EVENT_NAMES,
  ...AUDIO_EVENT_NAMES,
  ...CLUSTER_EVENT_NAMES,
  ...FOLLOW_EVENT_NAMES,
  ...LIVE_EVENT_NAMES,
  ...MENU_EVENT_NAMES,
  // A new feature: its `<FEATURE>_EVENT_NAMES`, spread here in one line.
] as const satisfies readonly EventName[];
/** Fails to compile when an event has a payload type but is missing from the names. */
const everyEventListed: [Exclude<EventName, (typeof eventNames)[number]>] extends [never] ? true : never = true;
void everyEventListed;
export const EVENT_NAMES: readonly EventName[] = eventNames;

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

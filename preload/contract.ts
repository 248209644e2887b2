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
// --- simulator (issue 5) ---
import { FAULT_KINDS, type SimEvent, type SimFault, type SimFrame } from '../main/sim/types';
export type { SimEvent, SimFault, SimFrame };
export { FAULT_KINDS };

/** The simulator's run state, as `sim.control` and `sim.state` report it. */
export interface SimStatus {
  running: boolean;
  /** Simulated time per real time, 0.1..10. */
  speed: number;
  /** Simulated ms since the start or the last reset. */
  time: number;
  seed: number;
}
export const SIM_SPEED_MIN = 0.1;
export const SIM_SPEED_MAX = 10;
// --- end simulator ---
// --- issue 4 (history & performances): shapes ---
import type {
  Marker,
  PerformanceInfo,
  TransportResult,
  TransportState,
  VersionInfo,
  VersionList,
} from '../main/session/history-types';
import type { PatchDiff } from '../main/session/patch-diff';
export type { Marker, PatchDiff, PerformanceInfo, TransportResult, TransportState, VersionInfo, VersionList };
export { idleTransport } from '../main/session/history-types';
// --- end issue 4 ---
// --- issue 6 (hardware): shapes ---
import type {
  GuideStatus,
  GuideStep,
  HardwareState,
  KnobPickup,
  LinkCounters,
  LinkInfo,
  LinkStatus,
  PendingEdit,
  PortInfo,
  PortScan,
} from '../main/hardware/mirror/types';
export type {
  GuideStatus,
  GuideStep,
  HardwareState,
  KnobPickup,
  LinkCounters,
  LinkInfo,
  LinkStatus,
  PendingEdit,
  PortInfo,
  PortScan,
};
export { LINK_STATUSES } from '../main/hardware/mirror/types';
/** Which case and slot a module id names (`hw-<bridgeUid>-<slot>`), for views that mark physical modules. */
export { parsePhysicalModuleId } from '../main/hardware/mirror/module-map';
/** "Pod (slot 12) LIFE": a jack as the guide and the pending list name it (one wording, main's). */
export { jackLabel as hardwareJackLabel, moduleLabel as hardwareModuleLabel } from '../main/hardware/mirror/physical';
// --- end issue 6 ---

import { CLUSTER_EVENT_NAMES, clusterRequests, type ClusterEventPayloads } from './contract-cluster';
export * from './contract-cluster';

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
  // --- simulator (issue 5) ---
  /** The run state, a full frame and the most recent events (for a view that opens late). */
  'sim.state': request<SimStatus & { frame: SimFrame; events: SimEvent[] }>()(none),
  /** Run, pause, advance one step (100 ms of simulated time), reset, or only set the speed. */
  'sim.control': request<SimStatus>()(
    z
      .object({
        action: z.enum(['run', 'pause', 'step', 'reset', 'speed']),
        speed: z.number().min(SIM_SPEED_MIN).max(SIM_SPEED_MAX).optional(),
      })
      .strict(),
  ),
  /** Injects a fault: kill a Pod, fail/restore a Node, partition/heal a Service. */
  'sim.fault': request<{ ok: true } | { ok: false; error: string }>()(
    z.object({ kind: z.enum(FAULT_KINDS), target: IdSchema }).strict(),
  ),
  /** `kubectl describe`-like text for one module; null when the patch has no such module. */
  'sim.describe': request<string | null>()(z.object({ module: IdSchema }).strict()),
  /**
   * The renderer has shown frames up to `seq`: over Electron IPC, main sends a few frames ahead of
   * the last acknowledged one and merges the rest (a hidden renderer costs main nothing more).
   * Harmless elsewhere (the WebSocket has its own backpressure).
   */
  'sim.ack': request<null>()(z.object({ seq: z.number().int().min(0) }).strict()),
  // --- end simulator ---
  // --- issue 4 (history & performances): requests ---
  /** The open document's versions, newest first (a gesture's ops as one row). */
  'history.versions': request<VersionList>()(z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict()),
  /** The patch at a version of the open document (read-only: nothing changes). */
  'history.preview': request<{ ok: true; version: number; patch: Patch } | { ok: false; error: string }>()(
    z.object({ version: z.number().int().min(0) }).strict(),
  ),
  /** Brings a version back as new ops (one undoable step). */
  'history.restore': request<SessionResult>()(z.object({ version: z.number().int().min(0) }).strict()),
  /** What differs between two versions of the open document (`to` omitted: the live patch). */
  'history.diff': request<{ ok: true; diff: PatchDiff; lines: string[] } | { ok: false; error: string }>()(
    z.object({ from: z.number().int().min(0), to: z.number().int().min(0).optional() }).strict(),
  ),
  'transport.state': request<TransportState>()(none),
  'transport.record': request<TransportResult>()(z.object({ name: z.string().max(200).optional() }).strict()),
  /** Stops recording (keeping the performance) or stops the replay. */
  'transport.stop': request<TransportResult>()(none),
  'transport.marker': request<TransportResult>()(z.object({ label: z.string().max(200).optional() }).strict()),
  /** Plays performance `id` (default: the loaded one, else the newest). */
  'transport.play': request<TransportResult>()(
    z.object({ id: z.number().int().min(1).optional(), speed: z.number().min(0.25).max(4).optional() }).strict(),
  ),
  'transport.pause': request<TransportResult>()(none),
  'transport.seek': request<TransportResult>()(z.object({ position: z.number().finite().min(0) }).strict()),
  'transport.speed': request<TransportResult>()(z.object({ speed: z.number().min(0.25).max(4) }).strict()),
  'transport.loop': request<TransportResult>()(
    z
      .object({
        loop: z
          .object({ from: z.number().finite().min(0), to: z.number().finite().min(0) })
          .strict()
          .nullable(),
      })
      .strict(),
  ),
  'performance.list': request<PerformanceInfo[]>()(none),
  'performance.rename': request<{ ok: true } | { ok: false; error: string }>()(
    z.object({ id: z.number().int().min(1), name: z.string().min(1).max(200) }).strict(),
  ),
  /** Deletes a performance and its events (refused while it is being recorded). */
  'performance.delete': request<{ ok: true } | { ok: false; error: string }>()(
    z.object({ id: z.number().int().min(1) }).strict(),
  ),
  'performance.export': request<{ ok: true; path: string } | { ok: false; error: string }>()(
    z.object({ id: z.number().int().min(1), path: z.string().min(1).max(4096) }).strict(),
  ),
  'performance.import': request<{ ok: true; performance: PerformanceInfo } | { ok: false; error: string }>()(
    z.object({ path: z.string().min(1).max(4096) }).strict(),
  ),
  // --- end issue 4 ---
  // --- issue 3 (YAML): requests ---
  /** The open file's patch as it is on disk (the YAML panel's diff base); an error when untitled or unreadable. */
  'yaml.saved': request<{ ok: true; path: string; patch: Patch } | { ok: false; error: string }>()(none),
  /**
   * Imports Kubernetes manifests (a .yaml/.yml/.json file, or a folder of them) or a
   * docker-compose file as a new untitled patch; warnings name what could not be carried over.
   */
  'yaml.import': request<{ ok: true; warnings: string[]; file: FileState } | { ok: false; error: string }>()(
    z.object({ path: z.string().min(1).max(4096) }).strict(),
  ),
  // --- end issue 3 ---
  // --- issue 6 (hardware): requests ---
  /** Links, the mirror switch, pending (ghost) edits, knob pickups and the patch guide. */
  'hardware.state': request<HardwareState>()(none),
  /** Lists the serial ports the OS knows (USB racks); a failure to list comes back as `error`. */
  'hardware.scan': request<PortScan>()(none),
  /** Opens a link to the rack on `path` (a listed port or a virtual rack's pty). */
  'hardware.connect': request<{ ok: true; link: LinkInfo } | { ok: false; error: string }>()(
    z.object({ path: z.string().min(1).max(4096) }).strict(),
  ),
  /** Closes a link (no reconnect); its modules stay on screen as ordinary modules. */
  'hardware.disconnect': request<{ ok: true } | { ok: false; error: string }>()(
    z.object({ link: z.string().min(1).max(200) }).strict(),
  ),
  /** Mirror on: rack events change the patch and lights go to the rack. Off: links stay up, nothing is applied. */
  'hardware.mirror': request<HardwareState>()(z.object({ on: z.boolean() }).strict()),
  /** Drops a pending (ghost) edit the performer will not make. */
  'hardware.cancelPending': request<HardwareState>()(z.object({ id: z.string().min(1).max(200) }).strict()),
  /** Lights the jacks to patch by hand, step by step, to reach a target patch. */
  'hardware.guideStart': request<{ ok: true; guide: GuideStatus } | { ok: false; error: string }>()(
    z
      .object({
        target: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('file'), path: z.string().min(1).max(4096) }).strict(),
          z.object({ kind: z.literal('version'), version: z.number().int().min(0) }).strict(),
          z
            .object({ kind: z.literal('performance'), id: z.number().int().min(1), position: z.number().finite().min(0) })
            .strict(),
        ]),
      })
      .strict(),
  ),
  'hardware.guideStop': request<HardwareState>()(none),
  // --- end issue 6 ---
  ...clusterRequests,
} as const;

export interface Notice {
  level: 'info' | 'warning' | 'error';
  message: string;
}

export interface EventPayloads extends ClusterEventPayloads {
  'patch.changed': PatchChange;
  'history.changed': HistoryState;
  'file.changed': FileState;
  /** Something the user should read: load warnings, autosave failures, recovered work. */
  notice: Notice;
  // --- simulator (issue 5) ---
  /** Faceplate state at display rate: a delta, or a full frame (see SimFrame). */
  'sim.frame': SimFrame;
  /** New `kubectl get events` rows, batched per frame. */
  'sim.event': { events: SimEvent[] };
  // --- end simulator ---
  // --- issue 4: the transport (record/replay) changed mode, position, speed, loop or markers ---
  'transport.changed': TransportState;
  /** Issue 6: links, mirror, pending edits or the guide changed (at most ~10 per second). */
  'hardware.changed': HardwareState;
}

export type RequestName = keyof typeof requests;
export type RequestInput<K extends RequestName> = (typeof requests)[K] extends RequestDef<infer I, unknown> ? I : never;
export type RequestOutput<K extends RequestName> = (typeof requests)[K] extends RequestDef<unknown, infer O> ? O : never;
export type EventName = keyof EventPayloads;

export const REQUEST_NAMES = Object.keys(requests) as RequestName[];
export const EVENT_NAMES: readonly EventName[] = [
  'patch.changed',
  'history.changed',
  'file.changed',
  'notice',
  /* issue 4 */ 'transport.changed',
  /* issue 6 */ 'hardware.changed',
  /* issue 5 */ 'sim.frame',
  'sim.event',
  ...CLUSTER_EVENT_NAMES,
];

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

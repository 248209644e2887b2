/**
 * Shapes of the patch history and the transport as they cross to the renderer (the contract
 * re-exports them). Pure types; main/history/ implements them on SQLite.
 */
import type { OpSource } from '../../main/patch/ops';

/** One row of the history browser: a version, or a run of versions made by one gesture. */
export interface VersionInfo {
  /** The document version after this change (0 = the document's start). */
  version: number;
  /** The first version of a gesture run (equal to `version` for a single op). */
  firstVersion: number;
  time: number;
  source: OpSource;
  kind: 'start' | 'edit' | 'undo' | 'redo';
  label: string;
}

export interface VersionList {
  /** Database id of the open document, null before its first op. */
  document: number | null;
  /** Its latest version. */
  head: number;
  versions: VersionInfo[];
}

export interface Marker {
  /** ms from the start of the performance. */
  t: number;
  label: string;
}

export interface PerformanceInfo {
  id: number;
  name: string;
  /** Wall-clock ms since the epoch. */
  created: number;
  /** ms. */
  length: number;
  eventCount: number;
  markers: Marker[];
  /** False while it is being recorded, or when a crash cut it short. */
  finished: boolean;
}

export interface TransportState {
  mode: 'idle' | 'recording' | 'playing' | 'paused';
  performance: { id: number; name: string } | null;
  /** ms into the performance when this state was taken. */
  position: number;
  length: number;
  speed: number;
  loop: { from: number; to: number } | null;
  markers: Marker[];
  /** Events played (replay) or recorded so far. */
  index: number;
  eventCount: number;
  /** Wall-clock ms when this state was taken: the UI moves the position on from here. */
  at: number;
}

/** The transport with no performance loaded, as taken at wall-clock time `at`. */
export function idleTransport(at: number): TransportState {
  return {
    mode: 'idle',
    performance: null,
    position: 0,
    length: 0,
    speed: 1,
    loop: null,
    markers: [],
    index: 0,
    eventCount: 0,
    at,
  };
}

export type TransportResult = { ok: true; state: TransportState } | { ok: false; error: string };

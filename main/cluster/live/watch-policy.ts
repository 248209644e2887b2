/**
 * The pure decisions of a list+watch: how long to wait before the next attempt after a failure
 * (exponential backoff with a cap), what a watch line means, and the status line the UI shows.
 * No I/O and no timers: list-watch.ts is the shell that acts on these.
 */

export interface Backoff {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 500, maxMs: 30_000 };

/** The wait before attempt `failures` + 1 (failures ≥ 1): base, 2×base, 4×base, ... up to max. */
export function backoffMs(failures: number, backoff: Backoff = DEFAULT_BACKOFF): number {
  if (failures <= 0) return 0;
  return Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(30, failures - 1));
}

/** The state of one kind's list+watch, as the UI shows it. */
export type WatchState = 'listing' | 'watching' | 'reconnecting' | 'stopped';

export interface WatchStatus {
  kind: string;
  state: WatchState;
  /** When the state began (ms since the epoch): "reconnecting since 14:02:10". */
  since: number;
  /** Why it is reconnecting (the last failure), one sentence. */
  error?: string;
  /** Full lists after the first: 410 Gone, the staleness watchdog, a resume that failed. */
  relists: number;
  /** Watches resumed from a resourceVersion after a failure. */
  restarts: number;
}

/** What one line of a watch stream asks the informer to do. */
export type WatchStep<T> =
  | { kind: 'upsert'; object: T; resourceVersion: string }
  | { kind: 'delete'; object: T; resourceVersion: string }
  | { kind: 'bookmark'; resourceVersion: string }
  /** 410 Gone: the resourceVersion is too old (compacted); list again. */
  | { kind: 'relist' }
  /** Any other error the server reports in the stream: resume after a backoff. */
  | { kind: 'error'; message: string }
  | { kind: 'ignore' };

interface WatchLine {
  type?: string;
  object?: { metadata?: { resourceVersion?: string }; code?: number; message?: string; reason?: string };
}

export function readWatchLine<T>(line: string): WatchStep<T> {
  let parsed: WatchLine;
  try {
    parsed = JSON.parse(line) as WatchLine;
  } catch {
    return { kind: 'ignore' };
  }
  const object = parsed.object;
  const rv = object?.metadata?.resourceVersion ?? '';
  switch (parsed.type) {
    case 'ADDED':
    case 'MODIFIED':
      return { kind: 'upsert', object: object as T, resourceVersion: rv };
    case 'DELETED':
      return { kind: 'delete', object: object as T, resourceVersion: rv };
    case 'BOOKMARK':
      return { kind: 'bookmark', resourceVersion: rv };
    case 'ERROR':
      if (object?.code === 410) return { kind: 'relist' };
      return { kind: 'error', message: object?.message ?? object?.reason ?? 'the watch reported an error' };
    default:
      return { kind: 'ignore' };
  }
}

/** "watching", "reconnecting since 14:02:10 (connect ECONNREFUSED)". */
export function describeWatch(status: Pick<WatchStatus, 'state' | 'since' | 'error'>): string {
  const at = new Date(status.since).toISOString().slice(11, 19);
  switch (status.state) {
    case 'watching':
      return 'watching';
    case 'listing':
      return `listing since ${at}`;
    case 'reconnecting':
      return `reconnecting since ${at}${status.error ? ` (${status.error})` : ''}`;
    case 'stopped':
      return 'stopped';
  }
}

/**
 * The transport: recording and replaying performances on the live Session. Recording takes the
 * patch as it is (the start snapshot) and then every change with its time from a monotonic
 * sub-millisecond clock, written to the database as it happens; replay runs the pure
 * ReplayScheduler with the Session as its target (source 'replay'; such ops are never recorded,
 * as CLAP's DONT_RECORD flag marks an echo). Export and import go through performance-file.ts.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Catalog } from '../patch/catalog';
import type { Patch } from '../patch/model';
import type { Clock } from '../session/clock';
import { patchHash } from '../session/patch-hash';
import { applyEvents, ReplayScheduler, type PerformanceEvent, type ReplayState, type TimerPort } from '../session/replay';
import type { PatchChange, Session } from '../session/session';
import type { Notice } from '../../preload/contract';
import { describeFsError } from '../files/fs-errors';
import { describeDbError, type HistoryDatabase } from './database';
import { parsePerformance, PERFORMANCE_FILE_EXTENSION, serializePerformance } from './performance-file';
import {
  idleTransport,
  type Marker,
  type PerformanceInfo,
  type TransportResult,
  type TransportState,
} from '../session/history-types';
import type { PerformanceStore } from './performance-store';
// Issue 5: the simulator follows replays.
import type { ReplayTarget } from '../session/replay';
import type { SimReplayHook } from '../simulation/sim-replay';

export interface TransportOptions {
  session: Session;
  database: HistoryDatabase;
  performances: PerformanceStore;
  catalog: Catalog;
  /** Monotonic, sub-ms: event times and replay timing. */
  clock: Clock;
  timers: TimerPort;
  /** Wall clock for dates (performance created). */
  wallNow: () => number;
  notify: (notice: Notice) => void;
  /** Replay start: make the replayed patch the open, untitled document (never the user's file). */
  startDocument: (patch: Patch) => void;
  onChange: (state: TransportState) => void;
}

const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

interface Recording {
  id: number;
  name: string;
  t0: number;
  count: number;
  markers: Marker[];
  stop: () => void;
}

export class Transport {
  private recording: Recording | undefined;
  private replay: { id: number; name: string; scheduler: ReplayScheduler; markers: Marker[] } | undefined;
  // Issue 5: the simulator follows each replay's timeline (main/simulation/sim-replay.ts); set by rack.ts.
  private simHook: SimReplayHook | undefined;
  private simFollow: ReturnType<SimReplayHook['wrap']> | undefined;

  constructor(private readonly options: TransportOptions) {
    options.database.onSwap(() => {
      if (!this.recording) return;
      this.recording.stop();
      this.recording = undefined;
      options.notify({ level: 'error', message: 'Recording stopped: the history database failed (see the message above).' });
      this.changed();
    });
  }

  state(): TransportState {
    const at = this.options.wallNow();
    const rec = this.recording;
    if (rec) {
      const position = this.options.clock.now() - rec.t0;
      return {
        mode: 'recording',
        performance: { id: rec.id, name: rec.name },
        position,
        length: position,
        speed: 1,
        loop: null,
        markers: rec.markers,
        index: rec.count,
        eventCount: rec.count,
        at,
      };
    }
    if (this.replay) {
      const s: ReplayState = this.replay.scheduler.state();
      return {
        mode: s.mode === 'stopped' ? 'idle' : s.mode,
        performance: { id: this.replay.id, name: this.replay.name },
        position: s.position,
        length: s.length,
        speed: s.speed,
        loop: s.loop,
        markers: this.replay.markers,
        index: s.index,
        eventCount: s.eventCount,
        at,
      };
    }
    return idleTransport(at);
  }

  list(): PerformanceInfo[] {
    return this.options.performances.list();
  }

  /** Starts recording from the patch as it is now. */
  record(name?: string): TransportResult {
    if (this.recording) return { ok: false, error: 'Already recording.' };
    this.stopReplay();
    const { session, performances, clock } = this.options;
    const created = this.options.wallNow();
    const title = name?.trim() || `Performance ${new Date(created).toLocaleString()}`;
    let id: number;
    try {
      id = performances.create(title, created, session.patch);
    } catch (error) {
      return { ok: false, error: `Could not start recording: ${describeDbError(error)}.` };
    }
    const rec: Recording = { id, name: title, t0: clock.now(), count: 0, markers: [], stop: () => {} };
    rec.stop = session.subscribe((change) => this.capture(rec, change));
    this.recording = rec;
    return this.ok();
  }

  /** Stops recording (the performance is kept) or stops the replay (position back to 0). */
  stop(): TransportResult {
    const rec = this.recording;
    if (rec) {
      rec.stop();
      this.recording = undefined;
      const length = this.options.clock.now() - rec.t0;
      try {
        this.options.performances.finish(rec.id, length, rec.markers, patchHash(this.options.session.patch));
      } catch (error) {
        return { ok: false, error: `The recording could not be finished: ${describeDbError(error)}.` };
      }
      return this.ok();
    }
    this.replay?.scheduler.stop();
    return this.ok();
  }

  /** Drops a marker at the current position (recording or replay). */
  marker(label?: string): TransportResult {
    const state = this.state();
    const target = this.recording ?? this.replay;
    if (!target) return { ok: false, error: 'Markers are set while recording or replaying.' };
    const marker = { t: state.position, label: label?.trim() || `Marker ${target.markers.length + 1}` };
    target.markers = [...target.markers, marker].sort((a, b) => a.t - b.t);
    const id = this.recording?.id ?? this.replay!.id;
    try {
      this.options.performances.setMarkers(id, target.markers);
    } catch (error) {
      return { ok: false, error: `The marker could not be stored: ${describeDbError(error)}.` };
    }
    return this.ok();
  }

  /** Plays performance `id` (default: the one loaded, else the newest) from where it is, at `speed` if given. */
  play(id?: number, speed?: number): TransportResult {
    if (this.recording) return { ok: false, error: 'Stop recording before playing.' };
    if (id !== undefined && id !== this.replay?.id) {
      const loaded = this.load(id);
      if (!loaded.ok) return loaded;
    }
    if (!this.replay) {
      const last = this.list()[0];
      if (!last) return { ok: false, error: 'There is no performance to play: record one first.' };
      const loaded = this.load(last.id);
      if (!loaded.ok) return loaded;
    }
    if (speed !== undefined) {
      const set = this.guard(() => this.replay!.scheduler.setSpeed(speed));
      if (!set.ok) return set;
    }
    this.replay!.scheduler.play();
    return this.ok();
  }

  pause(): TransportResult {
    this.replay?.scheduler.pause();
    return this.ok();
  }

  seek(position: number): TransportResult {
    if (!this.replay) return { ok: false, error: 'Nothing is loaded to seek in.' };
    this.replay.scheduler.seek(position);
    return this.ok();
  }

  setSpeed(speed: number): TransportResult {
    if (!this.replay) return { ok: false, error: 'Nothing is loaded to play.' };
    return this.guard(() => this.replay!.scheduler.setSpeed(speed));
  }

  setLoop(loop: { from: number; to: number } | null): TransportResult {
    if (!this.replay) return { ok: false, error: 'Nothing is loaded to loop.' };
    return this.guard(() => this.replay!.scheduler.setLoop(loop));
  }

  /** Renames performance `id`; the transport bar shows the new name when it is the loaded one. */
  rename(id: number, name: string): { ok: true } | { ok: false; error: string } {
    if (!this.options.performances.info(id)) return { ok: false, error: `There is no performance ${id}.` };
    this.options.performances.rename(id, name);
    const loaded = this.recording?.id === id ? this.recording : this.replay?.id === id ? this.replay : undefined;
    if (loaded) {
      loaded.name = name;
      this.changed();
    }
    return { ok: true };
  }

  /**
   * Deletes performance `id` with its events. One being recorded is refused (stop it first); one
   * loaded for replay is unloaded first, so the transport never plays a performance that is gone.
   */
  remove(id: number): { ok: true } | { ok: false; error: string } {
    if (this.recording?.id === id) return { ok: false, error: 'Stop the recording before deleting it.' };
    if (!this.options.performances.info(id)) return { ok: false, error: `There is no performance ${id}.` };
    try {
      if (this.replay?.id === id) {
        this.stopReplay();
        this.changed();
      }
      this.options.performances.delete(id);
    } catch (error) {
      return { ok: false, error: `Could not delete it: ${describeDbError(error)}.` };
    }
    return { ok: true };
  }

  /** Writes performance `id` to `path` (".k8sperf" appended when missing), atomically. */
  async exportTo(id: number, path: string): Promise<{ ok: true; path: string } | { ok: false; error: string }> {
    const perf = this.options.performances.load(id);
    if (!perf) return { ok: false, error: `There is no performance ${id}.` };
    const file = withExtension(resolve(path));
    const final = applyEvents(perf.start, perf.events, 0, perf.events.length, this.options.catalog);
    try {
      await writeFileAtomic(file, serializePerformance(perf, patchHash(final)));
    } catch (error) {
      return { ok: false, error: `Could not write ${basename(file)}: ${describeFsError(error)}.` };
    }
    return { ok: true, path: file };
  }

  /** Reads and checks a performance file; stores it only when every check passes. */
  async importFrom(path: string): Promise<{ ok: true; performance: PerformanceInfo } | { ok: false; error: string }> {
    const file = resolve(path);
    const name = basename(file);
    let text: string;
    try {
      const info = await stat(file);
      if (!info.isFile()) return { ok: false, error: `Could not import ${name}: it is not a file.` };
      if (info.size > MAX_IMPORT_BYTES)
        return { ok: false, error: `Could not import ${name}: it is too large to be a performance.` };
      text = await readFile(file, 'utf8');
    } catch (error) {
      return { ok: false, error: `Could not import ${name}: ${describeFsError(error)}.` };
    }
    const parsed = parsePerformance(text, this.options.catalog);
    if (!parsed.ok) return { ok: false, error: `Could not import ${name}: ${parsed.error}` };
    try {
      const id = this.options.performances.insert(parsed.performance);
      return { ok: true, performance: this.options.performances.info(id)! };
    } catch (error) {
      return { ok: false, error: `Could not store ${name}: ${describeDbError(error)}.` };
    }
  }

  dispose(): void {
    if (this.recording) this.stop();
    this.stopReplay();
  }

  private load(id: number): TransportResult {
    const perf = this.options.performances.load(id);
    if (!perf) return { ok: false, error: `There is no performance ${id}.` };
    this.stopReplay();
    const { session, catalog, clock, timers } = this.options;
    let first = true;
    const scheduler: ReplayScheduler = new ReplayScheduler({
      start: perf.start,
      events: perf.events,
      length: perf.info.length,
      catalog,
      clock,
      timers,
      target: this.followTarget(
        {
          reset: (patch) => {
            if (first) this.options.startDocument(patch);
            else session.load(patch, 'replay');
            first = false;
          },
          play: (event) => playInto(session, event),
        },
        perf.events,
        (): ReplayState => scheduler.state(),
      ),
      onState: (s) => {
        this.simFollow?.changed(s); // issue 5
        this.changed();
      },
    });
    this.replay = { id, name: perf.info.name, scheduler, markers: perf.info.markers };
    return this.ok();
  }

  /** Issue 5: lets the simulator follow replays (rack.ts passes simReplayFollower(sim)). */
  followWith(hook: SimReplayHook | undefined): void {
    this.simHook = hook;
  }

  /** Issue 5: the Session target, wrapped so the simulator steps to each event's time first. */
  private followTarget(target: ReplayTarget, events: readonly PerformanceEvent[], state: () => ReplayState): ReplayTarget {
    this.simFollow = this.simHook?.wrap(target, events, state);
    return this.simFollow?.target ?? target;
  }

  private stopReplay(): void {
    // Issue 5: the simulator goes back to its own clock.
    this.simFollow?.end();
    this.simFollow = undefined;
    this.replay?.scheduler.dispose();
    this.replay = undefined;
  }

  private capture(rec: Recording, change: PatchChange): void {
    // A replay's own ops are an echo, not a performance (CLAP's DONT_RECORD).
    if (change.source === 'replay') return;
    const t = this.options.clock.now() - rec.t0;
    const event: PerformanceEvent =
      change.kind === 'ops'
        ? { t, kind: 'ops', source: change.source, ops: change.ops }
        : { t, kind: 'reset', source: change.source, patch: change.patch };
    try {
      this.options.performances.append(rec.id, rec.count, event);
      rec.count++;
    } catch (error) {
      this.options.database.fallBackToMemory(error);
    }
  }

  private guard(fn: () => void): TransportResult {
    try {
      fn();
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    return this.ok();
  }

  private ok(): TransportResult {
    const state = this.changed();
    return { ok: true, state };
  }

  private changed(): TransportState {
    const state = this.state();
    this.options.onChange(state);
    return state;
  }
}

function playInto(session: Session, event: PerformanceEvent): void {
  if (event.kind === 'reset') {
    session.load(event.patch, 'replay');
    return;
  }
  for (const op of event.ops) session.apply(op, { source: 'replay' });
}

function withExtension(path: string): string {
  return path.toLowerCase().endsWith(PERFORMANCE_FILE_EXTENSION) ? path : `${path}${PERFORMANCE_FILE_EXTENSION}`;
}

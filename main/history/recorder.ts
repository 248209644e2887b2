/**
 * Recording a performance: the patch as it is (the start snapshot), then every change of the
 * live Session with its time from a monotonic sub-millisecond clock, written to the database as
 * it happens. A replay's own ops are never recorded (as CLAP's DONT_RECORD flag marks an echo).
 */
import type { Notice } from '../../preload/contract';
import type { Clock } from '../time/clock';
import type { DeckState } from '../../preload/contract';
import { patchHash } from '../session/patch-hash';
import type { PerformanceEvent } from './core/replay-scheduler';
import type { TimerPort } from '../time/timers';
import type { PatchChange, Session } from '../session/session';
import { describeDbError, type HistoryDatabase } from './database';
import type { PerformanceStore } from './performance-store';
import type { OpenPerformance } from './deck-types';
import type { Result } from '../patch/result';

interface Recording extends OpenPerformance {
  t0: number;
  count: number;
  stop: () => void;
}

export interface RecorderOptions {
  session: Session;
  database: HistoryDatabase;
  performances: PerformanceStore;
  /** Monotonic, sub-ms: event times. */
  clock: Clock;
  /** Wall clock for the date of the performance. */
  wallNow: () => number;
  notify: (notice: Notice) => void;
  /** The recording stopped by itself (the database failed). */
  onStopped: () => void;
  /** The event count grew (at most every COUNT_UPDATE_MS), so the transport bar's counter follows. */
  onCounted?: () => void;
  timers?: TimerPort;
}

/** How often a growing event count is announced: a 1 kHz knob stream must not flood the renderer. */
const COUNT_UPDATE_MS = 250;

export class Recorder {
  private recording: Recording | undefined;
  private countPending = false;

  constructor(private readonly options: RecorderOptions) {
    options.database.onSwap(() => {
      if (!this.recording) return;
      this.recording.stop();
      this.recording = undefined;
      options.notify({ level: 'error', message: 'Recording stopped: the history database failed (see the message above).' });
      options.onStopped();
    });
  }

  /** The performance being recorded, if any. */
  get current(): OpenPerformance | undefined {
    return this.recording;
  }

  /** The deck state while recording; undefined when not recording. */
  state(at: number): DeckState | undefined {
    const rec = this.recording;
    if (!rec) return undefined;
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

  /** Starts recording from the patch as it is now (the caller has stopped any replay). */
  start(name?: string): Result {
    if (this.recording) return { ok: false, error: 'Already recording.' };
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
    return { ok: true };
  }

  /** Stops recording and keeps the performance; undefined when not recording. */
  stop(): Result | undefined {
    const rec = this.recording;
    if (!rec) return undefined;
    rec.stop();
    this.recording = undefined;
    const length = this.options.clock.now() - rec.t0;
    try {
      this.options.performances.finish(rec.id, length, rec.markers, patchHash(this.options.session.patch));
    } catch (error) {
      return { ok: false, error: `The recording could not be finished: ${describeDbError(error)}.` };
    }
    return { ok: true };
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
      this.announceCount();
    } catch (error) {
      this.options.database.fallBackToMemory(error);
    }
  }

  private announceCount(): void {
    const { onCounted, timers } = this.options;
    if (this.countPending || !onCounted || !timers) return;
    this.countPending = true;
    timers.schedule(() => {
      this.countPending = false;
      if (this.recording) onCounted();
    }, COUNT_UPDATE_MS);
  }
}

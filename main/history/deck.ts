/**
 * The deck bar's one voice: it puts the recorder (recorder.ts) and the player (player.ts)
 * behind the deck requests, keeps them from running at once (recording stops a replay,
 * playing is refused while recording), routes markers, renames and deletes to whichever holds
 * the performance, and tells `onChange` the new state after every change. Export and import go
 * through performance-io.ts.
 */
import type { Catalog } from '../patch/catalog';
import type { Patch } from '../patch/model';
import type { Clock } from '../time/clock';
import type { TimerPort } from '../time/timers';
import type { Session } from '../session/session';
import type { Notice } from '../../preload/contract';
import { describeDbError, type HistoryDatabase } from './database';
import type { PerformanceInfo, DeckResult, DeckState } from '../../preload/contract';
import { idleDeck } from './core/deck-state';
import { exportPerformance, importPerformance } from './performance-io';
import type { PerformanceStore } from './performance-store';
import { Player } from './player';
import { Recorder } from './recorder';
import type { Result } from '../patch/result';
// The simulator follows replays.
import type { SimReplayHook } from '../sim/sim-replay';

export interface DeckOptions {
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
  onChange: (state: DeckState) => void;
}

export class Deck {
  private readonly recorder: Recorder;
  private readonly player: Player;

  constructor(private readonly options: DeckOptions) {
    this.recorder = new Recorder({ ...options, onStopped: () => this.changed(), onCounted: () => this.changed() });
    this.player = new Player({ ...options, onState: () => this.changed() });
  }

  state(): DeckState {
    const at = this.options.wallNow();
    return this.recorder.state(at) ?? this.player.state(at) ?? idleDeck(at);
  }

  list(): PerformanceInfo[] {
    return this.options.performances.list();
  }

  /** Starts recording from the patch as it is now. */
  record(name?: string): DeckResult {
    if (this.recorder.current) return { ok: false, error: 'Already recording.' };
    this.player.unload();
    return this.result(this.recorder.start(name));
  }

  /** Stops recording (the performance is kept) or stops the replay (position back to 0). */
  stop(): DeckResult {
    const stopped = this.recorder.stop();
    if (stopped) return this.result(stopped);
    this.player.stop();
    return this.ok();
  }

  /** Drops a marker at the current position (recording or replay). */
  marker(label?: string): DeckResult {
    const state = this.state();
    const target = this.recorder.current ?? this.player.current;
    if (!target) return { ok: false, error: 'Markers are set while recording or replaying.' };
    const marker = { t: state.position, label: label?.trim() || `Marker ${target.markers.length + 1}` };
    target.markers = [...target.markers, marker].sort((a, b) => a.t - b.t);
    try {
      this.options.performances.setMarkers(target.id, target.markers);
    } catch (error) {
      return { ok: false, error: `The marker could not be stored: ${describeDbError(error)}.` };
    }
    return this.ok();
  }

  /** Plays performance `id` (default: the one loaded, else the newest) from where it is, at `speed` if given. */
  play(id?: number, speed?: number): DeckResult {
    if (this.recorder.current) return { ok: false, error: 'Stop recording before playing.' };
    return this.result(this.player.play(id, speed));
  }

  pause(): DeckResult {
    this.player.pause();
    return this.ok();
  }

  seek(position: number): DeckResult {
    return this.result(this.player.seek(position));
  }

  setSpeed(speed: number): DeckResult {
    return this.result(this.player.setSpeed(speed));
  }

  setLoop(loop: { from: number; to: number } | null): DeckResult {
    return this.result(this.player.setLoop(loop));
  }

  /** Renames performance `id`; the deck bar shows the new name when it is the loaded one. */
  rename(id: number, name: string): Result {
    if (!this.options.performances.info(id)) return { ok: false, error: `There is no performance ${id}.` };
    this.options.performances.rename(id, name);
    const open = [this.recorder.current, this.player.current].find((p) => p?.id === id);
    if (open) {
      open.name = name;
      this.changed();
    }
    return { ok: true };
  }

  /**
   * Deletes performance `id` with its events. One being recorded is refused (stop it first); one
   * loaded for replay is unloaded first, so the deck never plays a performance that is gone.
   */
  remove(id: number): Result {
    if (this.recorder.current?.id === id) return { ok: false, error: 'Stop the recording before deleting it.' };
    if (!this.options.performances.info(id)) return { ok: false, error: `There is no performance ${id}.` };
    try {
      if (this.player.current?.id === id) {
        this.player.unload();
        this.changed();
      }
      this.options.performances.delete(id);
    } catch (error) {
      return { ok: false, error: `Could not delete it: ${describeDbError(error)}.` };
    }
    return { ok: true };
  }

  /** Writes performance `id` to `path` (".k8sperf" appended when missing), atomically. */
  exportTo(id: number, path: string): ReturnType<typeof exportPerformance> {
    return exportPerformance(this.options.performances, this.options.catalog, id, path);
  }

  /** Reads and checks a performance file; stores it only when every check passes. */
  importFrom(path: string): ReturnType<typeof importPerformance> {
    return importPerformance(this.options.performances, this.options.catalog, path);
  }

  /** Lets the simulator follow replays (rack.ts passes simReplayFollower(sim)). */
  followWith(hook: SimReplayHook | undefined): void {
    this.player.followWith(hook);
  }

  dispose(): void {
    if (this.recorder.current) this.stop();
    this.player.unload();
  }

  /** An outcome with the state after it (and `onChange` told), or the refusal as it is. */
  private result(outcome: Result): DeckResult {
    return outcome.ok ? this.ok() : outcome;
  }

  private ok(): DeckResult {
    return { ok: true, state: this.changed() };
  }

  private changed(): DeckState {
    const state = this.state();
    this.options.onChange(state);
    return state;
  }
}

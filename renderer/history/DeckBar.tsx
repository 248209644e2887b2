/**
 * The deck bar under the rack: record, stop, play/pause, the time display, the timeline
 * (drag to seek; markers as ticks), speed, loop and markers. Recording captures every change to
 * the patch with its time; playing drives the rack from a recorded performance.
 */
import { SpeedOptions } from '../shell/SpeedOptions';
import type { ChangeEvent } from 'react';
import { useRack } from '../store/rackStore';
import { formatTime, deckRequest, useHistoryView } from './historyStore';
import { useHistoryConnection } from './useHistoryConnection';
import { useDeckPosition } from './useDeckPosition';
import './history.css';

export const SPEEDS = [0.25, 0.5, 1, 2, 4] as const;

export function DeckBar() {
  useHistoryConnection();
  const client = useRack((s) => s.client);
  const state = useHistoryView((s) => s.deck);
  const hasPerformances = useHistoryView((s) => s.performances.length > 0);
  const position = useDeckPosition(state);
  const recording = state.mode === 'recording';
  const playing = state.mode === 'playing';
  const loaded = state.performance !== null && !recording;
  // Chosen before anything is loaded, the speed goes with the next Play.
  const speed = useHistoryView((s) => s.nextSpeed);
  const shownSpeed = loaded ? state.speed : speed;
  const changeSpeed = (value: number) => {
    useHistoryView.setState({ nextSpeed: value });
    if (loaded) send((c) => c.request('deck.speed', { speed: value }));
  };

  const send = <T extends { ok: boolean; error?: string }>(run: (c: NonNullable<typeof client>) => Promise<T>) => {
    if (client) void deckRequest(() => run(client));
  };
  const seek = (e: ChangeEvent<HTMLInputElement>) => send((c) => c.request('deck.seek', { position: Number(e.target.value) }));
  const toggleLoop = () => {
    if (state.loop) return send((c) => c.request('deck.loop', { loop: null }));
    // Loop between the first two markers when there are two, else the whole performance.
    const [a, b] = state.markers;
    const loop = a && b && b.t > a.t ? { from: a.t, to: b.t } : { from: 0, to: state.length };
    if (loop.to > loop.from) send((c) => c.request('deck.loop', { loop }));
  };

  return (
    <div className="transport" role="toolbar" aria-label="Performance transport" data-testid="transport">
      <button
        type="button"
        className={`transport__rec${recording ? ' transport__rec--on' : ''}`}
        data-testid="transport-record"
        disabled={recording || !client}
        title="Record a performance: every change from now on, with its time"
        onClick={() => send((c) => c.request('deck.record', {}))}
      >
        ● Rec
      </button>
      <button
        type="button"
        data-testid="transport-stop"
        disabled={!client || (state.mode === 'idle' && !loaded)}
        title={recording ? 'Stop recording and keep the performance' : 'Stop and rewind'}
        onClick={() => send((c) => c.request('deck.stop', {}))}
      >
        ■ Stop
      </button>
      {playing ? (
        <button type="button" data-testid="transport-pause" onClick={() => send((c) => c.request('deck.pause', {}))}>
          ❚❚ Pause
        </button>
      ) : (
        <button
          type="button"
          data-testid="transport-play"
          disabled={!client || recording || (!loaded && !hasPerformances)}
          title={loaded ? `Play ${state.performance?.name}` : 'Play the newest performance'}
          onClick={() => send((c) => c.request('deck.play', loaded ? {} : { speed }))}
        >
          ▶ Play
        </button>
      )}
      <span className="transport__time" data-testid="transport-time" aria-live="off">
        {formatTime(position)}
        {!recording && <span className="transport__length"> / {formatTime(state.length)}</span>}
      </span>
      <div className="transport__timeline">
        <input
          type="range"
          aria-label="Position"
          data-testid="transport-seek"
          min={0}
          max={Math.max(state.length, 1)}
          step={1}
          value={Math.min(position, Math.max(state.length, 1))}
          disabled={!loaded}
          onChange={seek}
        />
        {state.loop && state.length > 0 && (
          <span
            className="transport__loop-region"
            style={{
              left: `${(state.loop.from / state.length) * 100}%`,
              width: `${((state.loop.to - state.loop.from) / state.length) * 100}%`,
            }}
          />
        )}
        {state.length > 0 &&
          state.markers.map((m) => (
            <span
              key={`${m.t}-${m.label}`}
              className="transport__marker"
              style={{ left: `${(m.t / state.length) * 100}%` }}
              title={`${m.label} at ${formatTime(m.t)}`}
              data-testid="transport-marker"
            />
          ))}
      </div>
      <button
        type="button"
        data-testid="transport-add-marker"
        disabled={state.mode === 'idle' && !loaded}
        title="Drop a marker here"
        onClick={() => send((c) => c.request('deck.marker', {}))}
      >
        + Marker
      </button>
      <button
        type="button"
        data-testid="transport-loop"
        aria-pressed={state.loop !== null}
        className={state.loop ? 'transport__toggle--on' : undefined}
        disabled={!loaded}
        title="Loop between the first two markers (or the whole performance)"
        onClick={toggleLoop}
      >
        ⟳ Loop
      </button>
      <label className="transport__speed">
        Speed
        <select
          data-testid="transport-speed"
          value={shownSpeed}
          disabled={recording}
          onChange={(e) => changeSpeed(Number(e.target.value))}
        >
          <SpeedOptions speeds={SPEEDS} />
        </select>
      </label>
      <span className="transport__name" data-testid="transport-name">
        {recording ? `Recording · ${state.eventCount} events` : (state.performance?.name ?? 'No performance loaded')}
      </span>
    </div>
  );
}

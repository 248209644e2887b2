/**
 * The record/replay deck's state as the renderer shows it (the contract re-exports these types),
 * and the state of a deck with nothing loaded, which main and the renderer both start from.
 */

export interface Marker {
  /** ms from the start of the performance. */
  t: number;
  label: string;
}

export interface DeckState {
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
export function idleDeck(at: number): DeckState {
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

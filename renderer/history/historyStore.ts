/**
 * The renderer's view of the patch history and the deck: the version list of the open
 * document (refetched shortly after changes), the performance list, and the deck state
 * (pushed by main as 'deck.changed'). Main owns all of it; this is a mirror.
 */
import { create } from 'zustand';
import { idleDeck } from '../../main/history/core/deck-state';
import { Debounce } from '../../main/time/debounce';
import { systemTimers } from '../../main/time/timers';
import { type PerformanceInfo, type RackClient, type DeckState, type VersionList } from '../../preload/contract';
import { notify } from '../store/rackStore';

export interface HistoryViewState {
  versions: VersionList;
  performances: PerformanceInfo[];
  deck: DeckState;
  /** The speed picked while nothing is loaded: the next Play uses it. */
  nextSpeed: number;
}

const idle: DeckState = idleDeck(0);

export const useHistoryView = create<HistoryViewState>(() => ({
  versions: { document: null, head: 0, versions: [] },
  performances: [],
  deck: idle,
  nextSpeed: 1,
}));

/**
 * The list is refetched once changes pause this long, and at least this often while they go on
 * (a knob stream from the rack would otherwise refetch 200 versions four times a second).
 */
const REFRESH_QUIET_MS = 250;
const REFRESH_MAX_MS = 2000;

/** Follows main's history and deck; returns the function that stops. */
export function connectHistory(client: RackClient): () => void {
  let lastMode = useHistoryView.getState().deck.mode;
  const refreshVersions = () => {
    void client.request('history.versions', { limit: 200 }).then((versions) => useHistoryView.setState({ versions }));
  };
  const refresh = new Debounce(refreshVersions, {
    quietMs: REFRESH_QUIET_MS,
    maxWaitMs: REFRESH_MAX_MS,
    clock: { now: () => performance.now() },
    timers: systemTimers,
  });
  const refreshPerformances = () =>
    void client.request('performance.list', {}).then((performances) => useHistoryView.setState({ performances }));
  const disposers = [
    client.on('patch.changed', () => refresh.request()),
    client.on('deck.changed', (deck) => {
      useHistoryView.setState({ deck });
      // A recording that stops is a new entry in the list.
      if (deck.mode !== lastMode) refreshPerformances();
      lastMode = deck.mode;
    }),
  ];
  refreshVersions();
  refreshPerformances();
  void client.request('deck.state', {}).then((deck) => useHistoryView.setState({ deck }));
  return () => {
    refresh.dispose();
    disposers.forEach((d) => d());
  };
}

/** Sends a deck request and shows a refusal as a notice. */
export async function deckRequest<T extends { ok: boolean; error?: string }>(run: () => Promise<T>): Promise<T | undefined> {
  try {
    const result = await run();
    if (!result.ok && result.error) notify('error', result.error);
    return result;
  } catch (error) {
    notify('error', error instanceof Error ? error.message : String(error));
    return undefined;
  }
}

/** "1:02.345": minutes, seconds and milliseconds of a performance time. */
export function formatTime(ms: number): string {
  const total = Math.max(0, ms);
  const minutes = Math.floor(total / 60_000);
  const seconds = (total % 60_000) / 1000;
  return `${minutes}:${seconds.toFixed(3).padStart(6, '0')}`;
}

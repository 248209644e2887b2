/**
 * The record/replay deck: record every change with its time, markers, play a performance back at
 * a speed with seek and loop; and the performances kept in the history (list, rename, delete,
 * export and import as `.k8sperf` files).
 */
import type { Result } from '../../main/patch/result';
import { z } from 'zod';
import type { Marker, DeckState } from '../../main/history/core/deck-state';
import { MAX_SPEED, MIN_SPEED } from '../../main/history/core/replay-scheduler';
import { none, PathSchema, request } from './request';

export type { Marker, DeckState };

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

export type DeckResult = Result<{ state: DeckState }>;

const PerformanceId = z.number().int().min(1);
const ReplaySpeed = z.number().min(MIN_SPEED).max(MAX_SPEED);

export const deckRequests = {
  'deck.state': request<DeckState>()(none),
  'deck.record': request<DeckResult>()(z.object({ name: z.string().max(200).optional() }).strict()),
  /** Stops recording (keeping the performance) or stops the replay. */
  'deck.stop': request<DeckResult>()(none),
  'deck.marker': request<DeckResult>()(z.object({ label: z.string().max(200).optional() }).strict()),
  /** Plays performance `id` (default: the loaded one, else the newest). */
  'deck.play': request<DeckResult>()(z.object({ id: PerformanceId.optional(), speed: ReplaySpeed.optional() }).strict()),
  'deck.pause': request<DeckResult>()(none),
  'deck.seek': request<DeckResult>()(z.object({ position: z.number().finite().min(0) }).strict()),
  'deck.speed': request<DeckResult>()(z.object({ speed: ReplaySpeed }).strict()),
  'deck.loop': request<DeckResult>()(
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
  'performance.rename': request<Result>()(z.object({ id: PerformanceId, name: z.string().min(1).max(200) }).strict()),
  /** Deletes a performance and its events (refused while it is being recorded). */
  'performance.delete': request<Result>()(z.object({ id: PerformanceId }).strict()),
  'performance.export': request<Result<{ path: string }>>()(z.object({ id: PerformanceId, path: PathSchema }).strict()),
  'performance.import': request<Result<{ performance: PerformanceInfo }>>()(z.object({ path: PathSchema }).strict()),
} as const;

export interface DeckEventPayloads {
  /** The deck changed mode, position, speed, loop or markers. */
  'deck.changed': DeckState;
}

export const DECK_EVENT_NAMES = ['deck.changed'] as const satisfies readonly (keyof DeckEventPayloads)[];

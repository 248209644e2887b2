/**
 * The sound's part of the contract: the output's state (device, rate, block, latency, or why it
 * is silent), master volume and mute, the AUDIO OUT meters, and Export audio. Assembled in index.ts.
 */
import { z } from 'zod';
import { none, PathSchema, request } from './request';

/** What the top bar and the AUDIO OUT inspector show. */
export interface AudioStatus {
  /** off: nothing patched into an AUDIO OUT yet; playing: a device plays; silent: it cannot (see reason). */
  state: 'off' | 'playing' | 'silent';
  reason?: string;
  device?: string;
  hostApi?: string;
  sampleRate?: number;
  blockSize?: number;
  /** The block's own latency (block / rate) and what the device adds, in ms. */
  blockLatencyMs?: number;
  outputLatencyMs?: number;
  /** Master volume 0..1 and mute. */
  volume: number;
  muted: boolean;
  /** Underruns since the output opened. */
  underruns: number;
}

/** Peak levels 0..1 per AUDIO OUT module, [left, right]. */
export interface AudioMeters {
  levels: Record<string, [number, number]>;
}

export const audioRequests = {
  'audio.state': request<AudioStatus>()(none),
  'audio.master': request<AudioStatus>()(
    z.object({ volume: z.number().min(0).max(1).optional(), muted: z.boolean().optional() }).strict(),
  ),
  /** Renders performance `id` (replayed onto the simulator from its seed) to a WAV at `path`. */
  'performance.exportAudio': request<{ ok: true; path: string; seconds: number } | { ok: false; error: string }>()(
    z
      .object({
        id: z.number().int().min(1),
        path: PathSchema,
        rate: z.number().int().min(8000).max(192000).optional(),
      })
      .strict(),
  ),
} as const;

export interface AudioEventPayloads {
  'audio.changed': AudioStatus;
  /** About 20 times a second while something sounds. */
  'audio.meters': AudioMeters;
}

export const AUDIO_EVENT_NAMES = ['audio.changed', 'audio.meters'] as const;

/**
 * A performance file or a stored performance to a WAV on disk: what `k8s-synth render` and the
 * History tab's Export audio share. Checks everything before rendering, writes atomically, and
 * reports failures as one sentence naming what is wrong and what to do.
 */
import { basename, resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { describeFsError } from '../files/fs-errors';
import type { Catalog } from '../patch/catalog';
import { loadNativeAudio } from './native-audio';
import { renderPerformance, type RenderInput } from './offline-render';

export const MIN_RATE = 8000;
export const MAX_RATE = 192_000;

export type ExportResult =
  { ok: true; path: string; seconds: number; renderMs: number; voices: number } | { ok: false; error: string };

/** Renders `input` at `rate` into `path` (".wav" appended when missing). */
export async function exportAudio(
  input: RenderInput,
  catalog: Catalog,
  path: string,
  options: { rate?: number; onProgress?: (fraction: number) => void } = {},
): Promise<ExportResult> {
  const rate = options.rate ?? 48000;
  if (!Number.isInteger(rate) || rate < MIN_RATE || rate > MAX_RATE)
    return {
      ok: false,
      error: `The sample rate ${rate} is not supported: use a whole number of Hz from ${MIN_RATE} to ${MAX_RATE}.`,
    };
  const load = loadNativeAudio();
  if (!load.ok) return { ok: false, error: `Audio cannot be rendered: ${load.reason}.` };
  const file = /\.wav$/i.test(path) ? resolve(path) : resolve(`${path}.wav`);
  const began = performance.now();
  const { wav, durationMs, voices } = renderPerformance(load.addon, input, catalog, { rate, onProgress: options.onProgress });
  const renderMs = performance.now() - began;
  try {
    await writeFileAtomic(file, wav);
  } catch (error) {
    return { ok: false, error: `Could not write ${basename(file)}: ${describeFsError(error)}.` };
  }
  return { ok: true, path: file, seconds: durationMs / 1000, renderMs, voices: voices.length };
}

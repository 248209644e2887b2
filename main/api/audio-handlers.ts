/**
 * The sound's requests (`audio.*`, `performance.exportAudio`). Inputs are already validated by
 * the dispatcher against preload/contract/audio.ts.
 */
import { exportAudio } from '../audio/export-audio';
import type { AudioService } from '../audio/audio-service';
import type { AttachedHistory } from '../history/history-service';
import type { Catalog } from '../patch/catalog';
import type { Handlers } from './dispatcher';

export function createAudioHandlers(deps: { audio: AudioService; history: AttachedHistory | undefined; catalog: Catalog }) {
  const { audio, history, catalog } = deps;
  return {
    'audio.state': () => audio.state(),
    'audio.master': (change) => audio.setMaster(change),
    'performance.exportAudio': async ({ id, path, rate }) => {
      if (!history)
        return { ok: false as const, error: 'Performances are not available in this run (the history could not be opened).' };
      const perf = history.performances.load(id);
      if (!perf) return { ok: false as const, error: `There is no performance ${id}.` };
      const result = await exportAudio({ start: perf.start, events: perf.events, length: perf.info.length }, catalog, path, {
        rate,
      });
      return result.ok ? { ok: true as const, path: result.path, seconds: result.seconds } : result;
    },
  } satisfies Partial<Handlers>;
}

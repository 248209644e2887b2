/**
 * The patch a guide leads to: a .k8spatch file, a version of the open document's history, or a
 * recorded performance at a position (its start patch with the events up to that moment).
 */
import type { Result } from '../patch/result';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { RequestInput } from '../../preload/contract';
import { describeFsError } from '../files/fs-errors';
import type { AttachedHistory } from '../history/history-service';
import type { Catalog } from '../patch/catalog';
import { parsePatchFile } from '../patch/file';
import type { Patch } from '../patch/model';
import { applyEvents, firstAfter } from '../history/core/replay-scheduler';

export type GuideTarget = RequestInput<'hardware.guideStart'>['target'];
export type TargetPatch = Result<{ patch: Patch; name: string }>;

export async function loadGuideTarget(
  target: GuideTarget,
  catalog: Catalog,
  history: AttachedHistory | undefined,
): Promise<TargetPatch> {
  switch (target.kind) {
    case 'file': {
      const path = resolve(target.path);
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        return { ok: false, error: `Could not read ${basename(path)} for the guide: ${describeFsError(error)}.` };
      }
      const parsed = parsePatchFile(text, catalog);
      if (!parsed.ok) return { ok: false, error: `Could not read ${basename(path)} for the guide: ${parsed.error}` };
      return { ok: true, patch: parsed.document.patch, name: basename(path) };
    }
    case 'version': {
      if (!history) return { ok: false, error: 'The patch history is off (SQLite could not load): guide to a file instead.' };
      const patch = history.store.patchAt(target.version);
      if (!patch) return { ok: false, error: `The open patch has no version ${target.version}: pick one from the history list.` };
      return { ok: true, patch, name: `version ${target.version}` };
    }
    case 'performance': {
      if (!history) return { ok: false, error: 'The patch history is off (SQLite could not load): guide to a file instead.' };
      const perf = history.performances.load(target.id);
      if (!perf) return { ok: false, error: `There is no performance ${target.id}: pick one from the performances list.` };
      const patch = applyEvents(perf.start, perf.events, 0, firstAfter(perf.events, target.position), catalog);
      return { ok: true, patch, name: `${perf.info.name} at ${formatPosition(target.position)}` };
    }
  }
}

/** "1:02.5" for 62 500 ms. */
function formatPosition(ms: number): string {
  const seconds = ms / 1000;
  const minutes = Math.floor(seconds / 60);
  const rest = (seconds - minutes * 60).toFixed(1).padStart(4, '0');
  return `${minutes}:${rest}`;
}

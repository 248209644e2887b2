/**
 * The audio tests' fixtures: the native-audio addon (CI must have it: a missing build fails there
 * and skips locally with the reason printed), the shipped demo performance, and a way to hear only
 * some modules of it (the other sound cables pulled).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadNativeAudio, type NativeAudio } from '../../main/audio/native-audio';
import { AUDIO_JACK } from '../../main/audio/routing';
import type { RenderInput } from '../../main/audio/offline-render';
import { parsePerformance } from '../../main/history/performance-file';
import type { Catalog } from '../../main/patch/catalog';

export const REPO = join(import.meta.dirname, '..', '..');
export const DEMO_FILE = join(REPO, 'resources', 'examples', 'hello-web.k8sperf');

export const isCi = process.env.CI === '1' || process.env.CI === 'true';

/** The addon, or undefined with the reason printed (throws under CI, where it must exist). */
export function addonOrSkip(what: string): NativeAudio | undefined {
  const load = loadNativeAudio();
  if (load.ok) return load.addon;
  if (isCi) throw new Error(`${what}: ${load.reason}`);
  console.warn(`[skip] ${what}: ${load.reason}`);
  return undefined;
}

export function demoPerformance(catalog: Catalog): RenderInput {
  const parsed = parsePerformance(readFileSync(DEMO_FILE, 'utf8'), catalog);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.performance;
}

/** `input` with only `modules`' sound cables left in its starting patch (and none in its events). */
export function hearOnly(input: RenderInput, modules: string[], extra: (c: { id: string }) => boolean = () => true): RenderInput {
  const keep = (c: { from: { module: string; jack: string } }) => c.from.jack !== AUDIO_JACK || modules.includes(c.from.module);
  return {
    ...input,
    start: { ...input.start, cables: input.start.cables.filter((c) => keep(c) && extra(c)) },
    events: input.events.map((e) =>
      e.kind === 'ops'
        ? {
            ...e,
            ops: e.ops.map((op) =>
              op.type === 'batch' ? { ...op, ops: op.ops.filter((o) => o.type !== 'connect' || keep(o.cable)) } : op,
            ),
          }
        : e,
    ),
  };
}

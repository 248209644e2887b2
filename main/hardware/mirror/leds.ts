/**
 * The simulator's lights on the physical modules' LEDs. A frame's lights are 0..1 keyed
 * `module/light`; a module's LEDs are numbered as leds(def) lists them (a bargraph's segments
 * from the bottom, lit as a fill). Only what changed since the last send goes out: one set-leds
 * per module, covering the changed range (the link layer rate-limits and keeps the newest).
 */
import type { Catalog } from '../../patch/catalog';
import type { Patch } from '../../patch/model';
import type { SetLedsMessage } from '../codec/messages';
import { leds, parsePhysicalModuleId } from './module-map';

/** The protocol's cap on one set-leds (SET_LEDS_MAX_LEVELS in the codec). */
const MAX_LEVELS = 48;

/** LED level 0..255 of one wire LED: a plain light's brightness, or a bargraph segment's share of the fill. */
export function ledLevel(value: number, segment: number, segments: number): number {
  const fill = segments === 1 ? value : value * segments - segment;
  return Math.round(Math.min(Math.max(fill, 0), 1) * 255);
}

/** Each physical module's LED levels (wire order), keyed by module id, for one case. */
export function moduleLedLevels(
  patch: Patch,
  catalog: Catalog,
  bridgeUid: string,
  lights: Readonly<Record<string, number>>,
): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const m of patch.modules) {
    if (parsePhysicalModuleId(m.id)?.bridgeUid !== bridgeUid) continue;
    const def = catalog.get(m.type);
    if (!def) continue;
    const segments = new Map(def.lights.map((l) => [l.id, l.segments]));
    out.set(
      m.id,
      leds(def).map(({ light, segment }) => ledLevel(lights[`${m.id}/${light}`] ?? 0, segment, segments.get(light) ?? 1)),
    );
  }
  return out;
}

/**
 * set-leds commands for what differs from `sent` (levels last sent per module id; a module not
 * in it was never sent, so everything goes). Returns the commands and the new `sent`.
 */
export function ledCommands(
  levels: ReadonlyMap<string, number[]>,
  sent: ReadonlyMap<string, readonly number[]>,
): { commands: SetLedsMessage[]; sent: Map<string, number[]> } {
  const commands: SetLedsMessage[] = [];
  const next = new Map<string, number[]>();
  for (const [id, now] of levels) {
    next.set(id, now);
    const before = sent.get(id);
    const changed = now.flatMap((level, i) => (before?.[i] === level ? [] : [i]));
    if (changed.length === 0) continue;
    const slot = parsePhysicalModuleId(id)!.slot;
    for (let first = changed[0]!; first <= changed.at(-1)!; first += MAX_LEVELS) {
      const last = Math.min(changed.at(-1)!, first + MAX_LEVELS - 1);
      commands.push({ kind: 'set-leds', slot, first, levels: now.slice(first, last + 1) });
    }
  }
  return { commands, sent: next };
}

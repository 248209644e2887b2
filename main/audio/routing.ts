/**
 * Which modules are heard, and where: only a module whose AUDIO output is patched into an AUDIO
 * OUT module's L or R input sounds, at that input's level knob. Each AUDIO OUT is one bus of the
 * engine (its own meter), in patch order. Pure.
 */
import type { Patch } from '../patch/model';
import { MAX_BUSES, type Route } from './voices';

export const AUDIO_OUT_TYPE = 'audio-out';
/** Every module's voice leaves through its output jack of this id. */
export const AUDIO_JACK = 'audio';
export const LEFT_IN = 'left';
export const RIGHT_IN = 'right';
export const LEVEL_L = 'level-l';
export const LEVEL_R = 'level-r';
export const DEFAULT_LEVEL = 0.8;

export interface Routing {
  /** The route of each module that is heard. */
  routes: Map<string, Route>;
  /** The AUDIO OUT modules, by bus (meters come back in this order). */
  outputs: string[];
}

/** The routes of `patch`. A module patched into several AUDIO OUTs is heard on the first (by bus order). */
export function computeRouting(patch: Patch): Routing {
  const outputs = patch.modules
    .filter((m) => m.type === AUDIO_OUT_TYPE)
    .map((m) => m.id)
    .slice(0, MAX_BUSES);
  const bus = new Map(outputs.map((id, i) => [id, i]));
  const levels = new Map(
    patch.modules
      .filter((m) => bus.has(m.id))
      .map((m) => [m.id, { l: m.params[LEVEL_L] ?? DEFAULT_LEVEL, r: m.params[LEVEL_R] ?? DEFAULT_LEVEL }]),
  );
  const routes = new Map<string, Route>();
  for (const cable of patch.cables) {
    const b = bus.get(cable.to.module);
    if (b === undefined || cable.from.jack !== AUDIO_JACK) continue;
    const side = cable.to.jack === LEFT_IN ? 'l' : cable.to.jack === RIGHT_IN ? 'r' : undefined;
    if (!side) continue;
    const level = levels.get(cable.to.module)!;
    const route = routes.get(cable.from.module) ?? { bus: b, gainL: 0, gainR: 0 };
    if (route.bus !== b) continue;
    if (side === 'l') route.gainL = level.l;
    else route.gainR = level.r;
    routes.set(cable.from.module, route);
  }
  return { routes, outputs };
}

/**
 * The voices of the engine (resources/audio/SOUND.md) and how a voice event crosses to the addon:
 * a Float64Array of EVENT_FIELDS numbers per event, in the order of native-audio/src/event.h.
 */

/** Voice numbers, as native-audio/src/event.h numbers them. */
export const Voice = {
  tick: 0,
  heartbeat: 1,
  podStart: 2,
  podReady: 3,
  podCrash: 4,
  podRestart: 5,
  schedule: 6,
  request: 7,
  requestError: 8,
  reconcile: 9,
  drone: 10,
  tone: 11,
} as const;
export type VoiceKind = (typeof Voice)[keyof typeof Voice];

/** Buses the engine mixes (one per AUDIO OUT module, its meter) and drone slots. */
export const MAX_BUSES = 8;
export const MAX_DRONES = 32;
export const EVENT_FIELDS = 8;

/** One sound, at simulated time `t` (ms), from module `module`. */
export interface VoiceEvent {
  t: number;
  voice: VoiceKind;
  module: string;
  pitch: number;
  amp: number;
  /** Voice-specific: the drone slot, a tone's length in seconds. */
  param: number;
}

/** Where a module's sound goes: the AUDIO OUT's bus and its L/R levels. */
export interface Route {
  bus: number;
  gainL: number;
  gainR: number;
}

/** A routed event, at engine frame `frame`. */
export interface EngineEvent {
  frame: number;
  voice: VoiceKind;
  route: Route;
  pitch: number;
  amp: number;
  param: number;
}

/** Packs events for the addon (render/push). */
export function packEvents(events: readonly EngineEvent[]): Float64Array {
  const out = new Float64Array(events.length * EVENT_FIELDS);
  events.forEach((e, i) => {
    out.set([e.frame, e.voice, e.route.bus, e.route.gainL, e.route.gainR, e.pitch, e.amp, e.param], i * EVENT_FIELDS);
  });
  return out;
}

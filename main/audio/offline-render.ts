/**
 * The offline render: a performance replayed onto the simulator from its seed, step by step,
 * its sounds rendered by the addon into a WAV. The same stepping as a replay in the app
 * (sim-replay.ts): the simulator steps up to each event's time, then the event changes the patch,
 * so the same performance always gives the same steps, the same voice events and (the engine
 * being deterministic) the same bytes.
 */
import type { Catalog } from '../patch/catalog';
import type { Patch } from '../patch/model';
import { applyEvent, type PerformanceEvent } from '../history/core/replay-scheduler';
import { Simulator } from '../sim/core/simulator';
import type { NativeAudio } from './native-audio';
import { computeRouting } from './routing';
import { Sonifier } from './sonify';
import { packEvents, type EngineEvent, type VoiceEvent } from './voices';
import { encodeWav } from './wav';

/** Sound keeps ringing after the last event: the take ends this long after it. */
export const RENDER_TAIL_MS = 2000;
export const DEFAULT_RATE = 48000;
/** The seed the app's simulator runs with (SimService's default), so a render sounds like the replay. */
export const RENDER_SEED = 1;

export interface RenderInput {
  start: Patch;
  events: readonly PerformanceEvent[];
  /** The performance's length (ms); the render covers max(length, last event) + tail. */
  length: number;
}

export interface RoutedEvent extends VoiceEvent {
  bus: number;
  gainL: number;
  gainR: number;
}

/**
 * Replays `input` onto a fresh simulator and collects the heard voice events (only modules
 * patched into an AUDIO OUT). `onProgress` gets the fraction of simulated time done.
 */
export function performanceVoices(
  input: RenderInput,
  catalog: Catalog,
  options: { seed?: number; onProgress?: (fraction: number) => void } = {},
): { voices: RoutedEvent[]; durationMs: number } {
  let patch = input.start;
  const sim = new Simulator(patch, catalog, { seed: options.seed ?? RENDER_SEED });
  const sonifier = new Sonifier();
  sonifier.setPatch(patch);
  let routing = computeRouting(patch);
  const lastEvent = input.events.length ? input.events[input.events.length - 1]!.t : 0;
  const durationMs = Math.max(input.length, lastEvent) + RENDER_TAIL_MS;
  const voices: RoutedEvent[] = [];
  const stepMs = sim.config.stepMs;
  let origin = 0;
  let reported = -1;
  const stepTo = (ms: number) => {
    const steps = Math.floor((ms - origin - sim.time) / stepMs);
    for (let i = 0; i < steps; i++) {
      const time = sim.time;
      const events = sim.step();
      for (const v of sonifier.observe({ time, stepMs, events, states: sim.states })) {
        const route = routing.routes.get(v.module);
        if (route) voices.push({ ...v, t: v.t + origin, ...route });
      }
      const done = Math.floor(((origin + sim.time) / durationMs) * 100);
      if (done !== reported) options.onProgress?.(Math.min(1, (reported = done) / 100));
    }
  };
  const follow = (next: Patch) => {
    patch = next;
    sim.setPatch(patch);
    sonifier.setPatch(patch);
    routing = computeRouting(patch);
  };
  for (const event of input.events) {
    stepTo(event.t);
    follow(applyEvent(patch, event, catalog));
    // A recorded document change is a new cluster, from time 0 (as the Session's reset does live).
    if (event.kind === 'reset') {
      sim.reset();
      origin = event.t;
    }
  }
  stepTo(durationMs);
  return { voices, durationMs };
}

/** Engine events at `rate` from routed voice events. */
export function toEngineEvents(voices: readonly RoutedEvent[], rate: number): EngineEvent[] {
  return voices.map((v) => ({
    frame: Math.round((v.t * rate) / 1000),
    voice: v.voice,
    route: { bus: v.bus, gainL: v.gainL, gainR: v.gainR },
    pitch: v.pitch,
    amp: v.amp,
    param: v.param,
  }));
}

/** The whole take as WAV bytes. */
export function renderPerformance(
  addon: NativeAudio,
  input: RenderInput,
  catalog: Catalog,
  options: { rate?: number; onProgress?: (fraction: number) => void } = {},
): { wav: Buffer; durationMs: number; voices: RoutedEvent[] } {
  const rate = options.rate ?? DEFAULT_RATE;
  const { voices, durationMs } = performanceVoices(input, catalog, { onProgress: options.onProgress });
  const frames = Math.ceil((durationMs * rate) / 1000);
  const pcm = addon.render(packEvents(toEngineEvents(voices, rate)), frames, rate, 1);
  return { wav: encodeWav(pcm, rate), durationMs, voices };
}

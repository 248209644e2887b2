/**
 * Telemetry to sound (resources/audio/SOUND.md): each simulated step's events and module states
 * become voice events. Pure and deterministic: the same steps give the same sounds, whether they
 * come from the live simulator, a replay or the offline render, because all of them step the same
 * simulator and hand its steps here. Pitch jitter comes from a hash of the module and its
 * counter, never from a clock or Math.random.
 */
import type { Patch } from '../patch/model';
import type { SimEvent } from '../sim/core/types';
import type { ModuleStates } from '../sim/core/world';
import { MAX_DRONES, Voice, type VoiceEvent } from './voices';

/** One simulator step as the sonifier sees it: when it began, its events, the states after it. */
export interface TelemetryStep {
  time: number;
  stepMs: number;
  events: readonly SimEvent[];
  states: Readonly<ModuleStates>;
}

/** etcd ticks: a base pitch and the jitter around it, in semitones (SOUND.md). */
export const TICK_HZ = 1760;
export const TICK_JITTER_SEMITONES = 2;
/** A Pod's voice sits on a pentatonic degree picked by its id, so two Pods are told apart. */
const PENTATONIC = [0, 2, 4, 7, 9];
/** Bursts are capped per step so a storm stays a texture, not a wall. */
const MAX_TICKS_PER_STEP = 6;
const MAX_CLICKS_PER_STEP = 4;
const MAX_ERRORS_PER_STEP = 2;
const HEARTBEAT_MS = 1000;
/** A drone is updated when its load moves this much, or at least this often. */
const DRONE_EPSILON = 0.01;
const DRONE_REFRESH_MS = 250;
const DEFAULT_CAPACITY_M = 2000;

const CRASH_REASONS = new Set(['Killed', 'Evicted', 'NodeNotReady']);

/** FNV-1a of a string and a number: the deterministic source of jitter and pitch choices. */
export function hash32(text: string, n: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (n & 0xffff), 0x01000193);
  h = Math.imul(h ^ (n >>> 16), 0x01000193);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) >>> 0;
}

/** The tick pitch of write number `revision` of etcd `id`: TICK_HZ jittered by up to ± the jitter. */
export function tickPitch(id: string, revision: number): number {
  const u = hash32(id, revision) / 0x100000000;
  return TICK_HZ * 2 ** (((u * 2 - 1) * TICK_JITTER_SEMITONES) / 12);
}

function podPitch(id: string, base: number): number {
  return base * 2 ** (PENTATONIC[hash32(id, 0) % PENTATONIC.length]! / 12);
}

interface Last {
  revision: Map<string, number>;
  served: Map<string, number>;
  errors: Map<string, number>;
  reconciles: Map<string, number>;
  phase: Map<string, string>;
  drone: Map<string, { util: number; at: number }>;
}

const fresh = (): Last => ({
  revision: new Map(),
  served: new Map(),
  errors: new Map(),
  reconciles: new Map(),
  phase: new Map(),
  drone: new Map(),
});

export class Sonifier {
  private last = fresh();
  private lastTime = -1;
  private capacities = new Map<string, number>();
  private droneSlots = new Map<string, number>();

  /** Learns what the patch says about sound (a Node's capacity for its drone). */
  setPatch(patch: Patch): void {
    this.capacities = new Map(
      patch.modules.filter((m) => m.type === 'node').map((m) => [m.id, m.params.capacity ?? DEFAULT_CAPACITY_M]),
    );
  }

  /** The drone slot of Node `id` (stable for the sonifier's life). */
  droneSlot(id: string): number {
    let slot = this.droneSlots.get(id);
    if (slot === undefined) this.droneSlots.set(id, (slot = this.droneSlots.size % MAX_DRONES));
    return slot;
  }

  /** The voice events of one step, in time order within it. */
  observe(step: TelemetryStep): VoiceEvent[] {
    // Time going back is a reset: a new cluster, every counter from zero.
    if (step.time < this.lastTime) this.last = fresh();
    this.lastTime = step.time;
    const out: VoiceEvent[] = [];
    const { time, stepMs, states } = step;
    for (const e of step.events) this.fromEvent(e, out);
    for (const [id, s] of states.pods) {
      const before = this.last.phase.get(id);
      if (s.phase === 'Ready' && before !== undefined && before !== 'Ready')
        out.push({ t: time, voice: Voice.podReady, module: id, pitch: podPitch(id, 523.25), amp: 0.22, param: 0 });
      this.last.phase.set(id, s.phase);
    }
    for (const [id, s] of states.etcds) {
      const before = this.last.revision.get(id) ?? 0;
      const writes = s.revision - before;
      this.last.revision.set(id, s.revision);
      const n = Math.min(writes, MAX_TICKS_PER_STEP);
      for (let i = 0; i < n; i++)
        out.push({
          t: time + (i * stepMs) / n,
          voice: Voice.tick,
          module: id,
          pitch: tickPitch(id, before + i + 1),
          amp: 0.28,
          param: 0,
        });
      if (Math.floor(time / HEARTBEAT_MS) !== Math.floor((time - stepMs) / HEARTBEAT_MS))
        out.push({ t: time, voice: Voice.heartbeat, module: id, pitch: 55, amp: 0.35, param: 0 });
    }
    for (const [id, s] of states.services) {
      const served = s.served - (this.last.served.get(id) ?? s.served);
      const errors = s.errors - (this.last.errors.get(id) ?? s.errors);
      this.last.served.set(id, s.served);
      this.last.errors.set(id, s.errors);
      const clicks = Math.min(served, MAX_CLICKS_PER_STEP);
      for (let i = 0; i < clicks; i++)
        out.push({ t: time + (i * stepMs) / clicks, voice: Voice.request, module: id, pitch: 0, amp: 0.18, param: 0 });
      const bad = Math.min(errors, MAX_ERRORS_PER_STEP);
      for (let i = 0; i < bad; i++)
        out.push({ t: time + (i * stepMs) / bad, voice: Voice.requestError, module: id, pitch: 1840, amp: 0.2, param: 0 });
    }
    for (const [id, s] of states.controllers) {
      const before = this.last.reconciles.get(id) ?? s.reconciles;
      this.last.reconciles.set(id, s.reconciles);
      if (s.reconciles > before) out.push({ t: time, voice: Voice.reconcile, module: id, pitch: 2093, amp: 0.07, param: 0 });
    }
    for (const [id, s] of states.nodes) {
      const util = s.failed ? 0 : s.usedM / (this.capacities.get(id) ?? DEFAULT_CAPACITY_M);
      const before = this.last.drone.get(id);
      if (before && Math.abs(before.util - util) < DRONE_EPSILON && time - before.at < DRONE_REFRESH_MS) continue;
      if (before && before.util === util) continue;
      this.last.drone.set(id, { util, at: time });
      out.push({
        t: time,
        voice: Voice.drone,
        module: id,
        // An octave from idle to full; past full it keeps rising, and it gets louder: trouble stands out.
        pitch: 55 * 2 ** Math.min(util, 2),
        amp: util > 0 ? 0.03 + 0.09 * Math.min(util, 1.5) : 0,
        param: this.droneSlot(id),
      });
    }
    return out.sort((a, b) => a.t - b.t);
  }

  private fromEvent(e: SimEvent, out: VoiceEvent[]): void {
    if (e.kind !== 'pod') return;
    const at = { t: e.time, module: e.object, param: 0 };
    if (e.reason === 'Scheduled') out.push({ ...at, voice: Voice.schedule, pitch: podPitch(e.object, 659.25), amp: 0.2 });
    else if (e.reason === 'Started') out.push({ ...at, voice: Voice.podStart, pitch: podPitch(e.object, 392), amp: 0.2 });
    else if (e.reason === 'Pulled') out.push({ ...at, voice: Voice.podRestart, pitch: 220, amp: 0.35 });
    else if (CRASH_REASONS.has(e.reason)) out.push({ ...at, voice: Voice.podCrash, pitch: 110, amp: 0.5 });
  }
}

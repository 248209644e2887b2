/**
 * The simulator's moving parts between two steps: the signal buffers (what every output carries
 * now and carried one step ago), the light levels, the per-module state that survives patch
 * edits, and the events of the step. The rules (pod.ts, node.ts, ...) read and write only this.
 *
 * Signals propagate with one step of delay: every rule reads the outputs of the previous step
 * and writes the next ones. That makes the order of modules irrelevant and feedback loops
 * (Controller → Deployment → etcd → Controller) well defined, as in VCV Rack's one-sample cable delay.
 */
import { newDeploymentState } from './deployment';
import { newServiceState } from './network';
import { newNodeState } from './node';
import { newPodState } from './pod';
import type { Rng } from './rng';
import { LEVEL, TRIGGER, type Topology } from './topology';
import type { PodPhase, SimConfig, SimEvent } from './types';

/** Schmitt thresholds from SIGNALS.md: high at 2 V, low again at 0.1 V. */
const HIGH_V = 2;

export interface PodState {
  phase: PodPhase;
  /** When the phase began, and when the timed move out of it happens. */
  since: number;
  nextAt: number;
  restarts: number;
  /** The exponent of the next backoff; reset after backoffResetMs of readiness. */
  backoffStep: number;
  /** Why the Pod is where it is (FailedScheduling reason, Evicted, Killed...). */
  reason: string;
  /** Requests per second served, smoothed; and the CPU that makes, in millicores. */
  reqRate: number;
  loadM: number;
  served: number;
  dropped: number;
}

export interface NodeState {
  failed: boolean;
  lastEvictAt: number;
  usedM: number;
  evictions: number;
}

export interface DeploymentState {
  claims: boolean[];
  ready: number;
  clock: number;
  /** True for the step after a reconcile that changed something (the Controller's ACT reads it). */
  changed: boolean;
  reconciles: number;
  /** The replica count last warned about, so a warning is raised once per change. */
  warnedFor: number;
}

export interface ServiceState {
  rr: number;
  served: number;
  errors: number;
  /** Errors in the current one-second window, folded into one Warning event at its end. */
  windowErrors: number;
  windowStart: number;
  partitioned: boolean;
  endpoints: number;
}

export interface IngressState {
  acc: number;
  rr: number;
  routed: number;
  unrouted: number;
  windowUnrouted: number;
  windowStart: number;
}

export interface ControllerState {
  clock: number;
  reconciles: number;
  acts: number;
}

export interface EtcdState {
  revision: number;
  /** Writes per second, smoothed over about a second. */
  rate: number;
}

export interface ModuleStates {
  pods: Map<string, PodState>;
  nodes: Map<string, NodeState>;
  deployments: Map<string, DeploymentState>;
  services: Map<string, ServiceState>;
  ingresses: Map<string, IngressState>;
  controllers: Map<string, ControllerState>;
  etcds: Map<string, EtcdState>;
}

export function emptyStates(): ModuleStates {
  return {
    pods: new Map(),
    nodes: new Map(),
    deployments: new Map(),
    services: new Map(),
    ingresses: new Map(),
    controllers: new Map(),
    etcds: new Map(),
  };
}

export class World {
  /** Simulated ms since start (or the last reset). */
  time = 0;
  /** Levels and pulse counts: `cur` is what outputs carry now, `nxt` is being written. */
  cur: Float64Array;
  nxt: Float64Array;
  prev: Float64Array;
  pulses: Uint32Array;
  nextPulses: Uint32Array;
  /** Display only: trigger outputs glow for flashMs after a pulse. */
  activity: Float64Array;
  lights: Float64Array;
  colors: (string | undefined)[];
  events: SimEvent[] = [];
  /**
   * The state of each module record, by the record's index (podS[i] is topo.pods[i]'s state):
   * resolved once per re-wire from `states`, so a step does no lookups by id.
   */
  podS: PodState[] = [];
  nodeS: NodeState[] = [];
  depS: DeploymentState[] = [];
  svcS: ServiceState[] = [];
  ingS: IngressState[] = [];
  ctlS: ControllerState[] = [];
  etcdS: EtcdState[] = [];
  /** Output slots that carry triggers: the only ones whose activity fades. */
  private triggerSlots: number[] = [];
  /** Object changes in this step and the last one (etcd's normalled WRITE input counts them). */
  changes = 0;
  lastChanges = 0;

  constructor(
    public topo: Topology,
    readonly cfg: SimConfig,
    readonly rng: Rng,
    readonly states: ModuleStates,
  ) {
    const n = topo.outKeys.length;
    this.cur = new Float64Array(n);
    this.nxt = new Float64Array(n);
    this.prev = new Float64Array(n);
    this.pulses = new Uint32Array(n);
    this.nextPulses = new Uint32Array(n);
    this.activity = new Float64Array(n);
    this.lights = new Float64Array(topo.lightKeys.length);
    this.colors = new Array<string | undefined>(topo.lightKeys.length).fill(undefined);
    this.bind();
  }

  /** Finds or creates the state of every record of the topology (module ids are the keys). */
  private bind(): void {
    const { topo, states } = this;
    const get = <S>(map: Map<string, S>, id: string, make: () => S): S => {
      let s = map.get(id);
      if (!s) map.set(id, (s = make()));
      return s;
    };
    this.podS = topo.pods.map((r) => get(states.pods, r.id, () => newPodState(this.time)));
    this.nodeS = topo.nodes.map((r) => get(states.nodes, r.id, newNodeState));
    this.depS = topo.deployments.map((r) => get(states.deployments, r.id, newDeploymentState));
    this.svcS = topo.services.map((r) => get(states.services, r.id, () => newServiceState(this.time)));
    this.ingS = topo.ingresses.map((r) =>
      get(states.ingresses, r.id, () => ({ acc: 0, rr: 0, routed: 0, unrouted: 0, windowUnrouted: 0, windowStart: this.time })),
    );
    this.ctlS = topo.controllers.map((r) => get(states.controllers, r.id, () => ({ clock: 0, reconciles: 0, acts: 0 })));
    this.etcdS = topo.etcds.map((r) => get(states.etcds, r.id, () => ({ revision: 0, rate: 0 })));
    this.triggerSlots = [];
    topo.outKind.forEach((kind, i) => kind === TRIGGER && this.triggerSlots.push(i));
  }

  /** Re-wires to a new topology, carrying every value whose key survives. */
  rewire(topo: Topology): void {
    const carry = <T extends Float64Array | Uint32Array>(
      old: T,
      oldKeys: string[],
      keys: string[],
      make: (n: number) => T,
    ): T => {
      const at = new Map(oldKeys.map((k, i) => [k, i]));
      const next = make(keys.length);
      keys.forEach((k, i) => {
        const j = at.get(k);
        if (j !== undefined) next[i] = old[j]!;
      });
      return next;
    };
    const f64 = (n: number) => new Float64Array(n);
    const old = this.topo;
    this.cur = carry(this.cur, old.outKeys, topo.outKeys, f64);
    this.prev = carry(this.prev, old.outKeys, topo.outKeys, f64);
    this.activity = carry(this.activity, old.outKeys, topo.outKeys, f64);
    this.pulses = carry(this.pulses, old.outKeys, topo.outKeys, (n) => new Uint32Array(n));
    this.nxt = new Float64Array(topo.outKeys.length);
    this.nextPulses = new Uint32Array(topo.outKeys.length);
    const oldColors = new Map(old.lightKeys.map((k, i) => [k, this.colors[i]]));
    this.lights = carry(this.lights, old.lightKeys, topo.lightKeys, f64);
    this.colors = topo.lightKeys.map((k) => oldColors.get(k));
    this.topo = topo;
    this.bind();
  }

  /**
   * The topology was updated in place with every slot where it was (topology-update.ts): the
   * values stay, and what rewire() starts afresh starts afresh here too, so both give the same steps.
   */
  rewireInPlace(): void {
    this.nxt.fill(0);
    this.nextPulses.fill(0);
  }

  /** True when any source is high: a level at 2 V or more, or a trigger that pulsed this step. */
  gate(sources: readonly number[]): boolean {
    for (const s of sources) if (this.high(s)) return true;
    return false;
  }

  /** One source read as a gate. */
  high(s: number): boolean {
    return this.topo.outKind[s] === LEVEL ? this.cur[s]! >= HIGH_V : this.pulses[s]! > 0;
  }

  /** Events arriving at a trigger input: pulses, plus one per rising edge of a gate source. */
  triggers(sources: readonly number[]): number {
    let n = 0;
    for (const s of sources) {
      if (this.topo.outKind[s] === LEVEL) {
        if (this.cur[s]! >= HIGH_V && this.prev[s]! < HIGH_V) n++;
      } else n += this.pulses[s]!;
    }
    return n;
  }

  /** The level of a CV source (0 when unpatched or not finite, as VCV Rack reads NaN). */
  level(source: number): number {
    const v = this.topo.outKind[source] === LEVEL ? this.cur[source]! : this.pulses[source]! > 0 ? 10 : 0;
    return Number.isFinite(v) ? v : 0;
  }

  setLevel(slot: number, volts: number): void {
    if (slot >= 0) this.nxt[slot] = volts;
  }

  pulse(slot: number, count = 1): void {
    if (slot < 0 || count <= 0) return;
    this.nextPulses[slot] = this.nextPulses[slot]! + count;
    this.activity[slot] = 10;
  }

  setLight(slot: number, level: number, color?: string): void {
    if (slot < 0) return;
    this.lights[slot] = level;
    this.colors[slot] = color;
  }

  flash(slot: number): void {
    if (slot >= 0) this.lights[slot] = 1;
  }

  /** Fades a flashing light by one step. */
  fade(slot: number): void {
    if (slot >= 0 && this.lights[slot]! > 0)
      this.lights[slot] = Math.max(0, this.lights[slot]! - this.cfg.stepMs / this.cfg.flashMs);
  }

  event(type: SimEvent['type'], reason: string, object: string, kind: string, message: string, count = 1): void {
    this.events.push({ time: this.time, type, reason, object, kind, message, count });
  }

  /** Ends a step: what was written becomes what outputs carry. */
  commit(): void {
    this.prev.set(this.cur);
    [this.cur, this.nxt] = [this.nxt, this.cur];
    [this.pulses, this.nextPulses] = [this.nextPulses, this.pulses];
    this.nextPulses.fill(0);
    const decay = (10 * this.cfg.stepMs) / this.cfg.flashMs;
    for (const i of this.triggerSlots) if (this.activity[i]! > 0) this.activity[i] = Math.max(0, this.activity[i]! - decay);
    this.lastChanges = this.changes;
    this.changes = 0;
    this.time += this.cfg.stepMs;
  }
}

/**
 * The embedded simulated cluster: a pure, deterministic function of (patch edits, seed, time).
 * It holds no timers and reads no clock: the caller advances it in fixed steps (`advance`), so
 * the same patch, seed and steps give the same outputs bit for bit (replays depend on it).
 * Patch edits take effect on the next step and keep the state of every module that survives.
 */
import type { Result } from '../../patch/result';
import type { Catalog } from '../../patch/catalog';
import type { Patch } from '../../patch/model';
import { assertNever, type Op } from '../../patch/ops';
import { stepControllers, stepEtcds } from './control';
import { stepDeployments } from './deployment';
import { describeModule, statusLine } from './describe';
import { setPartitioned, stepIngresses, stepServices } from './network';
import { reservedCpu, setNodeFailed, stepNodes } from './node';
import { crash, stepPods } from './pod';
import { Rng } from './rng';
import { compileWiring, type CompiledTopology } from './topology';
import { updateTopology } from './topology-update';
import { DEFAULT_SIM_CONFIG, type SimConfig, type SimEvent, type SimFault, type SimOutputs } from './types';
import { emptyStates, World, type ModuleStates } from './world';

export interface SimulatorOptions {
  seed?: number;
  config?: Partial<SimConfig>;
}

export class Simulator {
  readonly config: SimConfig;
  readonly seed: number;
  private world: World;
  private patch: Patch;
  private compiled: CompiledTopology;

  constructor(
    patch: Patch,
    private readonly catalog: Catalog,
    options: SimulatorOptions = {},
  ) {
    this.config = { ...DEFAULT_SIM_CONFIG, ...options.config };
    this.seed = options.seed ?? 1;
    this.patch = patch;
    this.compiled = compileWiring(patch, catalog);
    this.world = this.freshWorld();
  }

  /** Simulated milliseconds since the start or the last reset. */
  get time(): number {
    return this.world.time;
  }

  /**
   * Follows a patch edit: re-wires, keeping the state of the modules still there. With `ops` (what
   * turned the previous patch into this one) the wiring is updated in place when the edit keeps
   * every slot; otherwise, or without them, it is compiled afresh. Both give the same world.
   */
  setPatch(patch: Patch, ops?: readonly Op[]): void {
    const before = this.patch;
    this.patch = patch;
    if (ops && updateTopology(this.compiled, before, patch, ops, this.catalog)) {
      this.world.rewireInPlace();
      return;
    }
    this.compiled = compileWiring(patch, this.catalog);
    this.world.rewire(this.compiled.topo);
  }

  /** Back to time 0 with every Pod Absent and the random source re-seeded. */
  reset(): void {
    // The compiled topology always follows this.patch, and a World never changes its topology.
    this.world = this.freshWorld();
  }

  /** Runs one fixed step; returns its events. */
  step(): SimEvent[] {
    const w = this.world;
    // Events raised between steps (a fault) come out with this step's.
    stepIngresses(w);
    stepServices(w);
    stepControllers(w);
    stepDeployments(w);
    const reserved = reservedCpu(w);
    // The reservations make the scheduler honest: two Pods never take the last room on a Node.
    stepPods(w, reserved);
    stepNodes(w);
    stepEtcds(w);
    w.commit();
    const events = w.events;
    w.events = [];
    return events;
  }

  /** Runs whole steps covering `ms` (at least one per stepMs); returns their events in order. */
  advance(ms: number): SimEvent[] {
    const steps = Math.max(0, Math.floor(ms / this.config.stepMs));
    const events: SimEvent[] = [];
    for (let i = 0; i < steps; i++) for (const e of this.step()) events.push(e);
    return events;
  }

  /** Injects a fault; the event it causes comes out of the next step. */
  fault(fault: SimFault): Result {
    const w = this.world;
    const missing = (what: string): Result => ({ ok: false, error: `There is no ${what} "${fault.target}" in the patch.` });
    switch (fault.kind) {
      case 'kill-pod': {
        const pod = w.topo.pods.find((p) => p.id === fault.target);
        if (!pod) return missing('Pod');
        const s = w.states.pods.get(pod.id);
        if (!s || s.phase === 'Absent' || s.phase === 'Pending' || s.phase === 'Terminating')
          return { ok: false, error: `Pod "${fault.target}" has no running container to kill (it is ${s?.phase ?? 'Absent'}).` };
        if (s.phase === 'CrashLoopBackOff') return { ok: false, error: `Pod "${fault.target}" is already waiting to restart.` };
        crash(w, pod, s, 'Killed', 'Container killed (exit code 137)');
        return { ok: true };
      }
      case 'fail-node':
      case 'restore-node':
        return setNodeFailed(w, fault.target, fault.kind === 'fail-node') ? { ok: true } : missing('Node');
      case 'partition-service':
      case 'heal-service':
        return setPartitioned(w, fault.target, fault.kind === 'partition-service') ? { ok: true } : missing('Service');
      default:
        return assertNever(fault);
    }
  }

  /** Every light level, output voltage, colour override and status line, now. */
  outputs(): SimOutputs {
    const w = this.world;
    const { topo } = w;
    const lights: Record<string, number> = {};
    const colors: Record<string, string> = {};
    topo.lightKeys.forEach((key, i) => {
      lights[key] = Math.round(w.lights[i]! * 100) / 100;
      const color = w.colors[i];
      if (color) colors[key] = color;
    });
    const volts: Record<string, number> = {};
    topo.outKeys.forEach((key, i) => {
      const v = topo.outKind[i] === 0 ? w.cur[i]! : w.activity[i]!;
      volts[key] = Math.round(v * 10) / 10;
    });
    const status: Record<string, string> = {};
    topo.moduleIds.forEach((id, i) => (status[id] = statusLine(w, id, topo.moduleTypes[i]!)));
    return { lights, volts, colors, status };
  }

  /** `kubectl describe`-like text for one module, or undefined when the patch has no such module. */
  describe(moduleId: string): string | undefined {
    const i = this.world.topo.moduleIds.indexOf(moduleId);
    if (i < 0) return undefined;
    return describeModule(this.world, moduleId, this.world.topo.moduleTypes[i]!, this.time);
  }

  /** The per-module state, read-only (tests, describe). */
  get states(): Readonly<ModuleStates> {
    return this.world.states;
  }

  /** A hash of the whole state (signals, lights, module states, random source), to compare runs. */
  hash(): string {
    const w = this.world;
    let h = 0x811c9dc5;
    const mix = (n: number) => {
      h ^= n | 0;
      h = Math.imul(h, 0x01000193);
      h ^= (n * 1e6) | 0;
      h = Math.imul(h, 0x01000193);
    };
    for (const arr of [w.cur, w.lights]) for (const v of arr) mix(v);
    for (const v of w.pulses) mix(v);
    mix(w.rng.seed);
    mix(w.time);
    const text = JSON.stringify([...w.states.pods].concat([...w.states.deployments] as never, [...w.states.services] as never));
    for (let i = 0; i < text.length; i++) mix(text.charCodeAt(i));
    return (h >>> 0).toString(16).padStart(8, '0');
  }

  private freshWorld(): World {
    return new World(this.compiled.topo, this.config, new Rng(this.seed), emptyStates());
  }
}

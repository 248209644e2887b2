/**
 * Shapes shared by the simulator's parts: its configuration (the delays of a Pod's life, the
 * backoff), the events it reports (`kubectl get events` rows) and the frames it outputs (every
 * light level and output voltage of the rack). Plain data, so they cross the contract as is.
 */

/** A Pod's phase as the simulator tracks it (kubectl's STATUS column, plus Absent). */
export type PodPhase = 'Absent' | 'Pending' | 'ContainerCreating' | 'Running' | 'Ready' | 'CrashLoopBackOff' | 'Terminating';

/** Delays and rates, in simulated milliseconds. Defaults are scaled down from a real cluster so a class sees them. */
export interface SimConfig {
  /** Fixed simulation step: every rule advances in steps of this size, whatever the display rate. */
  stepMs: number;
  /** Pending → ContainerCreating once a Node can take the Pod (scheduler latency). */
  scheduleMs: number;
  /** ContainerCreating → Running (image pull and container start). */
  createMs: number;
  /** Running → Ready (the readiness probe's initial delay). */
  readyMs: number;
  /** Terminating → Absent (the termination grace period). */
  terminateMs: number;
  /** First CrashLoopBackOff wait; doubles per restart up to backoffMaxMs (kubelet: 10 s → 5 min). */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Ready this long and the backoff starts again from backoffBaseMs (kubelet: 10 min). */
  backoffResetMs: number;
  /** Each delay is scaled by a seeded random factor in 1 ± jitter, so Pods do not move in lockstep. */
  jitter: number;
  /** CPU a Pod spends per request per second of traffic, in millicores. */
  requestCostM: number;
  /** The kubelet checks for overload this often and evicts at most one Pod per check. */
  evictionIntervalMs: number;
  /** A Deployment with RECONCILE unpatched reconciles on this internal clock (SIGNALS.md: normalled). */
  internalReconcileMs: number;
  /** How long a trigger's light stays lit after its pulse, so a 1 ms event is visible at 60 Hz. */
  flashMs: number;
}

export const DEFAULT_SIM_CONFIG: SimConfig = Object.freeze({
  stepMs: 10,
  scheduleMs: 300,
  createMs: 1200,
  readyMs: 1000,
  terminateMs: 600,
  backoffBaseMs: 1000,
  backoffMaxMs: 16000,
  backoffResetMs: 10000,
  jitter: 0.2,
  requestCostM: 20,
  evictionIntervalMs: 500,
  internalReconcileMs: 1000,
  flashMs: 120,
});

/** One row of `kubectl get events`. */
export interface SimEvent {
  /** Simulated time in ms since the simulation started. */
  time: number;
  type: 'Normal' | 'Warning';
  reason: string;
  /** The module the event is about (its id) and its type (the object's kind). */
  object: string;
  kind: string;
  message: string;
  /** How many times it happened (kubectl's COUNT): repeated warnings are folded into one row. */
  count: number;
}

/** Faults the UI and the API can inject. */
export type SimFault =
  | { kind: 'kill-pod'; target: string }
  | { kind: 'fail-node'; target: string }
  | { kind: 'restore-node'; target: string }
  | { kind: 'partition-service'; target: string }
  | { kind: 'heal-service'; target: string };

/** The simulator's speed (simulated time per real time) stays within these. */
export const SIM_SPEED_MIN = 0.1;
export const SIM_SPEED_MAX = 10;

export const FAULT_KINDS = ['kill-pod', 'fail-node', 'restore-node', 'partition-service', 'heal-service'] as const;

/**
 * Everything the faceplates show at one moment: light levels (0..1) keyed `module/light`, output
 * voltages keyed `module/jack`, light colour overrides, and each module's one-line status.
 */
export interface SimOutputs {
  lights: Record<string, number>;
  volts: Record<string, number>;
  colors: Record<string, string>;
  status: Record<string, string>;
}

/**
 * What `sim.frame` carries: a delta against the previous frame (only the lights, voltages,
 * colours and status lines that changed), or with `full` everything, replacing what the client
 * holds (first frame, reset, a module set that changed, a client that fell behind).
 */
export interface SimFrame {
  seq: number;
  full: boolean;
  /** Simulated ms, and the run state at the time of the frame. */
  time: number;
  running: boolean;
  speed: number;
  lights?: Record<string, number>;
  volts?: Record<string, number>;
  /** A colour override, or null when the light goes back to its catalog colour. */
  colors?: Record<string, string | null>;
  status?: Record<string, string>;
}

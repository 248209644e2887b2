/** The embedded simulated cluster: run state, faults, `kubectl describe`, frames and events. */
import type { Result } from '../../main/patch/result';
import { z } from 'zod';
import { IdSchema } from '../../main/patch/model';
import {
  FAULT_KINDS,
  SIM_SPEED_MAX,
  SIM_SPEED_MIN,
  type SimEvent,
  type SimFault,
  type SimFrame,
} from '../../main/sim/core/types';
import { none, request } from './request';

export type { SimEvent, SimFault, SimFrame };

/** The simulator's run state, as `sim.control` and `sim.state` report it. */
export interface SimStatus {
  running: boolean;
  /** Simulated time per real time, SIM_SPEED_MIN..SIM_SPEED_MAX. */
  speed: number;
  /** Simulated ms since the start or the last reset. */
  time: number;
  seed: number;
}

export const simRequests = {
  /** The run state, a full frame and the most recent events (for a view that opens late). */
  'sim.state': request<SimStatus & { frame: SimFrame; events: SimEvent[] }>()(none),
  /** Run, pause, advance one step (100 ms of simulated time), reset, or only set the speed. */
  'sim.control': request<SimStatus>()(
    z
      .object({
        action: z.enum(['run', 'pause', 'step', 'reset', 'speed']),
        speed: z.number().min(SIM_SPEED_MIN).max(SIM_SPEED_MAX).optional(),
      })
      .strict(),
  ),
  /** Injects a fault: kill a Pod, fail/restore a Node, partition/heal a Service. */
  'sim.fault': request<Result>()(z.object({ kind: z.enum(FAULT_KINDS), target: IdSchema }).strict()),
  /** `kubectl describe`-like text for one module; null when the patch has no such module. */
  'sim.describe': request<string | null>()(z.object({ module: IdSchema }).strict()),
  /**
   * The renderer has shown frames up to `seq`: over Electron IPC, main sends a few frames ahead of
   * the last acknowledged one and merges the rest (a hidden renderer costs main nothing more).
   * Harmless elsewhere (the WebSocket has its own backpressure).
   */
  'sim.ack': request<null>()(z.object({ seq: z.number().int().min(0) }).strict()),
} as const;

export interface SimEventPayloads {
  /** Faceplate state at display rate: a delta, or a full frame (see SimFrame). */
  'sim.frame': SimFrame;
  /** New `kubectl get events` rows, batched per frame. */
  'sim.event': { events: SimEvent[] };
}

export const SIM_EVENT_NAMES = ['sim.frame', 'sim.event'] as const satisfies readonly (keyof SimEventPayloads)[];

/**
 * The live cluster on the rack: which source the faceplates show (LIVE context/namespace or
 * SIMULATED), the state of each kind's watch, the namespace's objects no module shows, and rack
 * gestures on real objects (kill a Pod, cordon a Node), each carried out only once the user
 * confirmed it, naming context and namespace. Names and messages only; never a credential.
 */
import { z } from 'zod';
import { IdSchema } from '../../main/patch/model';
import type { LiveGesture, LiveState } from '../../main/cluster/live/live-types';
import { none, request } from './request';

export type { LiveGesture, LiveState };

type Outcome = { ok: true } | { ok: false; error: string };

export const liveRequests = {
  'live.state': request<LiveState>()(none),
  /** Asks to kill a Pod module's live Pod or (un)cordon a Node module's Node: a confirmation comes back as `pending`. */
  'live.gesture': request<Outcome>()(z.object({ kind: z.enum(['kill-pod', 'cordon', 'uncordon']), module: IdSchema }).strict()),
  /** The user's answer to the pending confirmation (`id` from LiveState.pending). */
  'live.confirm': request<Outcome>()(z.object({ id: z.string().min(1).max(100), ok: z.boolean() }).strict()),
} as const;

export interface LiveEventPayloads {
  /** The source changed (connected, disconnected), a watch's state, the off-rack list or the pending gesture. */
  'live.changed': LiveState;
}

export const LIVE_EVENT_NAMES = ['live.changed'] as const satisfies readonly (keyof LiveEventPayloads)[];

/**
 * Follow mode's requests and event: arm it for the open connection (the context and namespace the
 * confirmation named), disarm it, and publish the patch's topology ConfigMap for Eno (on demand,
 * or on every change while armed) with the Composition's status. Names, summaries and messages;
 * never a credential.
 */
import { z } from 'zod';
import type { CompositionView, EnoState } from '../../main/cluster/eno/types';
import type { FollowFailure, FollowState } from '../../main/cluster/follow/types';
import { NamespaceName } from './cluster';
import { none, request } from './request';

export type { CompositionView, EnoState, FollowFailure, FollowState };

type Outcome<T> = ({ ok: true } & T) | { ok: false; error: string };

export const followRequests = {
  'follow.state': request<FollowState>()(none),
  /** Arms follow mode; refused when the connection is no longer the confirmed context/namespace. */
  'follow.arm': request<Outcome<{ state: FollowState }>>()(
    z.object({ context: z.string().min(1).max(253), namespace: NamespaceName }).strict(),
  ),
  /** Disarms at once. */
  'follow.disarm': request<FollowState>()(none),
  /** Whether the topology ConfigMap is published on every change while armed. */
  'follow.publish-topology': request<FollowState>()(z.object({ on: z.boolean() }).strict()),
  /** Publishes the patch's topology ConfigMap to the connection's namespace now (after a confirmation). */
  'eno.publish': request<Outcome<{ eno: EnoState }>>()(z.object({ namespace: NamespaceName }).strict()),
  /** Whether Eno's CRDs are installed, and the status of the Composition binding the topology. */
  'eno.status': request<Outcome<{ eno: EnoState }>>()(none),
} as const;

export interface FollowEventPayloads {
  /** Armed, disarmed, an apply started or finished (with its failures). */
  'follow.changed': FollowState;
}

export const FOLLOW_EVENT_NAMES = ['follow.changed'] as const satisfies readonly (keyof FollowEventPayloads)[];

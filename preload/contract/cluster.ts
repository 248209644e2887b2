/**
 * The Cluster tab's requests and events: kubeconfig contexts, connect, server-side diff,
 * confirmed apply with prune, import of a namespace. Payloads carry context names, server URLs,
 * namespaces, status and messages; never a token, key or certificate (those stay in main).
 */
import { z } from 'zod';
import type {
  ApplyResult,
  ClusterState,
  ClusterStatus,
  ContextInfo,
  Permissions,
  PlanItemView,
  PlanView,
} from '../../main/cluster/types';
import type { FileState } from './files';
import { DNS_LABEL } from '../../main/patch/k8s-names';
import { none, request } from './request';

export type { ApplyResult, ClusterState, ClusterStatus, ContextInfo, Permissions, PlanItemView, PlanView };

/** A context name as kubeconfig files write them (anything printable, bounded). */
const ContextName = z.string().min(1).max(253);
/** RFC 1123 label: what the API server accepts as a namespace name. */
export const NamespaceName = z.string().min(1).max(63).regex(DNS_LABEL, 'a namespace name: lowercase letters, digits and "-"');

type Outcome<T> = ({ ok: true } & T) | { ok: false; error: string };

export const clusterRequests = {
  /** Contexts of the kubeconfig files, skipped entries, and the open connection. */
  'cluster.state': request<ClusterState>()(none),
  /** Reads the kubeconfig files again. */
  'cluster.reload': request<ClusterState>()(none),
  /** Connects the Cluster tab to a context (status, then permissions in the namespace). */
  'cluster.connect': request<Outcome<{ state: ClusterState }>>()(
    z.object({ context: ContextName, namespace: NamespaceName.optional() }).strict(),
  ),
  'cluster.disconnect': request<ClusterState>()(none),
  /** Switches the namespace (typed or picked) and asks again what the user may do there. */
  'cluster.namespace': request<Outcome<{ state: ClusterState }>>()(z.object({ namespace: NamespaceName }).strict()),
  /** Server-side dry run of the open patch against the namespace: what apply would do. */
  'cluster.diff': request<Outcome<{ plan: PlanView }>>()(none),
  /** Carries out a diff's plan the user confirmed; `takeOver` keys are re-applied with force. */
  'cluster.apply': request<Outcome<{ result: ApplyResult }>>()(
    z.object({ plan: z.string().min(1).max(100), takeOver: z.array(z.string().min(1).max(600)).max(5000) }).strict(),
  ),
  /** Imports a namespace (optionally a label selector) as a new untitled patch. */
  'cluster.import': request<Outcome<{ warnings: string[]; file: FileState }>>()(
    z.object({ namespace: NamespaceName, labelSelector: z.string().max(1000).optional() }).strict(),
  ),
} as const;

export interface ClusterEventPayloads {
  /** Contexts reloaded (a kubeconfig file changed), connected, disconnected or status changed. */
  'cluster.changed': ClusterState;
}

export const CLUSTER_EVENT_NAMES = ['cluster.changed'] as const satisfies readonly (keyof ClusterEventPayloads)[];

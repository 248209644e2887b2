/**
 * The shapes of main/cluster that cross to the renderer through the contract (and the CLI's
 * --json): names, URLs, namespaces, status, plans and results; never a credential. Types only.
 */
import type { Json } from '../patch/model';

export interface ClusterStatus {
  context: string;
  server: string;
  user: string;
  authKind: AuthKind;
  reachable: boolean;
  authenticated: boolean;
  /** "v1.37.2" */
  serverVersion?: string;
  /** The name the server knows the user by (SelfSubjectReview). */
  username?: string;
  error?: string;
}

export type ClusterAction = 'diff' | 'apply' | 'prune' | 'import';

export interface Permissions {
  namespace: string;
  allowed: Record<ClusterAction, boolean>;
  /** "create deployments.apps in shop", one per refused check. */
  denied: string[];
}

export interface ContextInfo {
  name: string;
  server: string;
  user: string;
  namespace?: string;
  authKind: AuthKind;
  execCommand?: string;
  file: string;
  current: boolean;
}

export interface ClusterState {
  files: string[];
  contexts: ContextInfo[];
  /** Skipped files and entries, one sentence each. */
  errors: string[];
  connection?: {
    context: string;
    namespace: string;
    status: ClusterStatus;
    permissions?: Permissions;
    /** Namespaces the user may list; absent when they may not (they type one). */
    namespaces?: string[];
  };
}

/** How a context's user authenticates: shown to the user (never the credential itself). */
export type AuthKind = 'token' | 'client-certificate' | 'exec' | 'auth-provider' | 'basic' | 'none';

export interface FieldChange {
  /** "spec.template.spec.containers[web].image" */
  path: string;
  before?: Json;
  after?: Json;
}

export interface Conflict {
  field: string;
  manager: string;
}

/** `adopt`: no field changes, but the object lacks the rack's labels; applying makes it an ApplySet member. */
export type PlanAction = 'create' | 'update' | 'adopt' | 'unchanged' | 'delete' | 'conflict' | 'error';

export interface PlanItemView {
  key: string;
  kind: string;
  name: string;
  action: PlanAction;
  changes: FieldChange[];
  conflicts?: Conflict[];
  error?: string;
}

export interface PlanView {
  id: string;
  context: string;
  namespace: string;
  applySet: string;
  summary: string;
  counts: Record<PlanAction, number>;
  items: PlanItemView[];
  kept: string[];
  /** Multi-document YAML of the changed objects as they are, and as they would be. */
  before: string;
  after: string;
}

export type ApplyOutcome = 'created' | 'configured' | 'adopted' | 'unchanged' | 'deleted' | 'conflict' | 'failed';

export interface ApplyItemResult {
  key: string;
  kind: string;
  name: string;
  outcome: ApplyOutcome;
  conflicts?: Conflict[];
  error?: string;
}

export interface ApplyResult {
  context: string;
  namespace: string;
  items: ApplyItemResult[];
  ok: boolean;
  summary: string;
}

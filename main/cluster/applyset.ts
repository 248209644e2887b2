/**
 * The ApplySet convention (KEP-3659), as `kubectl apply --prune --applyset` uses it, so kubectl
 * and the rack agree on what belongs to a patch: a parent Secret labelled
 * `applyset.kubernetes.io/id`, annotated with the tooling and the group-kinds it contains; every
 * member labelled `applyset.kubernetes.io/part-of: <id>`. Pure.
 */
import { createHash } from 'node:crypto';

export const APPLYSET_ID = 'applyset.kubernetes.io/id';
export const APPLYSET_PART_OF = 'applyset.kubernetes.io/part-of';
export const APPLYSET_TOOLING = 'applyset.kubernetes.io/tooling';
export const APPLYSET_GROUP_KINDS = 'applyset.kubernetes.io/contains-group-kinds';
export const FIELD_MANAGER = 'k8s-synth';

export interface ApplySetParent {
  name: string;
  namespace: string;
  id: string;
}

/** The parent of a patch's ApplySet in a namespace: Secret `k8s-synth-<patch name>`. */
export function applySetParent(patchName: string, namespace: string): ApplySetParent {
  const name = `k8s-synth-${patchName}`.slice(0, 253);
  return { name, namespace, id: applySetId(name, namespace, 'Secret', '') };
}

/** KEP-3659: "applyset-" + base64url(sha256("<name>.<namespace>.<kind>.<group>")) without padding + "-v1". */
export function applySetId(name: string, namespace: string, kind: string, group: string): string {
  const hash = createHash('sha256').update(`${name}.${namespace}.${kind}.${group}`).digest('base64url');
  return `applyset-${hash}-v1`;
}

/** "Deployment.apps", "Service" (the core group has no suffix), as kubectl writes group-kinds. */
export function groupKind(apiVersion: string, kind: string): string {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0]! : '';
  return group ? `${kind}.${group}` : kind;
}

export const parseGroupKinds = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export const formatGroupKinds = (kinds: Iterable<string>): string => [...new Set(kinds)].sort().join(',');

/** The parent Secret's manifest with the given group-kinds (applied with our field manager). */
export function parentManifest(parent: ApplySetParent, groupKinds: Iterable<string>, tooling: string) {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: parent.name,
      namespace: parent.namespace,
      labels: { [APPLYSET_ID]: parent.id },
      annotations: { [APPLYSET_TOOLING]: tooling, [APPLYSET_GROUP_KINDS]: formatGroupKinds(groupKinds) },
    },
    type: 'Opaque',
  };
}

export interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  subresource?: string;
  fieldsV1?: Record<string, unknown>;
}

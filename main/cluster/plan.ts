/**
 * What applying a patch to a namespace would do: each manifest dry-run through server-side apply
 * (create / update / unchanged, with its field diff, or the conflict that stops it), and the
 * ApplySet's members the patch no longer produces (delete, unless another manager owns them).
 * Nothing is written. The plan is what the confirmation shows and what apply then carries out.
 */
import type { JsonObject } from '../synth/merge';
import type { Manifest } from '../synth/manifests';
import {
  APPLYSET_GROUP_KINDS,
  APPLYSET_PART_OF,
  applySetParent,
  parseGroupKinds,
  type ApplySetParent,
  type ManagedFieldsEntry,
} from './applyset';
import type { ClusterConnection } from './connection';
import { fieldDiff, type FieldChange } from './field-diff';
import { needsAdoption, otherOwners } from './membership';
import { stripServerFields } from './strip';
import {
  applyObject,
  conflictsOf,
  listObjects,
  mapLimit,
  readObject,
  refKey,
  refOf,
  type Conflict,
  type ObjectRef,
} from './object-requests';
import type { PlanAction } from './types';
export type { PlanAction };

export interface PlanItem extends ObjectRef {
  key: string;
  action: PlanAction;
  changes: FieldChange[];
  conflicts?: Conflict[];
  error?: string;
  /** The object as it is and as it would be, without server fields (for the diff view). */
  before?: JsonObject;
  after?: JsonObject;
}

export interface ClusterPlan {
  context: string;
  namespace: string;
  patchName: string;
  applySet: ApplySetParent;
  items: PlanItem[];
  /** Prune candidates kept because another manager owns them: "Deployment old (kubectl)". */
  kept: string[];
  counts: Record<PlanAction, number>;
  /** "2 to create, 1 to change, 1 to delete, 5 unchanged" */
  summary: string;
}

/** How many requests run at once: enough to hide latency, few enough to be polite to a small server. */
export const CONCURRENCY = 8;

/** How many objects an apply of the plan writes (conflicts wait for a take over). */
export const pendingWrites = (counts: Record<PlanAction, number>): number =>
  counts.create + counts.update + counts.delete + counts.adopt;

export function summarize(counts: Record<PlanAction, number>): string {
  const parts = [
    counts.create && `${counts.create} to create`,
    counts.update && `${counts.update} to change`,
    counts.delete && `${counts.delete} to delete`,
    counts.adopt && `${counts.adopt} to adopt into the ApplySet`,
    counts.conflict && `${counts.conflict} in conflict`,
    counts.error && `${counts.error} failed`,
    `${counts.unchanged} unchanged`,
  ].filter(Boolean);
  return pendingWrites(counts) + counts.conflict + counts.error === 0
    ? `No changes (${counts.unchanged} unchanged)`
    : parts.join(', ');
}

/**
 * The manifests as they are sent: in `namespace` (namespaced kinds), labelled as members of the
 * patch's ApplySet. Cluster-scoped kinds are refused: an apply to a namespace stays in it.
 */
export async function prepareManifests(
  conn: ClusterConnection,
  manifests: readonly Manifest[],
  namespace: string,
  parent: ApplySetParent,
): Promise<{ manifest: JsonObject; error?: string }[]> {
  return Promise.all(
    manifests.map(async (m) => {
      const manifest = structuredClone(m) as JsonObject;
      const meta = { ...((manifest['metadata'] ?? {}) as JsonObject) };
      manifest['metadata'] = meta;
      try {
        const r = await conn.discovery.resource(String(m['apiVersion']), String(m['kind']));
        if (!r.namespaced)
          return { manifest, error: `${r.kind} is cluster-scoped; the rack applies only into namespace ${namespace}.` };
      } catch (error) {
        return {
          manifest,
          error: error instanceof Error && !('code' in error) ? error.message : conn.describe(error, namespace),
        };
      }
      meta['namespace'] = namespace;
      meta['labels'] = { ...((meta['labels'] ?? {}) as JsonObject), [APPLYSET_PART_OF]: parent.id };
      return { manifest };
    }),
  );
}

const emptyCounts = (): Record<PlanAction, number> => ({
  create: 0,
  update: 0,
  adopt: 0,
  unchanged: 0,
  delete: 0,
  conflict: 0,
  error: 0,
});

export async function planApply(
  conn: ClusterConnection,
  manifests: readonly Manifest[],
  options: { namespace: string; patchName: string },
): Promise<ClusterPlan> {
  const { namespace } = options;
  const parent = applySetParent(options.patchName, namespace);
  const prepared = await prepareManifests(conn, manifests, namespace, parent);
  const items = await mapLimit(prepared, CONCURRENCY, async ({ manifest, error }): Promise<PlanItem> => {
    const ref = refOf(manifest);
    const base = { ...ref, key: refKey(ref), changes: [] as FieldChange[] };
    if (error) return { ...base, action: 'error', error };
    try {
      const r = await conn.discovery.resource(ref.apiVersion, ref.kind);
      const live = await readObject(conn, r, ref);
      const dry = await applyObject(conn, r, manifest, { dryRun: true, force: false });
      if (!live) return { ...base, action: 'create', changes: [], after: stripServerFields(dry) };
      const changes = fieldDiff(live, dry, manifest);
      // Only the rack's labels differ (kubectl made it, the patch covers it): applying makes it a member.
      if (!changes.length) return { ...base, action: needsAdoption(live, manifest) ? 'adopt' : 'unchanged', changes };
      return { ...base, action: 'update', changes, before: stripServerFields(live), after: stripServerFields(dry) };
    } catch (e) {
      const conflicts = conflictsOf(e);
      if (conflicts) return { ...base, action: 'conflict', conflicts };
      return { ...base, action: 'error', error: conn.describe(e, namespace) };
    }
  });
  const { deletes, kept } = await pruneCandidates(conn, parent, new Set(items.map((i) => i.key)));
  items.push(...deletes);
  const counts = emptyCounts();
  for (const i of items) counts[i.action]++;
  return {
    context: conn.name,
    namespace,
    patchName: options.patchName,
    applySet: parent,
    items,
    kept,
    counts,
    summary: summarize(counts),
  };
}

/**
 * Members of the ApplySet (by its part-of label, over the group-kinds its parent lists) that the
 * patch no longer produces. Those another manager also owns are kept and named.
 */
async function pruneCandidates(
  conn: ClusterConnection,
  parent: ApplySetParent,
  current: ReadonlySet<string>,
): Promise<{ deletes: PlanItem[]; kept: string[] }> {
  const secrets = await conn.discovery.resource('v1', 'Secret');
  const existing = await readObject(conn, secrets, {
    apiVersion: 'v1',
    kind: 'Secret',
    name: parent.name,
    namespace: parent.namespace,
  });
  if (!existing) return { deletes: [], kept: [] };
  const annotations = ((existing['metadata'] as JsonObject)['annotations'] ?? {}) as Record<string, string>;
  const deletes: PlanItem[] = [];
  const kept: string[] = [];
  for (const gk of parseGroupKinds(annotations[APPLYSET_GROUP_KINDS])) {
    const [kind, ...group] = gk.split('.');
    const version = await conn.discovery.preferredVersion(group.join('.'));
    if (!version || !kind) continue;
    const r = await conn.discovery.resource(version, kind);
    for (const obj of await listObjects(
      conn,
      r,
      r.namespaced ? parent.namespace : undefined,
      `${APPLYSET_PART_OF}=${parent.id}`,
    )) {
      const ref = refOf(obj);
      // The same object under another served version is still the patch's: compare group-kind and name.
      const stillThere = [...current].some((k) => sameObject(k, ref));
      if (stillThere) continue;
      const owners = otherOwners((obj['metadata'] as JsonObject)['managedFields'] as ManagedFieldsEntry[] | undefined);
      if (owners.length) {
        kept.push(`${ref.kind} ${ref.name} (also managed by ${owners.join(', ')})`);
        continue;
      }
      deletes.push({ ...ref, key: refKey(ref), action: 'delete', changes: [], before: stripServerFields(obj) });
    }
  }
  return { deletes, kept };
}

function sameObject(key: string, ref: ObjectRef): boolean {
  const [apiVersion, kind, name] = key.split(' ');
  const [, group = ''] = /^(?:(.+)\/)?[^/]+$/.exec(apiVersion ?? '') ?? [];
  const refGroup = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
  const refName = `${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
  return group === refGroup && kind === ref.kind && name === refName;
}

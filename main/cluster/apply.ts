/**
 * Carries out a confirmed plan: the ApplySet parent first (listing every group-kind the set may
 * hold, so an apply cut short can still be pruned later), then server-side apply of each object
 * with field manager k8s-synth (force only to take over conflicting fields the user chose), then
 * the prune deletes, then the parent's group-kinds narrowed to what the patch holds now. Each
 * object's outcome is reported on its own; running apply again converges.
 */
import type { JsonObject } from '../synth/merge';
import type { Manifest } from '../synth/manifests';
import { APPLYSET_GROUP_KINDS, groupKind, parentManifest, parseGroupKinds } from './applyset';
import type { ClusterConnection } from './connection';
import { applyObject, conflictsOf, deleteObject, mapLimit, readObject, refKey, refOf } from './object-requests';
import { CONCURRENCY, prepareManifests, type ClusterPlan } from './plan';
import type { ApplyOutcome, ApplyItemResult, ApplyResult } from './types';
export type { ApplyOutcome, ApplyItemResult, ApplyResult };

export const TOOLING = 'k8s-synth/v1';

export function summarizeApply(items: readonly ApplyItemResult[]): string {
  const n = (o: ApplyOutcome) => items.filter((i) => i.outcome === o).length;
  const parts = (['created', 'configured', 'adopted', 'deleted', 'unchanged', 'conflict', 'failed'] as const)
    .filter((o) => n(o) > 0)
    .map((o) => `${n(o)} ${o === 'conflict' ? 'in conflict' : o}`);
  return parts.length ? parts.join(', ') : 'Nothing to do';
}

/**
 * Applies `plan` (from planApply over the same manifests). `takeOver`: keys of objects whose
 * conflicting fields the user chose to take over (re-applied with force).
 */
export async function applyPlan(
  conn: ClusterConnection,
  plan: ClusterPlan,
  manifests: readonly Manifest[],
  options: { takeOver?: ReadonlySet<string> } = {},
): Promise<ApplyResult> {
  const { namespace, applySet } = plan;
  const prepared = await prepareManifests(conn, manifests, namespace, applySet);
  const wanted = new Map(prepared.map((p) => [refKey(refOf(p.manifest)), p]));
  const kinds = new Set(prepared.map((p) => groupKind(String(p.manifest['apiVersion']), String(p.manifest['kind']))));
  const secrets = await conn.discovery.resource('v1', 'Secret');
  const parentRef = { apiVersion: 'v1', kind: 'Secret', name: applySet.name, namespace };
  const before = await readObject(conn, secrets, parentRef);
  const old = parseGroupKinds(
    (((before?.['metadata'] as JsonObject | undefined)?.['annotations'] ?? {}) as Record<string, string>)[APPLYSET_GROUP_KINDS] ??
      '',
  );
  await applyObject(conn, secrets, parentManifest(applySet, [...old, ...kinds], TOOLING) as unknown as JsonObject, {
    dryRun: false,
    force: true,
  });

  const items = await mapLimit(plan.items, CONCURRENCY, async (item): Promise<ApplyItemResult> => {
    const base = { key: item.key, kind: item.kind, name: item.name };
    try {
      const r = await conn.discovery.resource(item.apiVersion, item.kind);
      if (item.action === 'delete') {
        await deleteObject(conn, r, item);
        return { ...base, outcome: 'deleted' };
      }
      if (item.action === 'unchanged') return { ...base, outcome: 'unchanged' };
      const p = wanted.get(item.key);
      if (!p) return { ...base, outcome: 'failed', error: 'The patch no longer has this object: diff again.' };
      if (p.error) return { ...base, outcome: 'failed', error: p.error };
      await applyObject(conn, r, p.manifest, { dryRun: false, force: options.takeOver?.has(item.key) ?? false });
      return { ...base, outcome: item.action === 'create' ? 'created' : item.action === 'adopt' ? 'adopted' : 'configured' };
    } catch (error) {
      const conflicts = conflictsOf(error);
      if (conflicts) return { ...base, outcome: 'conflict', conflicts };
      return { ...base, outcome: 'failed', error: conn.describe(error, namespace) };
    }
  });
  const ok = items.every((i) => i.outcome !== 'failed' && i.outcome !== 'conflict');
  // Narrowed only when everything went through, so what failed stays within reach of a later prune.
  if (ok)
    await applyObject(conn, secrets, parentManifest(applySet, kinds, TOOLING) as unknown as JsonObject, {
      dryRun: false,
      force: true,
    });
  return { context: conn.name, namespace, items, ok, summary: summarizeApply(items) };
}

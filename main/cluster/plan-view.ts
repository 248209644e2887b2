/**
 * A plan as the Cluster tab and the CLI show it: the one-line summary, each object's action and
 * changed fields, the conflicts, and the YAML of what is and what would be for the diff view.
 * Secret values are replaced by a placeholder: a diff must not put them on screen or in a log.
 */
import type { Json } from '../patch/model';
import { isJsonObject, type JsonObject } from '../synth/merge';
import { manifestsToYaml } from '../synth/yaml-text';
import type { FieldChange } from './field-diff';
import type { ClusterPlan, PlanItem } from './plan';
import type { PlanItemView, PlanView } from './types';
export type { PlanItemView, PlanView };

export const HIDDEN = '(hidden)';

function hideSecret(o: JsonObject | undefined): JsonObject | undefined {
  if (!o || o['kind'] !== 'Secret') return o;
  const copy = structuredClone(o);
  for (const key of ['data', 'stringData'])
    if (isJsonObject(copy[key])) copy[key] = Object.fromEntries(Object.keys(copy[key]).map((k) => [k, HIDDEN]));
  return copy;
}

const hideValue = (item: PlanItem, c: FieldChange): FieldChange => {
  if (item.kind !== 'Secret' || !/^(data|stringData)\b/.test(c.path)) return c;
  const hide = (v: Json | undefined) => (v === undefined ? undefined : HIDDEN);
  const before = hide(c.before);
  const after = hide(c.after);
  return { path: c.path, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) };
};

export function planView(id: string, plan: ClusterPlan): PlanView {
  const shown = plan.items.filter((i) => i.action !== 'unchanged');
  return {
    id,
    context: plan.context,
    namespace: plan.namespace,
    applySet: plan.applySet.id,
    summary: plan.summary,
    counts: plan.counts,
    kept: plan.kept,
    items: plan.items.map((i) => ({
      key: i.key,
      kind: i.kind,
      name: i.name,
      action: i.action,
      changes: i.changes.map((c) => hideValue(i, c)),
      ...(i.conflicts ? { conflicts: i.conflicts } : {}),
      ...(i.error ? { error: i.error } : {}),
    })),
    before: manifestsToYaml(shown.flatMap((i) => (i.before ? [hideSecret(i.before)!] : []))),
    after: manifestsToYaml(shown.flatMap((i) => (i.after ? [hideSecret(i.after)!] : []))),
  };
}

/**
 * Imported label selectors. A Deployment's spec.selector is immutable in a cluster and a Service's
 * selector is how the app finds its Pods, so a selector that is not our own
 * ({app.kubernetes.io/name: <workload>}) is kept verbatim: on the way in it decides which
 * workloads a Service's SELECT cables come from, and on the way out it is written back unchanged
 * while the cables still say the same thing.
 */
import type { Json } from '../patch/model';
import { isJsonObject, type JsonObject } from './merge';
import { LABEL_NAME } from './vocabulary';

const at = (v: Json | undefined, ...path: string[]): Json | undefined =>
  path.reduce<Json | undefined>((node, step) => (isJsonObject(node) ? node[step] : undefined), v);

/** A workload's Pod labels: a Deployment's template labels, a Pod's own. */
export function podLabels(manifest: Json): JsonObject {
  const labels =
    at(manifest, 'kind') === 'Deployment'
      ? at(manifest, 'spec', 'template', 'metadata', 'labels')
      : at(manifest, 'metadata', 'labels');
  return isJsonObject(labels) ? labels : {};
}

/** A Service selector that is not ours: a non-empty mapping without app.kubernetes.io/name. */
export function foreignServiceSelector(manifestOrForeign: Json | undefined): JsonObject | undefined {
  const selector = at(manifestOrForeign, 'spec', 'selector');
  return isJsonObject(selector) && Object.keys(selector).length > 0 && !(LABEL_NAME in selector) ? selector : undefined;
}

/** True when the Deployment selector is exactly the one we write ({matchLabels: {name label}}). */
export function isOwnDeploymentSelector(selector: Json | undefined): boolean {
  if (!isJsonObject(selector) || Object.keys(selector).join() !== 'matchLabels') return false;
  const labels = selector['matchLabels'];
  return isJsonObject(labels) && Object.keys(labels).join() === LABEL_NAME;
}

/** Names of the workloads whose Pod labels carry every pair of `selector`, sorted. */
export function selectedWorkloads(selector: JsonObject, workloads: readonly { name: string; manifest: Json }[]): string[] {
  const pairs = Object.entries(selector);
  const names = workloads
    .filter((w) => {
      const labels = podLabels(w.manifest);
      return pairs.every(([k, v]) => labels[k] === v);
    })
    .map((w) => w.name);
  return [...new Set(names)].sort();
}

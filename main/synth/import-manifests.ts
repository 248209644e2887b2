/**
 * Imports real-world manifests into a new patch: the kinds the rack models become modules, every
 * other object (ConfigMap, Secret, a custom resource) an Object module holding it verbatim, in a
 * row of their own; a Service whose selector uses its own labels (app: web) is wired to the one
 * workload whose Pod labels match it. Documents that are not objects (a kustomization.yaml, with
 * no metadata.name) are left out with a warning.
 */
import type { Catalog } from '../patch/catalog';
import type { Json } from '../patch/model';
import { importYaml, type ImportResult } from './import';
import { isJsonObject, type JsonObject } from './merge';
import { MODELLED_KINDS, objectId } from './objects';
import { LABEL_NAME } from './vocabulary';
import { manifestsToYaml, readYamlText } from './yaml-text';

export type ManifestImport =
  ({ ok: true } & Extract<ImportResult, { ok: true }> & { warnings: string[] }) | { ok: false; error: string };

const labelsOf = (doc: JsonObject): Record<string, Json> => {
  const spec =
    doc['kind'] === 'Deployment' && isJsonObject(doc['spec']) && isJsonObject(doc['spec']['template'])
      ? doc['spec']['template']
      : doc;
  const meta = isJsonObject(spec) ? spec['metadata'] : undefined;
  return isJsonObject(meta) && isJsonObject(meta['labels']) ? meta['labels'] : {};
};
const nameOf = (doc: JsonObject) => (isJsonObject(doc['metadata']) ? String(doc['metadata']['name'] ?? '') : '');

/** `files`: [name, text] pairs (a folder's YAML files, or one multi-document file). */
export function importManifests(
  files: readonly (readonly [string, string])[],
  catalog: Catalog,
  extraWarnings: string[] = [],
): ManifestImport {
  const docs: JsonObject[] = [];
  const warnings = [...extraWarnings];
  for (const [file, text] of files) {
    const parsed = readYamlText(text);
    if (!parsed.ok) {
      const first = parsed.problems[0]!;
      return { ok: false, error: `${file}, document ${first.doc + 1}: ${first.message} (line ${first.line})` };
    }
    for (const { index, value } of parsed.docs) {
      if (!isJsonObject(value)) return { ok: false, error: `${file}, document ${index + 1}: not a Kubernetes object.` };
      if (value['kind'] === 'List' && Array.isArray(value['items'])) docs.push(...value['items'].filter(isJsonObject));
      else docs.push(value);
    }
  }
  const kept = docs.filter((d) => {
    const kind = String(d['kind']);
    if (MODELLED_KINDS[kind] || objectId(d)) return true;
    warnings.push(
      `${[kind, nameOf(d)].filter(Boolean).join(' ')} not imported: it is not a Kubernetes object (apiVersion, kind, metadata.name).`,
    );
    return false;
  });
  const workloads = kept.filter((d) => d['kind'] === 'Deployment' || d['kind'] === 'Pod');
  for (const svc of kept.filter((d) => d['kind'] === 'Service')) {
    const spec = isJsonObject(svc['spec']) ? svc['spec'] : undefined;
    const selector = spec && isJsonObject(spec['selector']) ? spec['selector'] : undefined;
    if (!spec || !selector || LABEL_NAME in selector) continue;
    const matches = workloads.filter((w) => Object.entries(selector).every(([k, v]) => labelsOf(w)[k] === v));
    if (matches.length === 1) spec['selector'] = { ...selector, [LABEL_NAME]: nameOf(matches[0]!) };
    else warnings.push(`Service ${nameOf(svc)} selects ${matches.length} workloads; no SELECT cables patched.`);
  }
  const result = importYaml(manifestsToYaml(kept), catalog);
  if (!result.ok) return { ok: false, error: result.problems.map((p) => p.message).join('; ') };
  return { ok: true, patch: result.patch, warnings };
}

/**
 * Imports real-world manifests into a new patch: the kinds the rack models become modules, every
 * other object (ConfigMap, Secret, a custom resource) an Object module holding it verbatim, in a
 * row of their own; a Service whose selector uses its own labels (app: web) is wired to the
 * workloads whose Pod labels match it, and both kinds of selector are exported as they came. Documents that are not objects (a kustomization.yaml, with
 * no metadata.name) are left out with a warning.
 */
import { parseAllDocuments } from 'yaml';
import type { Catalog } from '../patch/catalog';
import type { Json } from '../patch/model';
import { importYaml, type ImportResult } from './import';
import { isJsonObject, type JsonObject } from './merge';
import { MODELLED_KINDS, objectId } from './objects';
import { foreignServiceSelector, selectedWorkloads } from './selectors';
import { manifestsToYaml } from './yaml-text';

export type ManifestImport =
  ({ ok: true } & Extract<ImportResult, { ok: true }> & { warnings: string[] }) | { ok: false; error: string };

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
    const parsed = parseAllDocuments(text);
    for (const [i, d] of parsed.entries()) {
      if (d.errors.length) return { ok: false, error: `${file}, document ${i + 1}: ${d.errors[0]!.message.split('\n')[0]}` };
      const value = d.toJS() as Json;
      if (value === null || value === undefined) continue;
      if (!isJsonObject(value)) return { ok: false, error: `${file}, document ${i + 1}: not a Kubernetes object.` };
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
  const workloads = kept
    .filter((d) => d['kind'] === 'Deployment' || d['kind'] === 'Pod')
    .map((d) => ({ name: nameOf(d), manifest: d }));
  for (const svc of kept.filter((d) => d['kind'] === 'Service')) {
    const selector = foreignServiceSelector(svc);
    if (selector && selectedWorkloads(selector, workloads).length === 0)
      warnings.push(`Service ${nameOf(svc)} selects no workload in these files; no SELECT cables patched.`);
  }
  const result = importYaml(manifestsToYaml(kept), catalog);
  if (!result.ok) return { ok: false, error: result.problems.map((p) => p.message).join('; ') };
  return { ok: true, patch: result.patch, warnings };
}

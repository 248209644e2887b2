/**
 * Imports real-world manifests into a new patch: the kinds the rack models become modules, every
 * other object (ConfigMap, Secret, a custom resource) an Object module holding it verbatim, in a
 * row of their own; a Service whose selector uses its own labels (app: web) is wired to the
 * workloads whose Pod labels match it, and both kinds of selector are exported as they came.
 * Comments come along (yaml-comments.ts). Documents that are not objects (a kustomization.yaml,
 * with no metadata.name) are left out with a warning.
 */
import type { Catalog } from '../patch/catalog';
import { MAX_RACK_HP } from '../patch/model';
import { importYaml, type ImportResult } from './import';
import { isJsonObject, type JsonObject } from './merge';
import { MODELLED_KINDS, objectId } from './objects';
import { foreignServiceSelector, selectedWorkloads } from './selectors';
import type { DocComments } from './yaml-comments';
import { manifestsToYaml, readYamlText } from './yaml-text';

export type ManifestImport =
  ({ ok: true } & Extract<ImportResult, { ok: true }> & { warnings: string[] }) | { ok: false; error: string };

const nameOf = (doc: JsonObject) => (isJsonObject(doc['metadata']) ? String(doc['metadata']['name'] ?? '') : '');

interface Read {
  doc: JsonObject;
  comments: DocComments | undefined;
  /** "deploy.yaml, document 2", for warnings about a document with no kind or name. */
  where: string;
}

/** What a document is called in a warning: its kind and name, or where it is when it has neither. */
function describe(r: Read): string {
  const kind = typeof r.doc['kind'] === 'string' ? r.doc['kind'] : undefined;
  const name = nameOf(r.doc);
  if (kind && name) return `${kind} ${name}`;
  return `${r.where}${kind ? ` (${kind})` : ''}${name ? ` (${name})` : ''}`;
}

/** `files`: [name, text] pairs (a folder's YAML files, or one multi-document file). */
export function importManifests(
  files: readonly (readonly [string, string])[],
  catalog: Catalog,
  extraWarnings: string[] = [],
): ManifestImport {
  const reads: Read[] = [];
  const warnings = [...extraWarnings];
  for (const [file, text] of files) {
    const parsed = readYamlText(text);
    if (!parsed.ok) {
      const first = parsed.problems[0]!;
      return { ok: false, error: `${file}, document ${first.doc + 1}: ${first.message} (line ${first.line})` };
    }
    for (const { index, value, comments } of parsed.docs) {
      const where = `${file}, document ${index + 1}`;
      if (!isJsonObject(value)) return { ok: false, error: `${where}: not a Kubernetes object.` };
      if (value['kind'] === 'List' && Array.isArray(value['items']))
        reads.push(...value['items'].filter(isJsonObject).map((doc) => ({ doc, comments: undefined, where })));
      else reads.push({ doc: value, comments, where });
    }
  }
  return importReads(reads, catalog, warnings);
}

/** Objects already read (a cluster's namespace, `source`): imported as the documents of one file are. */
export function importObjects(
  source: string,
  objects: readonly JsonObject[],
  catalog: Catalog,
  extraWarnings: string[] = [],
): ManifestImport {
  const reads = objects.map((doc, i) => ({ doc, comments: undefined, where: `${source}, document ${i + 1}` }));
  return importReads(reads, catalog, [...extraWarnings]);
}

function importReads(reads: readonly Read[], catalog: Catalog, warnings: string[]): ManifestImport {
  const kept = reads.filter((r) => {
    if (MODELLED_KINDS[String(r.doc['kind'])] || objectId(r.doc)) return true;
    warnings.push(`${describe(r)} not imported: it is not a Kubernetes object (apiVersion, kind, metadata.name).`);
    return false;
  });
  const workloads = kept
    .filter((r) => r.doc['kind'] === 'Deployment' || r.doc['kind'] === 'Pod')
    .map((r) => ({ name: nameOf(r.doc), manifest: r.doc }));
  for (const { doc } of kept.filter((r) => r.doc['kind'] === 'Service')) {
    const selector = foreignServiceSelector(doc);
    if (selector && selectedWorkloads(selector, workloads).length === 0)
      warnings.push(`Service ${nameOf(doc)} selects no workload in these files; no SELECT cables patched.`);
  }
  const comments = new Map(kept.map((r) => [r.doc, r.comments]));
  const result = importYaml(
    manifestsToYaml(
      kept.map((r) => r.doc),
      (m) => comments.get(m),
    ),
    catalog,
    undefined,
    // Built as wide as a rack goes, so a namespace of a thousand objects fits in its rows; the
    // callers' layoutImport then chooses the rack's readable size.
    { rows: 1, hp: MAX_RACK_HP },
  );
  if (!result.ok) return { ok: false, error: result.problems.map((p) => p.message).join('; ') };
  return { ok: true, patch: result.patch, warnings };
}

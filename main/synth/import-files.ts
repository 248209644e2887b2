/**
 * The whole import of files (File > Import and `k8s-synth import`): each file is read as
 * docker-compose when its content is one (a top-level `services:` mapping, whatever the file is
 * called), else as manifests; the patch gets scheduler Nodes when it names none, and the
 * hello-web layout. Warnings say what was not carried over; notices what was added.
 */
import type { Catalog } from '../patch/catalog';
import type { Patch } from '../patch/model';
import { composeToManifests, isComposeText } from './compose';
import { importManifests } from './import-manifests';
import { layoutImport } from './import-layout';
import { addSchedulerNodes } from './import-nodes';
import { manifestsToYaml } from './yaml-text';

export type FilesImport =
  { ok: true; patch: Patch; warnings: string[]; notices: string[]; compose: boolean } | { ok: false; error: string };

export function importFiles(files: readonly (readonly [string, string])[], catalog: Catalog): FilesImport {
  const warnings: string[] = [];
  let compose = false;
  const manifests: [string, string][] = [];
  for (const [name, text] of files) {
    if (!isComposeText(text)) {
      manifests.push([name, text]);
      continue;
    }
    compose = true;
    try {
      const converted = composeToManifests(text);
      manifests.push([name, manifestsToYaml(converted.manifests)]);
      warnings.push(...converted.warnings.map((w) => (files.length > 1 ? `${name}: ${w}` : w)));
    } catch (error) {
      return { ok: false, error: `${name}: ${(error as Error).message}` };
    }
  }
  const result = importManifests(manifests, catalog, warnings);
  if (!result.ok) return result;
  const nodes = addSchedulerNodes(result.patch, catalog);
  return {
    ok: true,
    patch: layoutImport(nodes.patch, catalog),
    warnings: result.warnings,
    notices: nodes.notice ? [nodes.notice] : [],
    compose,
  };
}

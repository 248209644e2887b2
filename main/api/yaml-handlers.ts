/**
 * Handlers of the YAML requests: the saved file's patch for the diff view, and imports
 * of Kubernetes manifests or docker-compose files as a new untitled patch. Inputs were validated by
 * the dispatcher; the file reading lives here, the mapping in main/synth (pure).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Catalog } from '../patch/catalog';
import { parsePatchFile } from '../patch/file';
import { composeToManifests } from '../synth/compose';
import { importManifests } from '../synth/import-manifests';
import { manifestsToYaml } from '../synth/yaml-text';
import type { DocumentService } from '../files/document-service';
import { describeFsError } from '../files/fs-errors';
import type { Handlers } from './dispatcher';

/** Larger than any manifest set a rack can hold; keeps a wrong path from reading gigabytes. */
const MAX_IMPORT_BYTES = 16 * 1024 * 1024;
const MANIFEST_FILE = /\.(ya?ml|json)$/i;
const COMPOSE_FILE = /^(docker-)?compose(\.[\w-]+)?\.ya?ml$/i;

async function readImport(target: string): Promise<{ files: [string, string][]; compose: boolean }> {
  const info = await stat(target);
  if (!info.isDirectory()) {
    if (info.size > MAX_IMPORT_BYTES) throw new Error(`${path.basename(target)} is larger than 16 MB.`);
    return {
      files: [[path.basename(target), await readFile(target, 'utf8')]],
      compose: COMPOSE_FILE.test(path.basename(target)),
    };
  }
  const names = (await readdir(target)).filter((n) => MANIFEST_FILE.test(n)).sort();
  if (names.length === 0) throw new Error(`${path.basename(target)} has no .yaml, .yml or .json files.`);
  const files: [string, string][] = [];
  let total = 0;
  for (const name of names) {
    const text = await readFile(path.join(target, name), 'utf8');
    total += text.length;
    if (total > MAX_IMPORT_BYTES) throw new Error(`${path.basename(target)} holds more than 16 MB of manifests.`);
    files.push([name, text]);
  }
  return { files, compose: false };
}

export function createYamlHandlers({ documents, catalog }: { documents: DocumentService; catalog: Catalog }) {
  return {
    'yaml.saved': async () => {
      const file = documents.state().path;
      if (!file) return { ok: false as const, error: 'The patch is not saved yet: there is no file to compare with.' };
      try {
        const parsed = parsePatchFile(await readFile(file, 'utf8'), catalog);
        if (!parsed.ok) return { ok: false as const, error: `${path.basename(file)}: ${parsed.error}` };
        return { ok: true as const, path: file, patch: parsed.document.patch };
      } catch (error) {
        return { ok: false as const, error: `Could not read ${path.basename(file)}: ${describeFsError(error)}.` };
      }
    },
    'yaml.import': async ({ path: target }) => {
      let read: Awaited<ReturnType<typeof readImport>>;
      try {
        read = await readImport(target);
      } catch (error) {
        return {
          ok: false as const,
          error: `Could not import ${path.basename(target)}: ${error instanceof Error && !('code' in error) ? error.message : describeFsError(error)}`,
        };
      }
      let files = read.files;
      const warnings: string[] = [];
      if (read.compose) {
        try {
          const compose = composeToManifests(files[0]![1]);
          files = [[files[0]![0], manifestsToYaml(compose.manifests)]];
          warnings.push(...compose.warnings);
        } catch (error) {
          return { ok: false as const, error: `Could not import ${path.basename(target)}: ${(error as Error).message}` };
        }
      }
      const result = importManifests(files, catalog, warnings);
      if (!result.ok) return { ok: false as const, error: `Could not import ${path.basename(target)}: ${result.error}` };
      documents.restore({ patch: result.patch, unloaded: { modules: [], cables: [] } }, null, true);
      return { ok: true as const, warnings: result.warnings, file: documents.state() };
    },
  } satisfies Partial<Handlers>;
}

/**
 * Handlers of the YAML requests: the saved file's patch for the diff view, and imports
 * of Kubernetes manifests or docker-compose files as a new untitled patch. Inputs were validated by
 * the dispatcher; the file reading lives here, the mapping in main/synth (pure).
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Catalog } from '../patch/catalog';
import { parsePatchFile } from '../patch/file';
import { composeToManifests } from '../synth/compose';
import { importManifests } from '../synth/import-manifests';
import { manifestsToYaml } from '../synth/yaml-text';
import type { DocumentService } from '../files/document-service';
import { describeFsError } from '../files/fs-errors';
import { readTextFile } from '../files/read-bounded';
import { INPUT_BUDGET, formatBytes } from '../patch/input-budget';
import type { Handlers } from './dispatcher';

/** Larger than any manifest set a rack can hold; keeps a wrong path from reading gigabytes. */
const MAX_IMPORT_BYTES = INPUT_BUDGET.yamlImportBytes;
const MANIFEST_FILE = /\.(ya?ml|json)$/i;
const COMPOSE_FILE = /^(docker-)?compose(\.[\w-]+)?\.ya?ml$/i;

/** One file of an import, read as text; devices, FIFOs and oversized files are refused. */
async function readImportFile(file: string, maxBytes: number, warnings: string[]): Promise<string> {
  const read = await readTextFile(file, path.basename(file), maxBytes);
  if (!read.ok) throw new Error(`${path.basename(file)}: ${read.reason}.`);
  warnings.push(...read.warnings);
  return read.text;
}

async function readImport(target: string): Promise<{ files: [string, string][]; compose: boolean; warnings: string[] }> {
  const warnings: string[] = [];
  // stat never blocks, not even on a FIFO; each file is then opened non-blocking and checked.
  const info = await stat(target);
  if (!info.isDirectory()) {
    return {
      files: [[path.basename(target), await readImportFile(target, MAX_IMPORT_BYTES, warnings)]],
      compose: COMPOSE_FILE.test(path.basename(target)),
      warnings,
    };
  }
  const names = (await readdir(target)).filter((n) => MANIFEST_FILE.test(n)).sort();
  if (names.length === 0) throw new Error(`${path.basename(target)} has no .yaml, .yml or .json files.`);
  const files: [string, string][] = [];
  let total = 0;
  for (const name of names) {
    const text = await readImportFile(path.join(target, name), MAX_IMPORT_BYTES - total, warnings);
    total += Buffer.byteLength(text);
    files.push([name, text]);
  }
  if (total > MAX_IMPORT_BYTES)
    throw new Error(`${path.basename(target)} holds more than ${formatBytes(MAX_IMPORT_BYTES)} of manifests.`);
  return { files, compose: false, warnings };
}

export function createYamlHandlers({ documents, catalog }: { documents: DocumentService; catalog: Catalog }) {
  return {
    'yaml.saved': async () => {
      const file = documents.state().path;
      if (!file) return { ok: false as const, error: 'The patch is not saved yet: there is no file to compare with.' };
      const read = await readTextFile(file, path.basename(file), INPUT_BUDGET.patchBytes);
      if (!read.ok) return { ok: false as const, error: `Could not read ${path.basename(file)}: ${read.reason}.` };
      const parsed = parsePatchFile(read.text, catalog);
      if (!parsed.ok) return { ok: false as const, error: `${path.basename(file)}: ${parsed.error}` };
      return { ok: true as const, path: file, patch: parsed.document.patch };
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
      const warnings: string[] = [...read.warnings];
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

/**
 * Handlers of the YAML requests: the saved file's patch for the diff view, and imports
 * of Kubernetes manifests or docker-compose files as a new untitled patch. Inputs were validated by
 * the dispatcher; the file reading lives here, the mapping in main/synth (pure).
 */
import path from 'node:path';
import type { Catalog } from '../patch/catalog';
import { parsePatchFile } from '../patch/file';
import { importFiles } from '../synth/import-files';
import { readImportSource } from '../files/read-import';
import type { DocumentService } from '../files/document-service';
import { describeFsError } from '../files/fs-errors';
import { readTextFile } from '../files/read-bounded';
import { INPUT_BUDGET } from '../patch/input-budget';
import type { Handlers } from './dispatcher';

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
      let files: [string, string][];
      const readWarnings: string[] = [];
      try {
        files = await readImportSource(target, readWarnings);
      } catch (error) {
        return {
          ok: false as const,
          error: `Could not import ${path.basename(target)}: ${error instanceof Error && !('code' in error) ? error.message : describeFsError(error)}`,
        };
      }
      const result = importFiles(files, catalog);
      if (!result.ok) return { ok: false as const, error: `Could not import ${path.basename(target)}: ${result.error}` };
      documents.restore({ patch: result.patch, unloaded: { modules: [], cables: [] } }, null, true);
      return {
        ok: true as const,
        warnings: [...readWarnings, ...result.warnings],
        notices: result.notices,
        file: documents.state(),
      };
    },
  } satisfies Partial<Handlers>;
}

/**
 * Reads what File > Import and `k8s-synth import` were pointed at: one file, or a folder's
 * .yaml/.yml/.json files in name order, as [name, text] pairs. Whether a file is compose or
 * manifests is decided by its content (main/synth/import-files.ts), never by its name.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** Larger than any manifest set a rack can hold; keeps a wrong path from reading gigabytes. */
const MAX_IMPORT_BYTES = 16 * 1024 * 1024;
const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** Throws with a readable message (an fs error keeps its code for describeFsError). */
export async function readImportSource(target: string): Promise<[string, string][]> {
  const info = await stat(target);
  if (!info.isDirectory()) {
    if (info.size > MAX_IMPORT_BYTES) throw new Error(`${path.basename(target)} is larger than 16 MB.`);
    return [[path.basename(target), await readFile(target, 'utf8')]];
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
  return files;
}

/**
 * Reads what File > Import and `k8s-synth import` were pointed at: one file, or a folder's
 * .yaml/.yml/.json files in name order, as [name, text] pairs. Whether a file is compose or
 * manifests is decided by its content (main/synth/import-files.ts), never by its name. Every file
 * goes through the bounded reader: regular files only (never a device or FIFO), within the budget.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { formatBytes, INPUT_BUDGET } from '../patch/input-budget';
import { readTextFile } from './read-bounded';

/** Larger than any manifest set a rack can hold; keeps a wrong path from reading gigabytes. */
const MAX_IMPORT_BYTES = INPUT_BUDGET.yamlImportBytes;
const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/**
 * Throws with a readable message (an fs error keeps its code for describeFsError). What the
 * reader noticed on the way (invalid UTF-8) is pushed onto `warnings`.
 */
export async function readImportSource(target: string, warnings: string[] = []): Promise<[string, string][]> {
  // stat never blocks, not even on a FIFO; each file is then opened non-blocking and checked.
  const info = await stat(target);
  if (!info.isDirectory()) return [[path.basename(target), await readOne(target, MAX_IMPORT_BYTES, warnings)]];
  const names = (await readdir(target)).filter((n) => MANIFEST_FILE.test(n)).sort();
  if (names.length === 0) throw new Error(`${path.basename(target)} has no .yaml, .yml or .json files.`);
  const files: [string, string][] = [];
  let total = 0;
  for (const name of names) {
    if (total >= MAX_IMPORT_BYTES)
      throw new Error(`${path.basename(target)} holds more than ${formatBytes(MAX_IMPORT_BYTES)} of manifests.`);
    const text = await readOne(path.join(target, name), MAX_IMPORT_BYTES - total, warnings);
    total += Buffer.byteLength(text);
    files.push([name, text]);
  }
  return files;
}

async function readOne(file: string, maxBytes: number, warnings: string[]): Promise<string> {
  const read = await readTextFile(file, path.basename(file), maxBytes);
  if (!read.ok) throw new Error(`${path.basename(file)}: ${read.reason}.`);
  warnings.push(...read.warnings);
  return read.text;
}

/**
 * Export and import of performances as `.k8sperf` files (format and checks: performance-file.ts).
 * Export writes atomically; import stores a file only when every check passes, so a damaged or
 * foreign file changes nothing.
 */
import type { Result } from '../patch/result';
import { basename, resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { PerformanceInfo } from '../../preload/contract';
import type { Catalog } from '../patch/catalog';
import { patchHash } from '../session/patch-hash';
import { applyEvents } from './core/replay-scheduler';
import { describeFsError } from '../files/fs-errors';
import { readTextFile } from '../files/read-bounded';
import { INPUT_BUDGET } from '../patch/input-budget';
import { describeDbError } from './database';
import { parsePerformance, PERFORMANCE_FILE_EXTENSION, serializePerformance } from './performance-file';
import type { PerformanceStore } from './performance-store';

/** Writes performance `id` to `path` (".k8sperf" appended when missing), atomically. */
export async function exportPerformance(
  performances: PerformanceStore,
  catalog: Catalog,
  id: number,
  path: string,
): Promise<Result<{ path: string }>> {
  const perf = performances.load(id);
  if (!perf) return { ok: false, error: `There is no performance ${id}.` };
  const file = withExtension(resolve(path));
  const final = applyEvents(perf.start, perf.events, 0, perf.events.length, catalog);
  try {
    await writeFileAtomic(file, serializePerformance(perf, patchHash(final)));
  } catch (error) {
    return { ok: false, error: `Could not write ${basename(file)}: ${describeFsError(error)}.` };
  }
  return { ok: true, path: file };
}

/** Reads and checks a performance file; stores it only when every check passes. */
export async function importPerformance(
  performances: PerformanceStore,
  catalog: Catalog,
  path: string,
): Promise<Result<{ performance: PerformanceInfo }>> {
  const file = resolve(path);
  const name = basename(file);
  const read = await readTextFile(file, name, INPUT_BUDGET.performanceBytes);
  if (!read.ok) return { ok: false, error: `Could not import ${name}: ${read.reason}.` };
  const parsed = parsePerformance(read.text, catalog);
  if (!parsed.ok) return { ok: false, error: `Could not import ${name}: ${parsed.error}` };
  try {
    const id = performances.insert(parsed.performance);
    return { ok: true, performance: performances.info(id)! };
  } catch (error) {
    return { ok: false, error: `Could not store ${name}: ${describeDbError(error)}.` };
  }
}

function withExtension(path: string): string {
  return path.toLowerCase().endsWith(PERFORMANCE_FILE_EXTENSION) ? path : `${path}${PERFORMANCE_FILE_EXTENSION}`;
}

/**
 * The performance file (.k8sperf): one self-contained, versioned JSON document holding the
 * starting patch (in the .k8spatch format), every timed event, the markers and the hash of the
 * final patch. Import checks everything before anything is stored: the format and version, every
 * event's shape and order, that every op applies to the patch it was recorded on, and that the
 * replay ends on the recorded hash. A damaged or foreign file gives one clear error.
 *
 * `eventsHash` covers the starting patch and every event, so an altered intermediate event (a
 * knob value along the way) is caught even when the final patch is the same. It was added
 * without a version change: older apps ignore the field and still read new files, and files
 * written before it (no `eventsHash`) still load, checked as before by the final patch only. Both
 * hashes detect damage and careless edits; neither resists forgery (anyone can recompute them).
 */
import type { Result } from '../patch/result';
import { z } from 'zod';
import { applyOp } from '../patch/apply';
import type { Catalog } from '../patch/catalog';
import { parsePatchFile, serializePatch } from '../patch/file';
import { PatchSchema, type Patch } from '../patch/model';
import { OP_SOURCES, OpSchema } from '../patch/ops';
import { INPUT_BUDGET, jsonTextDepthProblem, sizeProblem } from '../patch/input-budget';
import { canonicalJson, hashString, patchHash } from '../session/patch-hash';
import type { PerformanceEvent } from './core/replay-scheduler';
import type { Marker, Performance } from './performance-store';

export const PERFORMANCE_FORMAT = 'k8s-synth/performance';
export const PERFORMANCE_SCHEMA_VERSION = 1;
export const PERFORMANCE_FILE_EXTENSION = '.k8sperf';

const EventSchema = z.discriminatedUnion('kind', [
  z.object({ t: z.number().finite().min(0), kind: z.literal('ops'), source: z.enum(OP_SOURCES), ops: z.array(OpSchema) }),
  z.object({ t: z.number().finite().min(0), kind: z.literal('reset'), source: z.enum(OP_SOURCES), patch: PatchSchema }),
]);

const FileSchema = z.object({
  format: z.literal(PERFORMANCE_FORMAT, { message: `expected "${PERFORMANCE_FORMAT}": this is not a k8s-synth performance` }),
  schemaVersion: z.literal(PERFORMANCE_SCHEMA_VERSION),
  name: z.string().min(1).max(200),
  created: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'a date'),
  length: z.number().finite().min(0),
  markers: z.array(z.object({ t: z.number().finite().min(0), label: z.string().max(200) })),
  start: z.unknown(),
  events: z.array(EventSchema),
  finalHash: z.string().regex(/^[0-9a-f]{14}$/),
  eventsHash: z
    .string()
    .regex(/^[0-9a-f]{14}$/)
    .optional(),
});

/** The hash of the file's `start` and every event, in order (canonical JSON, key order ignored). */
function eventsHash(start: unknown, events: readonly unknown[]): string {
  return hashString(canonicalJson({ start, events }));
}

export interface ImportedPerformance {
  name: string;
  created: number;
  length: number;
  markers: Marker[];
  start: Patch;
  events: PerformanceEvent[];
  finalHash: string;
}

/** The file text; `finalHash` is the hash of the patch after the last event (see replay.applyEvents). */
export function serializePerformance(perf: Performance, finalHash: string): string {
  const start = JSON.parse(serializePatch({ patch: perf.start, unloaded: { modules: [], cables: [] } })) as unknown;
  return (
    JSON.stringify({
      format: PERFORMANCE_FORMAT,
      schemaVersion: PERFORMANCE_SCHEMA_VERSION,
      name: perf.info.name,
      created: new Date(perf.info.created).toISOString(),
      length: perf.info.length,
      markers: perf.info.markers,
      start,
      events: perf.events,
      finalHash,
      eventsHash: eventsHash(start, perf.events),
    }) + '\n'
  );
}

/** Parses and fully checks a performance file; never throws. */
export function parsePerformance(text: string, catalog: Catalog): Result<{ performance: ImportedPerformance }> {
  const overBudget =
    sizeProblem(text.length, INPUT_BUDGET.performanceBytes, 'The file') ??
    jsonTextDepthProblem(text, INPUT_BUDGET.documentDepth, 'The file');
  if (overBudget) return { ok: false, error: overBudget };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, error: 'The file is not valid JSON: it is damaged or not a performance.' };
  }
  const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (
    (raw as { format?: unknown } | null)?.format === PERFORMANCE_FORMAT &&
    typeof version === 'number' &&
    version > PERFORMANCE_SCHEMA_VERSION
  )
    return {
      ok: false,
      error: `The performance was written by a newer k8s-synth (format version ${version}); update the app to open it.`,
    };
  const parsed = FileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      error: `The file is not a valid performance: ${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}.`,
    };
  }
  const file = parsed.data;
  if (file.start === undefined) return { ok: false, error: 'The file is not a valid performance: start: missing.' };
  const start = parsePatchFile(JSON.stringify(file.start), catalog);
  if (!start.ok) return { ok: false, error: `The performance's starting patch cannot be loaded: ${start.error}` };
  if (start.warnings.length)
    return { ok: false, error: `The performance uses modules this app cannot load: ${start.warnings.join('; ')}` };
  const events = file.events as PerformanceEvent[];
  let patch = start.document.patch;
  for (const [i, event] of events.entries()) {
    if (i > 0 && event.t < events[i - 1]!.t) return { ok: false, error: `Event ${i + 1} is earlier than the one before it.` };
    if (event.t > file.length) return { ok: false, error: `Event ${i + 1} lies after the end of the performance.` };
    if (event.kind === 'reset') {
      patch = event.patch;
      continue;
    }
    for (const op of event.ops) {
      const result = applyOp(patch, op, catalog);
      if (!result.ok)
        return {
          ok: false,
          error: `Event ${i + 1} (at ${(event.t / 1000).toFixed(3)} s) does not apply: ${result.error.message}`,
        };
      patch = result.patch;
    }
  }
  // After the replay, so an op that does not apply is named as such; then the events themselves.
  if (file.eventsHash !== undefined && eventsHash(file.start, file.events) !== file.eventsHash)
    return { ok: false, error: 'The events do not match their recorded hash: the file has been altered or damaged.' };
  if (patchHash(patch) !== file.finalHash)
    return { ok: false, error: 'Replaying the file does not reach the recorded final patch: it has been altered or damaged.' };
  return {
    ok: true,
    performance: {
      name: file.name,
      created: Date.parse(file.created),
      length: file.length,
      markers: file.markers,
      start: start.document.patch,
      events,
      finalHash: file.finalHash,
    },
  };
}

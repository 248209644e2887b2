/**
 * The .k8spatch file format (JSON, schema-versioned) and its tolerant loader. Pure: text in,
 * patch out. Loading never throws: a file that cannot be read at all gives an error naming the
 * field; a module or cable that cannot load is reported and kept verbatim in `unloaded`, so
 * saving the file again loses nothing (a newer app's module types survive an older app).
 */
import type { Result } from './result';
import { printParseErrorCode, visit, type ParseErrorCode } from 'jsonc-parser';
import { z } from 'zod';
import { applyOp } from './apply';
import type { Catalog } from './catalog';
import { INPUT_BUDGET, jsonTextDepthProblem, sizeProblem, stripBom, valueProblem } from './input-budget';
import { CableSchema, emptyPatch, ModuleSchema, RackSizeSchema, type Json, type Patch } from './model';

export const PATCH_FORMAT = 'k8s-synth/patch';
export const PATCH_SCHEMA_VERSION = 1;
export const PATCH_FILE_EXTENSION = '.k8spatch';

export interface Unloaded {
  modules: Json[];
  cables: Json[];
}

export interface PatchDocument {
  patch: Patch;
  /** Entries of the file this app could not load, written back unchanged on save. */
  unloaded: Unloaded;
}

export type LoadResult = Result<{ document: PatchDocument; warnings: string[] }>;

const FileSchema = z.object({
  format: z.literal(PATCH_FORMAT, { message: `expected "${PATCH_FORMAT}": this is not a k8s-synth patch` }),
  schemaVersion: z.number().int().min(1),
  rack: RackSizeSchema,
  modules: z.array(z.unknown()),
  cables: z.array(z.unknown()),
  unloaded: z.object({ modules: z.array(z.unknown()), cables: z.array(z.unknown()) }).optional(),
});

export function serializePatch(document: PatchDocument): string {
  const { patch, unloaded } = document;
  const file: Record<string, unknown> = {
    format: PATCH_FORMAT,
    schemaVersion: PATCH_SCHEMA_VERSION,
    rack: patch.rack,
    modules: patch.modules,
    cables: patch.cables,
  };
  if (unloaded.modules.length || unloaded.cables.length) file.unloaded = unloaded;
  return JSON.stringify(file, null, 2) + '\n';
}

/** Never throws; a file over the input budget (size, nesting) is refused before it is parsed. */
export function parsePatchFile(input: string, catalog: Catalog): LoadResult {
  if (typeof input !== 'string') return { ok: false, error: 'There is no patch here.' };
  const text = stripBom(input);
  const overBudget =
    sizeProblem(text.length, INPUT_BUDGET.patchBytes, 'The file') ??
    jsonTextDepthProblem(text, INPUT_BUDGET.documentDepth, 'The file');
  if (overBudget) return { ok: false, error: `${overBudget} The file was not changed.` };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `The file is not valid JSON (${jsonErrorWhere(text, e)}).` };
  }
  const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > PATCH_SCHEMA_VERSION)
    return {
      ok: false,
      error: `schemaVersion: the file was written by a newer k8s-synth (schema ${version}); this version reads schema ${PATCH_SCHEMA_VERSION}. Update k8s-synth to open it; the file was not changed.`,
    };
  const parsed = FileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `${issue.path.join('.') || 'file'}: ${issue.message}. The file was not changed.` };
  }
  return { ok: true, ...loadEntries(parsed.data, catalog) };
}

/** Adds each module and cable through applyOp, so a file gets exactly the checks an edit gets. */
function loadEntries(file: z.infer<typeof FileSchema>, catalog: Catalog): { document: PatchDocument; warnings: string[] } {
  let patch = emptyPatch(file.rack);
  const unloaded: Unloaded = {
    modules: (file.unloaded?.modules ?? []) as Json[],
    cables: (file.unloaded?.cables ?? []) as Json[],
  };
  const warnings: string[] = [];
  const failedModules = new Set<string>();
  file.modules.forEach((entry, i) => {
    const invalid = shapeProblem('add-module', entry);
    const result = invalid ? undefined : applyOp(patch, { type: 'add-module', module: entry as never }, catalog);
    if (result?.ok) {
      patch = result.patch;
      return;
    }
    const id = idOf(entry);
    if (id) failedModules.add(id);
    warnings.push(
      `modules[${i}]${id ? ` (${id})` : ''}: ${invalid ?? (result && !result.ok ? result.error.message : '')} — kept in the file, not shown.`,
    );
    unloaded.modules.push(entry as Json);
  });
  file.cables.forEach((entry, i) => {
    const invalid = shapeProblem('connect', entry);
    const result = invalid ? undefined : applyOp(patch, { type: 'connect', cable: entry as never }, catalog);
    if (result?.ok) {
      patch = result.patch;
      return;
    }
    const reason = invalid ?? (result && !result.ok ? result.error.message : '');
    const cable = entry as { from?: { module?: string }; to?: { module?: string } };
    // A cable to a module that did not load is reported with that module, not once more.
    if (!failedModules.has(cable.from?.module ?? '') && !failedModules.has(cable.to?.module ?? ''))
      warnings.push(`cables[${i}]${idOf(entry) ? ` (${idOf(entry)})` : ''}: ${reason} — kept in the file, not shown.`);
    unloaded.cables.push(entry as Json);
  });
  return { document: { patch, unloaded }, warnings };
}

function shapeProblem(kind: 'add-module' | 'connect', entry: unknown): string | undefined {
  // Keys zod would drop or refuse (and data past the data limit) are named before the schema runs.
  const data = (entry as { data?: unknown } | null)?.data;
  const budget = kind === 'add-module' ? valueProblem(data, INPUT_BUDGET.dataDepth, 'data', true) : undefined;
  if (budget) return budget;
  const parsed = (kind === 'add-module' ? ModuleSchema : CableSchema).safeParse(entry);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0]!;
  return `${issue.path.join('.') || 'entry'}: ${issue.message}`;
}

function idOf(entry: unknown): string | undefined {
  const id = (entry as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * "line 3, column 7: property name expected". JSON.parse's message carries no position on every
 * engine, so the location comes from jsonc-parser run in strict JSON mode. It stops at the first
 * error and builds no tree: a damaged 64 MB file costs one scan up to the damage, not a tree of it.
 */
function jsonErrorWhere(text: string, error: unknown): string {
  let first: { code: ParseErrorCode; line: number; column: number } | undefined;
  const stop = new Error('first JSON error found');
  try {
    visit(
      text,
      {
        onError: (code, _offset, _length, line, character) => {
          first = { code, line: line + 1, column: character + 1 };
          throw stop;
        },
      },
      { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
    );
  } catch (e) {
    if (e !== stop) throw e;
  }
  if (!first) return error instanceof Error ? error.message : String(error);
  return `line ${first.line}, column ${first.column}: ${printParseErrorCode(first.code)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()}`;
}

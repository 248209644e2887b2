/**
 * Copy, paste and duplicate as pure functions. The clipboard carries JSON of the selected modules
 * and the cables among them (VCV Rack's .vcvs idea, section 1.1 of the reference); a paste gives
 * every module and cable a new id, rewrites cable ends to the new module ids, and places the
 * modules at free slots, so the result is always a batch main's applyOp accepts.
 */
import type { Result } from '../../main/patch/result';
import { z } from 'zod';
import { applyOp } from '../../main/patch/apply';
import type { Catalog } from '../../main/patch/catalog';
import type { Slot } from '../../main/patch/layout';
import { CableSchema, ModuleSchema, type Cable, type Module, type Patch } from '../../main/patch/model';
import type { Op } from '../../main/patch/ops';
import { takenNames, uniqueName } from './names';
import { placeModules } from './placement';

/** Tag of our clipboard JSON, so foreign text is recognised and refused with a clear message. */
export const CLIPBOARD_FORMAT = 'k8s-synth/selection';

export interface ClipboardPayload {
  format: typeof CLIPBOARD_FORMAT;
  version: 1;
  modules: Module[];
  cables: Cable[];
}

const PayloadSchema = z.object({
  format: z.literal(CLIPBOARD_FORMAT),
  version: z.literal(1),
  modules: z.array(ModuleSchema).max(10_000),
  cables: z.array(CableSchema).max(100_000),
});

/** The selected modules and only the cables with both ends among them (a cable to a module left behind has nowhere to go). */
export function copySelection(patch: Patch, moduleIds: readonly string[]): ClipboardPayload {
  const ids = new Set(moduleIds);
  return {
    format: CLIPBOARD_FORMAT,
    version: 1,
    modules: patch.modules.filter((m) => ids.has(m.id)),
    cables: patch.cables.filter((c) => ids.has(c.from.module) && ids.has(c.to.module)),
  };
}

export function serializeClipboard(payload: ClipboardPayload): string {
  return JSON.stringify(payload, null, 2);
}

/** Reads clipboard text; anything that is not our selection JSON gives a sentence for the user. */
export function parseClipboard(text: string): Result<{ payload: ClipboardPayload }> {
  const notOurs = {
    ok: false as const,
    error: 'The clipboard holds no k8s-synth modules. Copy modules in the rack first (Ctrl+C).',
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return notOurs;
  }
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== CLIPBOARD_FORMAT) return notOurs;
  const parsed = PayloadSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      error: `The copied modules could not be read (${issue?.path.join('.') || 'root'}: ${issue?.message ?? 'invalid'}).`,
    };
  }
  return { ok: true, payload: parsed.data as ClipboardPayload };
}

export type PastePlan =
  | { ok: true; ops: Op[]; label: string; moduleIds: string[]; cableIds: string[]; skipped: string[] }
  | { ok: false; error: string };

/**
 * The ops that paste `payload` into `patch`: new ids from `makeId`, free slots nearest `anchor`
 * (default: where the modules were copied from), names made unique, cables among the pasted
 * modules kept. Modules whose type the catalog lacks, params it does not know and cables whose
 * ends are missing are dropped and listed in `skipped` (text may come from another version).
 */
export function planPaste(
  patch: Patch,
  catalog: Catalog,
  payload: ClipboardPayload,
  makeId: (prefix: string) => string,
  options: { anchor?: Slot; verb?: string } = {},
): PastePlan {
  const skipped: string[] = [];
  const modules = payload.modules.filter((m) => {
    if (catalog.get(m.type)) return true;
    skipped.push(`module ${m.id}: no "${m.type}" module in the catalog`);
    return false;
  });
  if (modules.length === 0)
    return { ok: false, error: skipped.length ? `Nothing to paste: ${skipped.join('; ')}.` : 'Nothing to paste.' };

  const placed = placeModules(patch, catalog, modules, options.anchor);
  if (!placed.ok) return placed;

  const usedIds = new Set([...patch.modules.map((m) => m.id), ...patch.cables.map((c) => c.id)]);
  const freshId = (prefix: string) => {
    let id = makeId(prefix);
    while (usedIds.has(id)) id = makeId(prefix);
    usedIds.add(id);
    return id;
  };
  const names = takenNames(patch);
  const idMap = new Map<string, string>();
  const ops: Op[] = [];
  // Each op is tried on a scratch copy with main's own applyOp, so text from another version
  // (a param out of range, a cable the wrong way round) drops that piece instead of the paste.
  let scratch = patch;
  let refusal = '';
  const accept = (op: Op): boolean => {
    const result = applyOp(scratch, op, catalog);
    if (!result.ok) {
      refusal = result.error.message;
      return false;
    }
    scratch = result.patch;
    ops.push(op);
    return true;
  };
  if (placed.rack) accept({ type: 'set-rack', rack: placed.rack });
  const pasted: Module[] = [];
  modules.forEach((m, i) => {
    const id = freshId('m');
    const data = { ...m.data };
    // Two Pods named alike would be one object to the cluster: a copy gets the next free name.
    if (typeof data.name === 'string' && names.has(data.name)) data.name = uniqueName(m.type, names);
    const module: Module = { id, type: m.type, ...placed.slots[i]!, params: knownParams(catalog, m), data };
    if (accept({ type: 'add-module', module }) || accept({ type: 'add-module', module: { ...module, params: {} } })) {
      idMap.set(m.id, id);
      pasted.push(m);
      if (typeof data.name === 'string') names.add(data.name);
    } else skipped.push(`module ${m.id}: ${refusal}`);
  });

  const cableIds: string[] = [];
  for (const c of payload.cables) {
    const from = idMap.get(c.from.module);
    const to = idMap.get(c.to.module);
    if (!from || !to) {
      skipped.push(`cable ${c.id}: one of its modules was not pasted`);
      continue;
    }
    const id = freshId('c');
    const op: Op = {
      type: 'connect',
      cable: { id, from: { ...c.from, module: from }, to: { ...c.to, module: to }, color: c.color },
    };
    if (accept(op)) cableIds.push(id);
    else skipped.push(`cable ${c.id}: ${refusal}`);
  }
  const moduleIds = [...idMap.values()];
  if (moduleIds.length === 0) return { ok: false, error: `Nothing to paste: ${skipped.join('; ')}.` };
  const what = moduleIds.length === 1 ? (catalog.get(pasted[0]!.type)?.name ?? pasted[0]!.type) : `${moduleIds.length} modules`;
  return { ok: true, ops, label: `${options.verb ?? 'paste'} ${what}`, moduleIds, cableIds, skipped };
}

/** Duplicate = copy + paste without touching the clipboard, placed next to the originals. */
export function planDuplicate(
  patch: Patch,
  catalog: Catalog,
  moduleIds: readonly string[],
  makeId: (prefix: string) => string,
): PastePlan {
  return planPaste(patch, catalog, copySelection(patch, moduleIds), makeId, { verb: 'duplicate' });
}

/** Params the catalog knows, so a copy from another app version cannot name a param main refuses. */
function knownParams(catalog: Catalog, m: Module): Record<string, number> {
  return Object.fromEntries(Object.entries(m.params).filter(([id]) => catalog.param(m.type, id)));
}

/**
 * Whether a cable may run between two jacks, and why not: a dry run of the very op main would
 * apply (the pure applyOp, same rules, same sentences), so the highlight while dragging, the
 * refusal on release and main's own check never disagree. Pure: no React, no store.
 */
import { applyOp } from '../../main/patch/apply';
import type { Catalog } from '../../main/patch/catalog';
import type { Cable, JackRef, Patch } from '../../main/patch/model';

/** A stable string key for a jack (module ids and jack ids never contain '/'). */
export function jackKey(module: string, jack: string): string {
  return `${module}/${jack}`;
}

export type Oriented = { ok: true; from: JackRef; to: JackRef } | { ok: false; reason: string };

/**
 * Puts two jacks in cable order, output first. A drag may start on either end (VCV lets you
 * start at an input); the op is always from output to input.
 */
export function orientConnection(patch: Patch, catalog: Catalog, a: JackRef, b: JackRef): Oriented {
  const da = direction(patch, catalog, a);
  const db = direction(patch, catalog, b);
  if (typeof da === 'object') return { ok: false, reason: da.reason };
  if (typeof db === 'object') return { ok: false, reason: db.reason };
  if (da === 'output' && db === 'input') return { ok: true, from: a, to: b };
  if (da === 'input' && db === 'output') return { ok: true, from: b, to: a };
  const [la, lb] = [label(patch, catalog, a), label(patch, catalog, b)];
  return { ok: false, reason: `${la} and ${lb} are both ${da}s: a cable runs from an output to an input.` };
}

/**
 * Why a cable between `a` and `b` (either order) would be refused, or null when main would take
 * it. `replacing` is the id of a cable being picked up and moved: it is unplugged first, so its
 * own input does not count as occupied.
 */
export function connectionProblem(patch: Patch, catalog: Catalog, a: JackRef, b: JackRef, replacing?: string): string | null {
  const oriented = orientConnection(patch, catalog, a, b);
  if (!oriented.ok) return oriented.reason;
  const base = replacing === undefined ? patch : without(patch, catalog, replacing);
  const probe: Cable = { id: PROBE_ID, from: oriented.from, to: oriented.to, color: '#000000' };
  const result = applyOp(base, { type: 'connect', cable: probe }, catalog);
  return result.ok ? null : result.error.message;
}

/**
 * For a drag starting at `start`, the verdict for every jack in the patch: null when a cable
 * may end there, else the reason. Computed once when the drag begins (a few ms at 300 modules).
 */
export function connectionVerdicts(
  patch: Patch,
  catalog: Catalog,
  start: JackRef,
  replacing?: string,
): Map<string, string | null> {
  const verdicts = new Map<string, string | null>();
  const base = replacing === undefined ? patch : without(patch, catalog, replacing);
  for (const m of patch.modules) {
    const def = catalog.get(m.type);
    if (!def) continue;
    for (const jack of def.jacks) {
      if (m.id === start.module && jack.id === start.jack) continue;
      verdicts.set(jackKey(m.id, jack.id), connectionProblem(base, catalog, start, { module: m.id, jack: jack.id }));
    }
  }
  return verdicts;
}

/** Never a real id (the id schema allows no '~'), so the probe cannot collide. */
const PROBE_ID = '~probe';

type Problem = { reason: string };

function direction(patch: Patch, catalog: Catalog, ref: JackRef): 'input' | 'output' | Problem {
  const m = patch.modules.find((x) => x.id === ref.module);
  if (!m) return { reason: `There is no module ${ref.module} in the patch.` };
  const jack = catalog.jack(m.type, ref.jack);
  if (!jack) return { reason: `${m.type} has no jack "${ref.jack}".` };
  return jack.direction;
}

function label(patch: Patch, catalog: Catalog, ref: JackRef): string {
  const m = patch.modules.find((x) => x.id === ref.module);
  return (m && catalog.jack(m.type, ref.jack)?.label) ?? ref.jack;
}

function without(patch: Patch, catalog: Catalog, cableId: string): Patch {
  const result = applyOp(patch, { type: 'disconnect', id: cableId }, catalog);
  return result.ok ? result.patch : patch;
}

/** The ops behind a module's context menu (VCV Rack's): disconnect its cables, initialize its knobs. */
import type { Catalog } from '../../main/patch/catalog';
import type { Patch } from '../../main/patch/model';
import type { Op } from '../../main/patch/ops';

/** Pulls every cable at the module's jacks. */
export function disconnectOps(patch: Patch, moduleId: string): Op[] {
  return patch.cables
    .filter((c) => c.from.module === moduleId || c.to.module === moduleId)
    .map((c) => ({ type: 'disconnect', id: c.id }));
}

/** Turns every knob and switch back to its default (only those that moved). */
export function initializeOps(patch: Patch, catalog: Catalog, moduleId: string): Op[] {
  const m = patch.modules.find((x) => x.id === moduleId);
  if (!m) return [];
  return Object.entries(catalog.defaultParams(m.type))
    .filter(([param, value]) => m.params[param] !== value)
    .map(([param, value]) => ({ type: 'set-param', id: moduleId, param, value }));
}

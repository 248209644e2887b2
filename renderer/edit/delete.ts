/** Deleting a selection: modules and cables together, as one batch and so one undo step. */
import type { Patch } from '../../main/patch/model';
import type { Op } from '../../main/patch/ops';

export interface SelectionIds {
  modules: readonly string[];
  cables: readonly string[];
}

/**
 * The ops that delete the selected modules and cables. Cables go first and only those not
 * attached to a deleted module (removing a module removes its cables, and a second disconnect
 * of the same cable would be refused); ids no longer in the patch are ignored.
 */
export function planDelete(patch: Patch, selection: SelectionIds): { ops: Op[]; label: string } {
  const modules = new Set(selection.modules.filter((id) => patch.modules.some((m) => m.id === id)));
  const cables = patch.cables.filter(
    (c) => selection.cables.includes(c.id) && !modules.has(c.from.module) && !modules.has(c.to.module),
  );
  const ops: Op[] = [
    ...cables.map((c): Op => ({ type: 'disconnect', id: c.id })),
    ...[...modules].map((id): Op => ({ type: 'remove-module', id })),
  ];
  return { ops, label: deleteLabel(modules.size, cables.length) };
}

function deleteLabel(modules: number, cables: number): string {
  const parts: string[] = [];
  if (modules) parts.push(modules === 1 ? 'module' : `${modules} modules`);
  if (cables) parts.push(cables === 1 ? 'cable' : `${cables} cables`);
  return `delete ${parts.join(' and ') || 'nothing'}`;
}

/**
 * Adding a module from the browser (click, Enter, or a drop on the canvas): one op batch that
 * places the module at the nearest free slot, growing the rack by a row when it is full, so the
 * add is one undo step ("add Pod") as in VCV Rack.
 */
import type { Result } from '../../main/patch/result';
import type { Catalog } from '../../main/patch/catalog';
import type { Slot } from '../../main/patch/layout';
import type { Module, Patch } from '../../main/patch/model';
import type { Op } from '../../main/patch/ops';
import { newId, notify, sendOps, setSelection, useRack } from '../store/rackStore';
import { takenNames, uniqueName } from './names';
import { placeModules } from './placement';

export type AddPlan = Result<{ ops: Op[]; label: string; module: Module }>;

/** The ops that add a `type` module with id `id` near `near` (pure; see addModuleAt). */
export function planAddModule(patch: Patch, catalog: Catalog, type: string, near: Slot, id: string): AddPlan {
  const def = catalog.get(type);
  if (!def) return { ok: false, error: `There is no "${type}" module in the catalog.` };
  const placed = placeModules(patch, catalog, [{ type, row: near.row, hp: near.hp }], near);
  if (!placed.ok) return placed;
  const slot = placed.slots[0]!;
  const module: Module = {
    id,
    type,
    row: slot.row,
    hp: slot.hp,
    params: catalog.defaultParams(type),
    data: { name: uniqueName(type, takenNames(patch)) },
  };
  const ops: Op[] = [];
  if (placed.rack) ops.push({ type: 'set-rack', rack: placed.rack });
  ops.push({ type: 'add-module', module });
  return { ok: true, ops, label: `add ${def.name}`, module };
}

/**
 * Adds a `type` module at the free slot nearest `near` and selects it. A refusal (unknown
 * type, full rack) is shown as a notice; nothing is changed locally until main echoes the op.
 */
export async function addModuleAt(type: string, near: { row: number; hp: number }): Promise<void> {
  const { patch, catalog } = useRack.getState();
  const plan = planAddModule(patch, catalog, type, near, newId('m'));
  if (!plan.ok) {
    notify('error', plan.error);
    return;
  }
  const result = await sendOps(plan.ops, { label: plan.label });
  if (result?.ok) setSelection({ modules: [plan.module.id], cables: [] });
}

/** Editing the selection: delete, duplicate, select all, select none. Each edit is one batch, one undo step. */
import { planDuplicate } from '../edit/clipboard';
import { planDelete } from '../edit/delete';
import { newId, notify, sendOps, setSelection, useRack } from '../store/rackStore';
import { shortcut } from './keys';
import { connected, type Action } from './types';

export const deleteSelection: Action = {
  id: 'edit.delete',
  label: 'Delete',
  shortcut: shortcut('Delete', 'Backspace'),
  enabled: (s) => connected(s) && (s.selection.modules.length > 0 || s.selection.cables.length > 0),
  async perform() {
    const { patch, selection } = useRack.getState();
    const { ops, label } = planDelete(patch, selection);
    await sendOps(ops, { label });
  },
};

export const duplicate: Action = {
  id: 'edit.duplicate',
  label: 'Duplicate',
  shortcut: shortcut('Mod+D'),
  enabled: (s) => connected(s) && s.selection.modules.length > 0,
  async perform() {
    const { patch, catalog, selection } = useRack.getState();
    const plan = planDuplicate(patch, catalog, selection.modules, newId);
    if (!plan.ok) return notify('error', plan.error);
    const result = await sendOps(plan.ops, { label: plan.label });
    // The copies become the selection, so a second Mod+D duplicates them again, as in VCV Rack.
    if (result?.ok) setSelection({ modules: plan.moduleIds, cables: plan.cableIds });
  },
};

export const selectAll: Action = {
  id: 'edit.selectAll',
  label: 'Select all',
  shortcut: shortcut('Mod+A'),
  enabled: (s) => s.patch.modules.length > 0,
  perform() {
    const { patch } = useRack.getState();
    setSelection({ modules: patch.modules.map((m) => m.id), cables: patch.cables.map((c) => c.id) });
  },
};

export const selectNone: Action = {
  id: 'edit.selectNone',
  label: 'Select none',
  shortcut: shortcut('Escape', 'Mod+Shift+A'),
  enabled: (s) => s.selection.modules.length > 0 || s.selection.cables.length > 0,
  perform() {
    setSelection({ modules: [], cables: [] });
  },
};

export const editActions: readonly Action[] = [deleteSelection, duplicate, selectAll, selectNone];

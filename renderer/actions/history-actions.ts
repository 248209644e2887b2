/** Undo and redo: main keeps the history; the renderer only asks and shows the step's name. */
import type { RequestOutput } from '../../preload/contract';
import { notify, useRack } from '../store/rackStore';
import { shortcut } from './keys';
import { connected, type Action } from './types';

function report(result: RequestOutput<'undo.undo'>): void {
  if (!result.ok) notify('error', result.error.message);
}

export const undo: Action = {
  id: 'history.undo',
  // VCV Rack names the step ("Undo add Pod"), so the user knows what the button will take back.
  label: 'Undo',
  stateLabel: (s) => (s.history.canUndo && s.history.undoLabel ? `Undo ${s.history.undoLabel}` : 'Undo'),
  shortcut: shortcut('Mod+Z'),
  enabled: (s) => connected(s) && s.history.canUndo,
  async perform() {
    const { client } = useRack.getState();
    if (client) report(await client.request('undo.undo', {}));
  },
};

export const redo: Action = {
  id: 'history.redo',
  label: 'Redo',
  stateLabel: (s) => (s.history.canRedo && s.history.redoLabel ? `Redo ${s.history.redoLabel}` : 'Redo'),
  shortcut: shortcut('Mod+Shift+Z', 'Mod+Y'),
  enabled: (s) => connected(s) && s.history.canRedo,
  async perform() {
    const { client } = useRack.getState();
    if (client) report(await client.request('undo.redo', {}));
  },
};

export const historyActions: readonly Action[] = [undo, redo];

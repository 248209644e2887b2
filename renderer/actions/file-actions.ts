/**
 * New, Open, Open example, Save and Save As. Electron has native dialogs (file.pickOpen,
 * file.pickSave); web mode has no file system access from the page, so the in-app FileDialog
 * asks for a path that main opens or writes. Discarding unsaved work always asks first.
 */
import type { LoadOutcome } from '../../preload/contract';
import { notify, useRack } from '../store/rackStore';
import { confirmDialog, openDialog } from '../shell/uiStore';
import { shortcut } from './keys';
import { connected, type Action } from './types';

/** The name of the open file for messages: its base name, or "Untitled". */
export function fileTitle(path: string | null): string {
  if (!path) return 'Untitled';
  return path.split(/[\\/]/).pop() || path;
}

/** Resolves true when there is nothing unsaved or the user agrees to discard it. */
export async function confirmDiscard(): Promise<boolean> {
  const { file } = useRack.getState();
  if (!file.dirty) return true;
  return confirmDialog({
    title: 'Unsaved changes',
    message: `Discard unsaved changes to ${fileTitle(file.path)}?`,
    confirmLabel: 'Discard changes',
  });
}

/**
 * Shows what went wrong with a load. Warnings are not shown here: main pushes them as a notice
 * itself, and showing them twice would read as two problems. Returns true when the file opened.
 */
export function reportLoad(outcome: LoadOutcome | null): boolean {
  if (!outcome) return false;
  if (!outcome.ok) notify('error', outcome.error);
  return outcome.ok;
}

/** A path to offer in Save As: the open file, else an untitled file beside the latest recent one. */
export function suggestSavePath(path: string | null, recent: readonly string[]): string {
  if (path) return path;
  const dir = recent[0]?.replace(/[\\/][^\\/]*$/, '');
  return dir ? `${dir}/Untitled.k8spatch` : '';
}

/** Why a typed path cannot be used, or undefined. Main resolves relative paths against its own cwd, which the user cannot see. */
export function checkPatchPath(path: string): string | undefined {
  const trimmed = path.trim();
  if (trimmed === '') return 'Type the path of a .k8spatch file.';
  if (!/^(\/|[A-Za-z]:[\\/]|\\\\)/.test(trimmed)) return 'Type an absolute path, such as /home/you/patches/live.k8spatch.';
  return undefined;
}

/** Opens the file at `path` (from the in-app dialog); true when it opened. */
export async function openPath(path: string): Promise<boolean> {
  return reportLoad(await client().request('file.open', { path: path.trim() }));
}

export async function openExampleNamed(name: string): Promise<boolean> {
  return reportLoad(await client().request('file.openExample', { name }));
}

/** Saves to `path` (web-mode Save As); true when saved. */
export async function saveToPath(path: string): Promise<boolean> {
  const result = await client().request('file.save', { path: path.trim() });
  if (result.ok) notify('info', `Saved ${fileTitle(result.file.path)}`);
  else notify('error', result.error);
  return result.ok;
}

function client() {
  const { client } = useRack.getState();
  if (!client) throw new Error('not connected to the rack editor');
  return client;
}

export const newPatch: Action = {
  id: 'file.new',
  label: 'New',
  shortcut: shortcut('Mod+N'),
  enabled: connected,
  async perform() {
    if (!(await confirmDiscard())) return;
    await client().request('file.new', {});
  },
};

export const openPatch: Action = {
  id: 'file.open',
  label: 'Open…',
  shortcut: shortcut('Mod+O'),
  enabled: connected,
  async perform() {
    if (!(await confirmDiscard())) return;
    if (useRack.getState().info?.nativeDialogs) reportLoad(await client().request('file.pickOpen', {}));
    else openDialog({ kind: 'open' });
  },
};

/** Examples ship inside the app, so even Electron lists them in the in-app dialog. */
export const openExample: Action = {
  id: 'file.openExample',
  label: 'Open example…',
  enabled: connected,
  async perform() {
    if (!(await confirmDiscard())) return;
    openDialog({ kind: 'open' });
  },
};

export const savePatch: Action = {
  id: 'file.save',
  label: 'Save',
  shortcut: shortcut('Mod+S'),
  enabled: connected,
  async perform(ctx) {
    const { file } = useRack.getState();
    if (!file.path) return saveAs.perform(ctx);
    const result = await client().request('file.save', {});
    if (result.ok) notify('info', `Saved ${fileTitle(result.file.path)}`);
    else notify('error', result.error);
  },
};

export const saveAs: Action = {
  id: 'file.saveAs',
  label: 'Save As…',
  shortcut: shortcut('Mod+Shift+S'),
  enabled: connected,
  async perform() {
    const { info, file } = useRack.getState();
    if (!info?.nativeDialogs) {
      openDialog({ kind: 'save-as', initialPath: suggestSavePath(file.path, file.recent) });
      return;
    }
    const result = await client().request('file.pickSave', {});
    if (!result) return;
    if (result.ok) notify('info', `Saved ${fileTitle(result.file.path)}`);
    else notify('error', result.error);
  },
};

export const fileActions: readonly Action[] = [newPatch, openPatch, openExample, savePatch, saveAs];

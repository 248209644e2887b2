/**
 * The native menu (File, Edit, View). Its items call the same services the contract serves, so
 * a menu click and a renderer request do the same thing. Accelerators are shown but not
 * registered (Linux, Windows): the renderer's action registry owns the keys, so Ctrl+Z in a text
 * field still undoes typing and each key does exactly one thing.
 */
import { app, dialog, Menu, type BaseWindow, type MenuItemConstructorOptions } from 'electron';
import type { Rack } from '../rack';
import type { FileDialogs } from '../api/rack-services';
import { documentName } from '../files/document-service';
import type { Example, LoadOutcome } from '../../preload/contract';

export interface MenuDeps {
  rack: Rack;
  dialogs: FileDialogs;
  listExamples: () => Promise<Example[]>;
  window: () => BaseWindow | null;
}

/** Builds the menu now and again whenever recent files or the undo state change; returns the disposer. */
export function installMenu(deps: MenuDeps): () => void {
  let examples: Example[] = [];
  let lastKey = '';
  const rebuild = (): void => {
    const { documents, session } = deps.rack;
    const key = JSON.stringify([documents.state().recent, session.history(), examples]);
    if (key === lastKey) return; // A knob drag changes history labels rarely; rebuild only then.
    lastKey = key;
    Menu.setApplicationMenu(Menu.buildFromTemplate(template(deps, examples)));
  };
  void deps.listExamples().then((list) => {
    examples = list;
    rebuild();
  });
  rebuild();
  const disposers = [deps.rack.hub.on('file.changed', rebuild), deps.rack.hub.on('undo.changed', rebuild)];
  return () => disposers.forEach((dispose) => dispose());
}

function template(deps: MenuDeps, examples: Example[]): MenuItemConstructorOptions[] {
  const { rack } = deps;
  const state = rack.documents.state();
  const history = rack.session.history();
  const key = (accelerator: string) => ({ accelerator, registerAccelerator: false });
  const run = (fn: () => Promise<unknown> | unknown) => () =>
    void Promise.resolve(fn()).catch((e: unknown) => notifyError(deps, String(e)));
  const open = (load: () => Promise<LoadOutcome | null>) =>
    run(async () => {
      if (!(await confirmDiscard(deps))) return;
      const outcome = await load();
      if (outcome && !outcome.ok) notifyError(deps, outcome.error);
    });
  const save = (pick: boolean) =>
    run(async () => {
      const path = pick || !state.path ? await deps.dialogs.pickSave(state.path) : state.path;
      if (!path) return;
      const result = await rack.documents.save(path);
      if (!result.ok) notifyError(deps, result.error);
    });

  const isMac = process.platform === 'darwin';
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New', ...key('CmdOrCtrl+N'), click: open(async () => (rack.documents.newDocument(), null)) },
        {
          label: 'Open…',
          ...key('CmdOrCtrl+O'),
          click: open(async () => {
            const path = await deps.dialogs.pickOpen();
            return path ? rack.documents.open(path) : null;
          }),
        },
        {
          label: 'Open Example',
          enabled: examples.length > 0,
          submenu: examples.map((e) => ({
            label: e.title,
            toolTip: e.description,
            click: open(() => rack.documents.openExample(e.name)),
          })),
        },
        {
          label: 'Open Recent',
          enabled: state.recent.length > 0,
          submenu: state.recent.map((path) => ({ label: path, click: open(() => rack.documents.open(path)) })),
        },
        { type: 'separator' },
        { label: 'Save', ...key('CmdOrCtrl+S'), click: save(false) },
        { label: 'Save As…', ...key('CmdOrCtrl+Shift+S'), click: save(true) },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        {
          label: history.undoLabel ? `Undo ${history.undoLabel}` : 'Undo',
          enabled: history.canUndo,
          ...key('CmdOrCtrl+Z'),
          click: run(() => rack.session.undoStep()),
        },
        {
          label: history.redoLabel ? `Redo ${history.redoLabel}` : 'Redo',
          enabled: history.canRedo,
          ...key('CmdOrCtrl+Shift+Z'),
          click: run(() => rack.session.redoStep()),
        },
        // macOS sends Cmd+C/V/X/A in text fields through these roles only.
        ...(isMac
          ? ([{ type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] as const)
          : []),
      ],
    },
    {
      label: '&View',
      submenu: [
        ...(app.isPackaged ? [] : ([{ role: 'reload' }, { role: 'toggleDevTools' }] as const)),
        { role: 'togglefullscreen' },
      ],
    },
  ];
}

/** Asks before unsaved changes are replaced (the renderer asks for its own buttons). */
async function confirmDiscard(deps: MenuDeps): Promise<boolean> {
  const state = deps.rack.documents.state();
  if (!state.dirty) return true;
  const options = {
    type: 'warning' as const,
    buttons: ['Discard changes', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: `Discard unsaved changes to ${documentName(state.path)}?`,
  };
  const win = deps.window();
  const { response } = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  return response === 0;
}

function notifyError(deps: MenuDeps, message: string): void {
  deps.rack.hub.emit('notice', { level: 'error', message });
}

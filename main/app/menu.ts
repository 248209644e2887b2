/**
 * The native menu (File, Edit, View). Its items name the renderer's registered actions and send
 * them as 'menu.command' events, so a menu click and a shortcut run the same action (and a
 * refused undo says why in the page). Accelerators are shown but not
 * registered (Linux, Windows): the renderer's action registry owns the keys, so Ctrl+Z in a text
 * field still undoes typing and each key does exactly one thing.
 */
import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import type { Rack } from '../rack';
import type { Example, MenuCommand } from '../../preload/contract';

export interface MenuDeps {
  rack: Rack;
  listExamples: () => Promise<Example[]>;
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
  // The renderer runs the command with its registered action: same dialogs, same notices.
  const send = (command: MenuCommand) => () => rack.hub.emit('menu.command', command);
  const action = (id: string) => send({ kind: 'action', id });

  const isMac = process.platform === 'darwin';
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New', ...key('CmdOrCtrl+N'), click: action('file.new') },
        { label: 'Open…', ...key('CmdOrCtrl+O'), click: action('file.open') },
        {
          label: 'Open Example',
          enabled: examples.length > 0,
          submenu: examples.map((e) => ({
            label: e.title,
            toolTip: e.description,
            click: send({ kind: 'open-example', name: e.name }),
          })),
        },
        {
          label: 'Open Recent',
          enabled: state.recent.length > 0,
          submenu: state.recent.map((path) => ({ label: path, click: send({ kind: 'open-recent', path }) })),
        },
        { type: 'separator' },
        { label: 'Save', ...key('CmdOrCtrl+S'), click: action('file.save') },
        { label: 'Save As…', ...key('CmdOrCtrl+Shift+S'), click: action('file.saveAs') },
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
          click: action('history.undo'),
        },
        {
          label: history.redoLabel ? `Redo ${history.redoLabel}` : 'Redo',
          enabled: history.canRedo,
          ...key('CmdOrCtrl+Shift+Z'),
          click: action('history.redo'),
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

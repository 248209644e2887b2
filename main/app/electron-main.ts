/**
 * Electron's main process: the thin binding between Electron and the rack. It creates the one
 * window with the security checklist's settings (context isolation, sandbox, no Node, web
 * security on), loads the renderer from app://rack/ (not file://), serves the contract over IPC
 * through the shared dispatcher, and flushes the autosave before quitting. Everything else is in
 * main/ and shared with web mode. Built to dist/app/electron-main.cjs (package.json "main").
 */
import { parseArgs } from 'node:util';
import { app, BrowserWindow, dialog, ipcMain, protocol } from 'electron';
import { preloadPath, rendererDir } from '../app-root';
import type { FileDialogs } from '../api/rack-services';
import { resolveDataDir } from '../files/data-dir';
import { documentName } from '../files/document-service';
import { listExamples } from '../files/examples';
import { resourcesDir } from '../catalog/load-catalog';
import { PATCH_FILE_EXTENSION } from '../patch/file';
import { createRack, type Rack } from '../rack';
import { APP_PROTOCOL, attachIpcTransport } from '../transport/ipc-main-transport';
import { APP_START_URL, createAppProtocolHandler } from './app-protocol';
import { installMenu } from './menu';
import { hardenElectron } from './security';

// Must run before 'ready': a standard, secure scheme gets an origin and fetch like https.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_PROTOCOL, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

let mainWindow: BrowserWindow | null = null;

const filters = [{ name: 'k8s-synth patch', extensions: [PATCH_FILE_EXTENSION.slice(1)] }];
const dialogs: FileDialogs = {
  async pickOpen() {
    const options = { properties: ['openFile' as const], filters };
    const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
  async pickSave(suggested) {
    const options = { filters, ...(suggested ? { defaultPath: suggested } : {}) };
    const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  },
};

/** --data-dir and FILE from our own arguments; Chromium's switches are ignored. */
function commandLine(): { dataDir?: string; file?: string } {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(app.isPackaged ? 1 : 2),
    options: { 'data-dir': { type: 'string' } },
    strict: false,
    allowPositionals: true,
  });
  const dataDir = typeof values['data-dir'] === 'string' ? values['data-dir'] : undefined;
  return { dataDir, file: positionals.find((p) => p.toLowerCase().endsWith(PATCH_FILE_EXTENSION)) };
}

function createWindow(rack: Rack): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 800,
    minHeight: 500,
    show: false,
    backgroundColor: '#1d1f24',
    title: 'k8s-synth',
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: preloadPath(),
    },
  });
  attachIpcTransport({ ipcMain, webContents: win.webContents, dispatcher: rack.dispatcher, hub: rack.hub });
  const title = (): void => {
    const { path, dirty } = rack.documents.state();
    win.setTitle(`${documentName(path)}${dirty ? ' •' : ''} — k8s-synth`);
    win.setDocumentEdited(dirty);
  };
  const stopTitle = rack.hub.on('file.changed', title);
  title();
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    stopTitle();
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_START_URL);
  return win;
}

async function main(): Promise<void> {
  // One instance at a time: two would overwrite each other's autosave and recent files.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  hardenElectron();
  protocol.handle(APP_PROTOCOL, createAppProtocolHandler(rendererDir()));

  const args = commandLine();
  const rack = await createRack({
    mode: 'electron',
    dataDir: resolveDataDir({ flag: args.dataDir, electronUserData: app.getPath('userData') }),
    file: args.file,
    dialogs,
  });
  installMenu({ rack, listExamples: () => listExamples(resourcesDir()) });
  mainWindow = createWindow(rack);

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('activate', () => {
    mainWindow ??= createWindow(rack);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Quit waits for the autosave of the last edit; signals from a terminal quit the same way.
  let flushed = false;
  app.on('before-quit', (event) => {
    if (flushed) return;
    event.preventDefault();
    void rack.close().finally(() => {
      flushed = true;
      app.quit();
    });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());
}

main().catch((error: unknown) => {
  dialog.showErrorBox('k8s-synth could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
});

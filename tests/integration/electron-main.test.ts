/**
 * main/app/electron-main.ts with the 'electron' module replaced by a recording stand-in (the
 * Electron runtime cannot be installed here). It checks what the checklist asks of the binding:
 * window options, the app:// protocol, permission and navigation guards, IPC through the shared
 * dispatcher, the menu calling the same services, and the autosave flush on quit.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MenuCommand } from '../../preload/contract';
import { createIpcClient } from '../../preload/ipc-client';
import type { FakeWebContents } from './helpers/fake-electron';
import { tempDir } from './helpers/transports';

type Listener = (...args: unknown[]) => unknown;
interface MenuItem {
  label?: string;
  role?: string;
  submenu?: MenuItem[];
  click?: () => void;
  registerAccelerator?: boolean;
  accelerator?: string;
}

const recorded = vi.hoisted(() => ({
  schemes: [] as unknown[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  windows: [] as { options: { webPreferences: Record<string, unknown> }; webContents: unknown; url?: string }[],
  appListeners: new Map<string, Listener[]>(),
  permissionRequest: undefined as undefined | Listener,
  permissionCheck: undefined as undefined | Listener,
  menu: [] as unknown[],
  quits: 0,
  ipcMain: undefined as unknown,
}));

vi.mock('electron', async () => {
  const { FakeIpcMain: IpcMain, FakeWebContents: WebContents } = await import('./helpers/fake-electron');
  const ipcMain = new IpcMain();
  recorded.ipcMain = ipcMain;
  const on = (event: string, fn: Listener) => recorded.appListeners.set(event, [...(recorded.appListeners.get(event) ?? []), fn]);
  class BrowserWindow {
    readonly webContents: InstanceType<typeof WebContents>;
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      this.webContents = new WebContents(ipcMain, 'about:blank');
      recorded.windows.push(this as never);
    }
    url?: string;
    loadURL(url: string) {
      this.url = url;
      this.webContents.mainFrame.url = url;
      return Promise.resolve();
    }
    setTitle() {}
    setDocumentEdited() {}
    once() {}
    on() {}
    show() {}
    isMinimized() {
      return false;
    }
  }
  return {
    app: {
      isPackaged: false,
      requestSingleInstanceLock: () => true,
      whenReady: () => Promise.resolve(),
      getPath: () => '/nonexistent-user-data',
      on,
      quit: () => {
        recorded.quits++;
        for (const fn of recorded.appListeners.get('before-quit') ?? []) fn({ preventDefault: () => undefined });
      },
      exit: () => undefined,
    },
    BrowserWindow,
    ipcMain,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.schemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
        recorded.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Listener) => (recorded.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Listener) => (recorded.permissionCheck = fn),
      },
    },
    dialog: {
      showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
      showSaveDialog: () => Promise.resolve({ canceled: true }),
      showMessageBox: () => Promise.resolve({ response: 0 }),
      showErrorBox: (title: string, message: string) => {
        throw new Error(`${title}: ${message}`);
      },
    },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => recorded.menu.push(menu),
    },
  };
});

let cleanup: () => Promise<void>;
let dataDir: string;

beforeAll(async () => {
  const { dir, remove } = await tempDir();
  dataDir = path.join(dir, 'data');
  cleanup = remove;
  vi.stubEnv('K8S_SYNTH_DATA_DIR', dataDir);
  await import('../../main/app/electron-main');
  const end = Date.now() + 10_000;
  while (recorded.windows.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
}, 20_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await cleanup();
});

const win = () => recorded.windows[0]!;
const webContents = () => win().webContents as FakeWebContents;

describe('Electron main (with a stand-in for the electron module)', () => {
  it('opens one window with the security checklist settings and the bundled preload', () => {
    expect(recorded.windows).toHaveLength(1);
    expect(win().options.webPreferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: expect.stringMatching(/dist[\\/]preload[\\/]preload\.cjs$/),
    });
    expect(win().url).toBe('app://rack/index.html');
  });

  it('registers app:// as a standard secure scheme and serves it', () => {
    expect(recorded.schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(recorded.protocolHandlers.has('app')).toBe(true);
  });

  it('denies permission requests and checks', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) {
      const answers: boolean[] = [];
      recorded.permissionRequest!(
        { getURL: () => 'app://rack/index.html' },
        permission,
        (granted: boolean) => answers.push(granted),
        { requestingUrl: 'app://rack/index.html' },
      );
      expect(answers).toEqual([false]);
      expect(recorded.permissionCheck!(null, permission, 'app://rack')).toBe(false);
    }
  });

  it('keeps every WebContents on app://rack and denies new windows and webviews', () => {
    const handlers = new Map<string, Listener>();
    let openHandler: Listener | undefined;
    const contents = {
      on: (event: string, fn: Listener) => handlers.set(event, fn),
      setWindowOpenHandler: (fn: Listener) => (openHandler = fn),
    };
    for (const fn of recorded.appListeners.get('web-contents-created') ?? []) fn({}, contents);
    const navigate = (url: string) => {
      let prevented = false;
      handlers.get('will-navigate')!({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('app://rack.evil/index.html')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('app://rack/index.html#x')).toBe(false);
    expect(openHandler!({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
    let webviewPrevented = false;
    handlers.get('will-attach-webview')!({ preventDefault: () => (webviewPrevented = true) });
    expect(webviewPrevented).toBe(true);
  });

  it('serves the contract to the window over IPC through the dispatcher', async () => {
    const client = createIpcClient(webContents().ipcRenderer);
    expect((await client.request('app.info', {})).mode).toBe('electron');
    expect(await client.request('app.info', {})).toMatchObject({ nativeDialogs: true });
    await expect(
      client.request('patch.apply', { op: { type: 'disconnect', id: 'x' }, source: 'cluster' as 'ui' }),
    ).rejects.toMatchObject({ code: 'invalid-input' });
    expect(await client.request('file.pickOpen', {})).toBeNull(); // the dialog was cancelled
  });

  it("installs a File/Edit/View menu whose items run the page's actions; keys stay with the page", async () => {
    const menu = recorded.menu.at(-1) as MenuItem[];
    expect(menu.map((m) => m.label)).toEqual(['&File', '&Edit', '&View']);
    const file = menu[0]!.submenu!;
    expect(file.map((i) => i.label ?? i.role)).toEqual(
      expect.arrayContaining(['New', 'Open…', 'Open Example', 'Open Recent', 'Save', 'Save As…']),
    );
    const withKeys = [...file, ...menu[1]!.submenu!].filter((i) => i.accelerator);
    expect(withKeys.every((i) => i.registerAccelerator === false)).toBe(true);
    const examples = await vi.waitFor(
      () => {
        const latest = (recorded.menu.at(-1) as MenuItem[])[0]!.submenu!.find((i) => i.label === 'Open Example')!;
        expect(latest.submenu).not.toEqual([]);
        return latest.submenu!;
      },
      { timeout: 5000, interval: 20 },
    );
    // Items name the renderer's actions: the page runs them as it runs their keys.
    const client = createIpcClient(webContents().ipcRenderer);
    const commands: MenuCommand[] = [];
    client.on('menu.command', (command) => commands.push(command));
    examples.find((e) => e.label === 'Hello, web')!.click!();
    file.find((i) => i.label === 'Save')!.click!();
    menu[1]!.submenu!.find((i) => i.label === 'Undo')!.click!();
    await vi.waitFor(() => expect(commands).toHaveLength(3), { timeout: 5000, interval: 20 });
    expect(commands).toEqual([
      { kind: 'open-example', name: 'hello-web' },
      { kind: 'action', id: 'file.save' },
      { kind: 'action', id: 'history.undo' },
    ]);
  });

  it('flushes the autosave before quitting', async () => {
    const client = createIpcClient(webContents().ipcRenderer);
    await client.request('patch.apply', { op: { type: 'set-rack', rack: { rows: 3, hp: 104 } }, source: 'ui' });
    const { readFile } = await import('node:fs/promises');
    (await import('electron')).app.quit();
    // Well inside the 1 s autosave delay: only the flush on quit can have written it.
    const saved = await vi.waitFor(
      async () => {
        const text = await readFile(path.join(dataDir, 'autosave.json'), 'utf8');
        expect(text).toMatch(/"hp": ?104/);
        return text;
      },
      { timeout: 800, interval: 20 },
    );
    expect(saved).toContain('"rows":3');
    // The first quit waited for the flush (and the rest of close), then quit again.
    await vi.waitFor(() => expect(recorded.quits).toBe(2), { timeout: 2000, interval: 20 });
  });
});

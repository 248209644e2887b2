/**
 * What `start` can launch: the Electron runtime when the electron package has one (its install
 * step downloads it; here it may be skipped), else Debian's Chromium or Google Chrome as an app
 * window on the web-mode URL. Both are found, never assumed; without either (or without a
 * display) the caller just prints the URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The Electron binary, or undefined. `require('electron')` returns its path but throws when the
 * package's path.txt is missing (runtime download skipped), and the file may still be absent.
 */
export function electronBinary(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const binary: unknown = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

/** Runs the Electron app at `appRoot` with `args`; resolves with its exit code. */
export function runElectron(binary: string, appRoot: string, args: string[]): Promise<number> {
  const env = { ...process.env };
  // Set by some shells and test runners; it would make Electron behave as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [appRoot, ...args], { stdio: 'inherit', env });
  return new Promise((resolve) => {
    child.on('error', () => resolve(1));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const BROWSER_CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** A Chromium-family browser on PATH (Debian's chromium first), or undefined. */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const name of BROWSER_CANDIDATES) {
    for (const dir of [...dirs, '/usr/bin']) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

/** True when a graphical session is there to show a window in. */
export function hasDisplay(env: NodeJS.ProcessEnv = process.env): boolean {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/**
 * Opens `url` in the browser's app mode (a bare window, like a desktop app) with a fresh
 * profile, so no extension, sync or saved session of the user's browser touches the editor,
 * and without background traffic (this machine may be offline on stage).
 */
export async function openAppWindow(browser: string, url: string): Promise<ChildProcess> {
  const profile = await mkdtemp(path.join(tmpdir(), 'k8s-synth-browser-'));
  const child = spawn(
    browser,
    [
      `--app=${url}`,
      `--user-data-dir=${profile}`,
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
    ],
    { stdio: 'ignore' },
  );
  // The throwaway profile is ours alone; remove it with the browser.
  child.on('exit', () => void rm(profile, { recursive: true, force: true }).catch(() => undefined));
  return child;
}

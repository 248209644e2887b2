/**
 * The packaged shape of the app: the real Electron runtime running dist/app/electron-main.cjs,
 * driven by Playwright's Electron launcher. It needs Electron's binary, which cannot be
 * downloaded on machines installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1 (CI here): there the
 * suite is skipped and says why. Everything it checks in the renderer also runs in web mode
 * (first-patch.test.ts); this adds the Electron security settings and the IPC transport.
 */
import path from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronBinary } from '../../main/cli/launchers';
import { ROOT, screenshot, tempDir } from './helpers/app';

const binary = electronBinary();
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const reason = !binary
  ? 'Electron runtime not installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1); web-mode e2e covers the renderer'
  : !hasDisplay
    ? 'no DISPLAY for an Electron window (run under xvfb-run)'
    : '';
if (reason) console.log(`electron e2e skipped: ${reason}`);

describe.skipIf(Boolean(reason))('Electron app', () => {
  let electronApp: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    electronApp = await _electron.launch({
      executablePath: binary!,
      args: [path.join(ROOT, 'dist/app/electron-main.cjs'), '--data-dir', tempDir()],
      cwd: ROOT,
    });
    page = await electronApp.firstWindow();
    await page.locator('.react-flow__renderer').waitFor();
  });

  afterAll(async () => {
    await electronApp?.close();
  });

  it('isolates the page: no Node, only the narrow rack API', async () => {
    const exposed = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      rack: Object.keys((window as unknown as { rack: object }).rack).sort(),
    }));
    expect(exposed).toEqual({ require: 'undefined', process: 'undefined', rack: ['on', 'request'] });
  });

  it('serves the catalog over IPC and shows the module browser', async () => {
    await expect.poll(() => page.locator('[data-testid^="browser-item-"]').count()).toBe(8);
    await screenshot(page, 'electron-window');
  });

  it('refuses navigation away from the app', async () => {
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^app:\/\/rack\//);
  });
});

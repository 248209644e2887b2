/**
 * Fixture builders for e2e tests: the real `k8s-synth serve` process (built app, web mode, a
 * temporary data dir) and Debian's Chromium driven by playwright-core. Screenshots go to
 * test-results/e2e/ so they survive as CI artifacts.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { REPO_ROOT, startServe } from '../../helpers/serve-process';

/** The repository root (this file may be bundled elsewhere, as the bench does). */
export const ROOT = REPO_ROOT;
export const SHOTS = path.join(ROOT, 'test-results/e2e');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export interface RunningApp {
  url: string;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function tempDir(prefix = 'k8s-synth-e2e-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** Starts the built app in web mode and resolves once it prints its URL. */
export async function startApp(
  options: { dataDir?: string; args?: string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<RunningApp> {
  const dataDir = options.dataDir ?? tempDir();
  if (!existsSync(path.join(ROOT, 'dist/main/cli.js'))) throw new Error('The app is not built: run `npm run build` first.');
  // K8S_SYNTH_APP_NODE_ARGS: Node flags for the served app only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  // to profile main during a bench (NODE_OPTIONS refuses --cpu-prof, and would profile every process).
  const nodeArgs = process.env.K8S_SYNTH_APP_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  const served = await startServe(['--data-dir', dataDir, ...(options.args ?? [])], {
    env: options.env,
    nodeArgs,
    readyMs: 20_000,
  });
  const child = served.child;
  return {
    url: served.url,
    dataDir,
    process: child,
    output: served.output,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH).`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Opens the app and waits until the rack canvas is on screen; `prepare` runs before the page loads. */
export async function openRack(browser: Browser, url: string, prepare?: (page: Page) => Promise<void>): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await prepare?.(page);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  (page as Page & { problems?: string[] }).problems = problems;
  await page.goto(url);
  await page.locator('.react-flow__renderer').waitFor();
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  if (!box) throw new Error(`not visible: ${locator}`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags with the mouse from the centre of one element to the centre of another, as a hand would. */
export async function drag(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = await centre(from);
  const b = await centre(to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2 - 30, { steps: 8 });
  await page.mouse.move(b.x, b.y, { steps: 8 });
  await page.mouse.up();
}

/** Ids of the modules on screen, from their data-testid="module-<id>". */
export async function moduleIds(page: Page): Promise<string[]> {
  const ids = await page
    .locator('[data-testid^="module-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('module-'.length)));
  return ids.sort();
}

/** Clicks a module in the browser and returns the id of the module that appeared. */
export async function addFromBrowser(page: Page, type: string): Promise<string> {
  const before = new Set(await moduleIds(page));
  await page.getByTestId(`browser-item-${type}`).click();
  for (let i = 0; i < 50; i++) {
    const added = (await moduleIds(page)).filter((id) => !before.has(id));
    if (added.length === 1) return added[0]!;
    await page.waitForTimeout(100);
  }
  throw new Error(`no ${type} module appeared after clicking it in the browser`);
}

export const jack = (page: Page, moduleId: string, jackId: string): Locator => page.getByTestId(`jack-${moduleId}-${jackId}`);

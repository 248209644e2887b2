/**
 * The simulated cluster in Debian's Chromium against the real web-mode app: open the hello-web
 * example, press Run, watch the Pods go green, kill one and watch it come back; the Events tab
 * tells the story and the faceplates describe themselves on hover.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, moduleIds, openRack, screenshot, startApp, type RunningApp } from './helpers/app';

let browser: Browser;
let app: RunningApp;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  page = await openRack(browser, app.url);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const level = (moduleId: string, lightId: string) =>
  page.getByTestId(`light-${moduleId}-${lightId}`).getAttribute('data-brightness').then(Number);
const PODS = ['pod-1', 'pod-2', 'pod-3'];
const readyLeds = () => Promise.all(PODS.map((p) => level(p, 'ready-led')));

describe('the simulated cluster', () => {
  it('opens hello-web: every light is dark while the simulation is paused', async () => {
    await page.getByTestId('action-file.openExample').click();
    await page.getByTestId('open-example-hello-web').click();
    await expect.poll(() => moduleIds(page).then((ids) => ids.length)).toBe(10);
    await page.keyboard.press('Control+0');
    expect(await readyLeds()).toEqual([0, 0, 0]);
    await expect.poll(() => page.getByTestId('sim-run').isVisible()).toBe(true);
    await screenshot(page, 'sim-01-paused');
  });

  it('runs: the Pods go green and the Deployment counts them', async () => {
    await page.getByTestId('sim-speed').selectOption('5');
    await page.getByTestId('sim-run').click();
    await expect.poll(readyLeds, { timeout: 15_000 }).toEqual([1, 1, 1]);
    await expect.poll(() => page.getByTestId('sim-time').textContent()).not.toBe('t = 0.0 s');
    // The Node's bargraph shows its utilization (two Pods of 250 m + traffic on 4000 m).
    await expect.poll(() => level('node-a', 'util-led')).toBeGreaterThan(0.1);
    // Cables glow with their signal: the READY gates of three Ready Pods feed six cables.
    await expect.poll(() => page.locator('.cable-signal').count()).toBeGreaterThanOrEqual(6);
    await screenshot(page, 'sim-02-running');
  });

  it('describes a module on hover, like kubectl describe', async () => {
    await page.getByTestId('module-node-a').hover({ position: { x: 30, y: 120 } });
    await expect.poll(() => page.getByTestId('module-node-a').getAttribute('title')).toContain('Capacity:');
    expect(await page.getByTestId('module-node-a').getAttribute('title')).toContain('hello-web-1');
  });

  it('kills a Pod: it goes dark, backs off, and comes back', async () => {
    // The module's title band: a press there selects the module even with a cable over it.
    const pod = (await page.getByTestId('module-pod-2').boundingBox())!;
    await page.mouse.click(pod.x + 20, pod.y + pod.height * 0.05);
    await page.getByTestId('sim-fault-kill-pod').click();
    await expect.poll(() => level('pod-2', 'ready-led'), { timeout: 5_000 }).toBe(0);
    await expect
      .poll(() => page.getByTestId('sim-selected-status').textContent())
      .toMatch(/CrashLoopBackOff|ContainerCreating|Running/);
    await screenshot(page, 'sim-03-killed');
    await expect.poll(() => level('pod-2', 'ready-led'), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('sim-selected-status').textContent()).toBe('hello-web-2: Ready · 1 restart');
  });

  it('lists the story in the Events tab, filterable by object and type', async () => {
    await page.getByTestId('tab-events').click();
    await expect.poll(() => page.getByTestId('sim-event-row').count()).toBeGreaterThan(5);
    // Objects are named as on the rack (hello-web-2), not by module id.
    await page.getByTestId('events-filter-object').fill('hello-web-2');
    await page.getByTestId('events-filter-type').selectOption('Warning');
    const rows = () => page.getByTestId('sim-event-row').allTextContents();
    await expect.poll(rows).toEqual(expect.arrayContaining([expect.stringContaining('Killed')]));
    expect((await rows()).every((r) => r.includes('pod/hello-web-2') && r.includes('Warning'))).toBe(true);
    await screenshot(page, 'sim-04-events');
  });

  it('pauses and resets: time returns to 0 and the Pods go dark', async () => {
    await page.getByTestId('sim-pause').click();
    await page.getByTestId('sim-reset').click();
    await expect.poll(() => page.getByTestId('sim-time').textContent()).toBe('t = 0.0 s');
    await expect.poll(readyLeds).toEqual([0, 0, 0]);
  });
});

/**
 * A rack of a thousand modules (beyond the old 16 × 208 HP limit) in Chromium: it opens, the fit
 * shows the whole case, the faceplates' controls are hidden that far out and come back when
 * zoomed in. Screenshots go to test-results/e2e/big-rack-*.png.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../main/catalog/load-catalog';
import { serializePatch } from '../../main/patch/file';
import { generateBigPatch } from '../bench/big-patch';
import { launchBrowser, openRack, ROOT, screenshot, startApp, tempDir, type RunningApp } from './helpers/app';

/** A thousand modules take a while to draw on a loaded machine. */
const SLOW = { timeout: 60_000 };
let browser: Browser;
let app: RunningApp;
let page: Page;
let rack = { rows: 0, hp: 0 };

beforeAll(async () => {
  const { catalog } = await loadCatalog(path.join(ROOT, 'resources'));
  const patch = generateBigPatch(catalog, { modules: 1000, cables: 3000 });
  rack = patch.rack;
  const file = path.join(tempDir(), 'big.k8spatch');
  writeFileSync(file, serializePatch({ patch, unloaded: { modules: [], cables: [] } }));
  app = await startApp({ args: [file] });
  browser = await launchBrowser();
  page = await openRack(browser, app.url);
  await page.setViewportSize({ width: 1280, height: 800 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const canvas = () => page.getByTestId('rack-canvas');
const knobVisibility = () =>
  page
    .locator('.react-flow__node .knob')
    .first()
    .evaluate((k) => getComputedStyle(k).visibility);

describe('a rack of a thousand modules', () => {
  it('opens fitted: the whole case on screen, the faceplates without their controls', async () => {
    await expect.poll(() => page.locator('.react-flow__node').count(), SLOW).toBe(1000);
    expect(rack.rows * rack.hp).toBeGreaterThan(16 * 208);
    // The refit after the resize, then the whole case inside the canvas.
    await expect.poll(() => canvas().getAttribute('data-zoom'), SLOW).toBe('far');
    await expect
      .poll(async () => {
        const box = (await page.getByTestId('rack-case').boundingBox())!;
        const area = (await canvas().boundingBox())!;
        return box.y >= area.y - 1 && box.y + box.height <= area.y + area.height + 1 && box.width > 0;
      }, SLOW)
      .toBe(true);
    expect(await knobVisibility()).toBe('hidden');
    expect(await page.locator('.react-flow__edge').count()).toBe(3000);
    await screenshot(page, 'big-rack-01-fitted');
  });

  it('shows the controls again when zoomed in', async () => {
    for (let i = 0; i < 8 && (await canvas().getAttribute('data-zoom')) === 'far'; i++)
      await page.locator('.react-flow__controls-zoomin').click();
    await expect.poll(() => canvas().getAttribute('data-zoom'), SLOW).toBe('near');
    expect(await knobVisibility()).toBe('visible');
    await screenshot(page, 'big-rack-02-zoomed-in');
  });
});

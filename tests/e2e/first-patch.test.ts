/**
 * A new user's first patch, in Debian's Chromium against the real web-mode app: add modules from
 * the browser, patch by dragging jack to jack, turn a knob, try a cable the rules refuse, save,
 * reload, restart the app on the saved file, and find the same patch.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addFromBrowser,
  drag,
  jack,
  launchBrowser,
  moduleIds,
  openRack,
  screenshot,
  startApp,
  tempDir,
  type RunningApp,
} from './helpers/app';

let browser: Browser;
let app: RunningApp;
let page: Page;
const ids: Record<string, string> = {};
const saved = path.join(tempDir('k8s-synth-saved-'), 'first.k8spatch');

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  page = await openRack(browser, app.url);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const cableCount = () => page.locator('[data-testid^="cable-"]').count();

describe('first patch, as a new user would build it', () => {
  it('adds a Deployment, three Pods, a Service and a Node from the module browser', async () => {
    ids.deployment = await addFromBrowser(page, 'deployment');
    for (const n of [1, 2, 3]) ids[`pod${n}`] = await addFromBrowser(page, 'pod');
    ids.service = await addFromBrowser(page, 'service');
    ids.node = await addFromBrowser(page, 'node');
    expect(await moduleIds(page)).toHaveLength(6);
    await page.keyboard.press('Control+0');
    await screenshot(page, '01-modules-added');
  });

  it('patches cables by dragging from jack to jack', async () => {
    for (const n of [1, 2, 3]) {
      await drag(page, jack(page, ids.deployment!, `claim-${n}`), jack(page, ids[`pod${n}`]!, 'life'));
      await drag(page, jack(page, ids[`pod${n}`]!, 'ready'), jack(page, ids.service!, 'select'));
      await drag(page, jack(page, ids[`pod${n}`]!, 'load'), jack(page, ids.node!, 'load'));
    }
    await expect.poll(cableCount).toBe(9);
    await screenshot(page, '02-patched');
  });

  it('refuses an incompatible cable with a visible reason and changes nothing', async () => {
    await drag(page, jack(page, ids.pod1!, 'load'), jack(page, ids.deployment!, 'ready-1'));
    await expect
      .poll(() => page.getByTestId('notice').allInnerTexts())
      .toContainEqual(expect.stringMatching(/cannot drive a gate/i));
    expect(await cableCount()).toBe(9);
    await screenshot(page, '03-refused');
  });

  it('turns the replicas knob by dragging it', async () => {
    const knob = page.getByTestId(`knob-${ids.deployment}-replicas`);
    expect(await knob.getAttribute('aria-valuenow')).toBe('3');
    const box = (await knob.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - 60, { steps: 10 });
    await page.mouse.up();
    await expect.poll(() => knob.getAttribute('aria-valuenow')).not.toBe('3');
  });

  it('saves, reloads the page and shows the same patch', async () => {
    const replicas = await page.getByTestId(`knob-${ids.deployment}-replicas`).getAttribute('aria-valuenow');
    await page.keyboard.press('Control+Shift+S');
    await page.getByTestId('save-path').fill(saved);
    await page.getByTestId('save-path').press('Enter');
    await expect.poll(() => page.getByTestId('file-name').innerText()).toContain('first.k8spatch');
    const file = JSON.parse(readFileSync(saved, 'utf8'));
    expect(file).toMatchObject({ format: 'k8s-synth/patch', schemaVersion: 1 });
    expect(file.modules).toHaveLength(6);
    expect(file.cables).toHaveLength(9);

    await page.reload();
    await page.locator('.react-flow__renderer').waitFor();
    await expect.poll(() => moduleIds(page)).toEqual(Object.values(ids).sort());
    await expect.poll(cableCount).toBe(9);
    expect(await page.getByTestId(`knob-${ids.deployment}-replicas`).getAttribute('aria-valuenow')).toBe(replicas);
  });

  it('opens the saved file in a fresh app and finds the same patch', async () => {
    const fresh = await startApp({ args: [saved] });
    const other = await openRack(browser, fresh.url);
    try {
      await expect.poll(() => moduleIds(other)).toEqual(Object.values(ids).sort());
      await expect.poll(() => other.locator('[data-testid^="cable-"]').count()).toBe(9);
      await screenshot(other, '04-reopened');
    } finally {
      await other.close();
      await fresh.stop();
    }
  });

  it('raised no error in the page', () => {
    expect((page as Page & { problems?: string[] }).problems).toEqual([]);
  });
});

/**
 * The live cluster in Chromium, tried as a new user would, against the run's real control plane:
 * open a patch, connect a context and namespace, apply, see the badge turn LIVE and the Pods'
 * LEDs light; select a Pod, Kill pod, confirm (context and namespace named), and watch its LED go
 * dark and come back with the replacement. At 1024x768. Screenshots in test-results/e2e.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog, resourcesDir } from '../../main/catalog/load-catalog';
import { serializePatch } from '../../main/patch/file';
import { importManifests } from '../../main/synth/import-manifests';
import { launchBrowser, screenshot, startApp, type RunningApp } from '../e2e/helpers/app';
import { admin, controlPlane, freshNamespace } from '../helpers/control-plane/fixture';
import { ADMIN_CONTEXT } from '../helpers/control-plane/start';
import { fakeNodeYaml, webYaml } from '../helpers/live-rack';

const cp = controlPlane();
const NODE = `kwok-tab-${process.pid}`;

describe.runIf(cp)('the live cluster in the browser', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let ns: string;
  let pods: string[];

  beforeAll(async () => {
    await admin(cp!, ['apply', '-f', '-'], fakeNodeYaml(NODE));
    ns = await freshNamespace(cp!, 'livetab');
    const { catalog } = await loadCatalog(resourcesDir());
    const imported = importManifests([['web.yaml', webYaml(NODE)]], catalog);
    if (!imported.ok) throw new Error(imported.error);
    pods = imported.patch.modules.filter((m) => m.type === 'pod').map((m) => m.id);
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'k8s-synth-live-')), 'web.k8spatch');
    await writeFile(file, serializePatch({ patch: imported.patch, unloaded: { modules: [], cables: [] } }));
    app = await startApp({ args: [file], env: { KUBECONFIG: cp!.kubeconfig.admin } });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.goto(app.url);
    await page.locator('.react-flow__renderer').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await admin(cp!, ['delete', 'node', NODE, '--wait=false']).catch(() => undefined);
  });

  const ready = (pod: string) => page.getByTestId(`light-${pod}-ready-led`).getAttribute('data-brightness').then(Number);

  it('connect, the LEDs go live, kill a Pod, and see it come back', async () => {
    expect(await page.getByTestId('source-badge').innerText()).toBe('SIMULATED');
    await page.getByTestId('tab-cluster').click();
    await page.getByTestId('cluster-context').selectOption(ADMIN_CONTEXT);
    await page.getByTestId('cluster-connect').click();
    await expect.poll(() => page.getByTestId('cluster-status').innerText(), { timeout: 30_000 }).toMatch(/authenticated/);
    await page.getByTestId('cluster-namespace').fill(ns);
    await page.getByTestId('cluster-namespace-set').click();
    await expect
      .poll(() => page.getByTestId('source-badge').innerText(), { timeout: 30_000 })
      .toBe(`LIVE ${ADMIN_CONTEXT}/${ns}`);
    // Nothing applied yet: the modules show no live object.
    expect(await ready(pods[0]!)).toBe(0);

    await page.getByTestId('cluster-diff-button').click();
    await expect.poll(() => page.getByTestId('cluster-apply-button').isEnabled(), { timeout: 30_000 }).toBe(true);
    await page.getByTestId('cluster-apply-button').click();
    await page.getByTestId('cluster-confirm-ok').click();
    await expect.poll(() => Promise.all(pods.map(ready)), { timeout: 60_000 }).toEqual([1, 1]);
    await expect.poll(() => page.getByTestId('live-watches').innerText(), { timeout: 30_000 }).toContain('Pod: watching');
    await screenshot(page, 'live-01-ready');

    // The module's title band: a press there selects the module even with a cable over it.
    const box = (await page.getByTestId(`module-${pods[0]}`).boundingBox())!;
    await page.mouse.click(box.x + 20, box.y + box.height * 0.05);
    await page.getByTestId('sim-fault-kill-pod').click();
    await page.getByTestId('live-confirm').waitFor();
    expect(await page.getByTestId('live-confirm-target').innerText()).toBe(`${ADMIN_CONTEXT} / ${ns}`);
    expect(await page.getByTestId('live-confirm-action').innerText()).toMatch(/^Delete Pod web-/);
    await screenshot(page, 'live-02-confirm');
    const before = await page.getByTestId('sim-selected-status').innerText();
    // Every value the LED takes, seen in the DOM (kwok replaces a Pod faster than a poll looks).
    await page.evaluate((testId) => {
      const led = document.querySelector(`[data-testid="${testId}"]`)!;
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => seen.push(led.getAttribute('data-brightness') ?? '')).observe(led, {
        attributes: true,
        attributeFilter: ['data-brightness'],
      });
    }, `light-${pods[0]}-ready-led`);
    await page.getByTestId('live-confirm-ok').click();
    await expect.poll(() => page.getByTestId('sim-selected-status').innerText(), { timeout: 60_000 }).not.toBe(before);
    await expect.poll(() => ready(pods[0]!), { timeout: 60_000 }).toBe(1);
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen.map(Number));
    expect(seen).toContain(0);
    expect(seen.at(-1)).toBe(1);
    expect(await page.getByTestId('sim-selected-status').innerText()).toMatch(/^web-1: web-\S+ · Ready$/);
    await page.getByTestId('tab-events').click();
    await expect.poll(() => page.getByTestId('events-panel').innerText(), { timeout: 30_000 }).toMatch(/SuccessfulCreate/);
    await screenshot(page, 'live-03-recovered');
  });
});

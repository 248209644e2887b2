/**
 * Follow mode in Chromium, tried as a performer would, against the run's real control plane:
 * connect, arm with the confirmation that names context and namespace (cancel first: nothing
 * written), watch the patch arrive, pull the Service's selector cables on the rack and see kubectl
 * show the Service without a selector, then disarm from the banner: the next pull stays on screen.
 * Screenshots in test-results/e2e.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, ROOT, screenshot, startApp, type RunningApp } from '../e2e/helpers/app';
import { controlPlane, freshNamespace, kubectlJson } from '../helpers/control-plane/fixture';
import { ADMIN_CONTEXT } from '../helpers/control-plane/start';

const cp = controlPlane();

/** Right-clicks a cable by its hit path and deletes it, as a user pulls a cable on screen. */
async function pullCable(page: Page, id: string): Promise<void> {
  const point = await page.evaluate((cable) => {
    const hit = document
      .querySelector(`[data-testid="cable-${cable}"]`)
      ?.parentElement?.querySelector('.cable-hit') as SVGPathElement;
    const p = hit.getPointAtLength(hit.getTotalLength() * 0.5).matrixTransform(hit.getScreenCTM()!);
    return { x: p.x, y: p.y };
  }, id);
  await page.mouse.click(point.x, point.y, { button: 'right' });
  await page.getByTestId('context-delete-cable').click();
  await page.getByTestId(`cable-${id}`).waitFor({ state: 'detached' });
}

describe.runIf(cp)('follow mode in the app', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let ns: string;

  beforeAll(async () => {
    ns = await freshNamespace(cp!, 'follow-tab');
    app = await startApp({
      args: [path.join(ROOT, 'resources/examples/hello-web.k8spatch')],
      env: { KUBECONFIG: cp!.kubeconfig.admin },
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(app.url);
    await page.locator('.react-flow__renderer').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const selector = async () =>
    (await kubectlJson<{ spec: { selector?: Record<string, string> } }>(cp!, ['-n', ns, 'get', 'service', 'hello-web'])).spec
      .selector ?? null;
  const services = async () => (await kubectlJson(cp!, ['-n', ns, 'get', 'services'])).items.length;

  it('arms with the confirmation, follows a pulled cable onto the cluster, and disarms from the banner', async () => {
    await page.getByTestId('tab-cluster').click();
    await page.getByTestId('cluster-connect').click();
    await expect
      .poll(() => page.getByTestId('cluster-status').innerText(), { timeout: 30_000 })
      .toMatch(/authenticated as synth-admin/);
    await page.getByTestId('cluster-namespace').fill(ns);
    await page.getByTestId('cluster-namespace-set').click();
    await expect.poll(() => page.getByTestId('follow-arm').isEnabled(), { timeout: 30_000 }).toBe(true);

    await page.getByTestId('follow-arm').click();
    await page.getByTestId('follow-confirm').waitFor();
    expect(await page.getByTestId('follow-confirm-target').innerText()).toBe(`${ADMIN_CONTEXT} / ${ns}`);
    await screenshot(page, 'follow-confirm');
    await page.getByTestId('follow-confirm-cancel').click();
    await new Promise((r) => setTimeout(r, 800));
    expect(await services()).toBe(0); // cancelled: nothing written

    await page.getByTestId('follow-arm').click();
    await page.getByTestId('follow-confirm-ok').click();
    await page.getByTestId('follow-banner').waitFor();
    await expect.poll(selector, { timeout: 30_000 }).toEqual({ 'app.kubernetes.io/name': 'hello-web' });
    await expect.poll(() => page.getByTestId('follow-activity').innerText(), { timeout: 30_000 }).toMatch(/created/);
    await screenshot(page, 'follow-armed');

    // The performer pulls the Service's three selector cables: the cluster follows.
    for (const id of ['c8', 'c9', 'c10']) await pullCable(page, id);
    await expect.poll(selector, { timeout: 30_000 }).toBeNull();
    await expect.poll(() => page.getByTestId('follow-activity').innerText(), { timeout: 30_000 }).toMatch(/configured/);
    await screenshot(page, 'follow-pulled');

    await page.getByTestId('follow-disarm').click();
    await page.getByTestId('follow-banner').waitFor({ state: 'detached' });
    await pullCable(page, 'c1'); // the Ingress's route: stays on screen only
    await new Promise((r) => setTimeout(r, 1000));
    const ingress = await kubectlJson<{ spec: { rules?: unknown[] } }>(cp!, ['-n', ns, 'get', 'ingress', 'hello']);
    expect(JSON.stringify(ingress.spec)).toContain('hello-web');
    await screenshot(page, 'follow-disarmed');
  });
});

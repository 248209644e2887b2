/**
 * The Cluster tab in Chromium, tried as a new user would, against the run's real control plane:
 * connect a context, Diff, cancel the confirmation (nothing written), Apply with the
 * confirmation, and kubectl then shows the objects. At 1024x768. Screenshots in test-results/e2e.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, ROOT, screenshot, startApp, type RunningApp } from '../e2e/helpers/app';
import { controlPlane, freshNamespace, kubectlJson } from '../helpers/control-plane/fixture';
import { ADMIN_CONTEXT } from '../helpers/control-plane/start';

const cp = controlPlane();

describe.runIf(cp)('the Cluster tab', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let ns: string;

  beforeAll(async () => {
    ns = await freshNamespace(cp!, 'tab');
    app = await startApp({
      args: [path.join(ROOT, 'resources/examples/hello-web.k8spatch')],
      env: { KUBECONFIG: [cp!.kubeconfig.admin, cp!.kubeconfig.reader].join(path.delimiter) },
    });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await page.goto(app.url);
    await page.locator('.react-flow__renderer').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const names = async () =>
    (await kubectlJson(cp!, ['-n', ns, 'get', 'deployments,services,ingresses'])).items.map(
      (o) => `${o['kind']}/${(o['metadata'] as { name: string }).name}`,
    );

  it('connects, diffs, asks before applying, and applies what kubectl then shows', async () => {
    await page.getByTestId('tab-cluster').click();
    await page.getByTestId('cluster-context').selectOption(ADMIN_CONTEXT);
    await page.getByTestId('cluster-connect').click();
    await expect
      .poll(() => page.getByTestId('cluster-status').innerText(), { timeout: 30_000 })
      .toMatch(/authenticated as synth-admin/);
    expect(await page.getByTestId('cluster-status').innerText()).toMatch(/reachable · v1\.37\.2/);
    await page.getByTestId('cluster-namespace').fill(ns);
    await page.getByTestId('cluster-namespace-set').click();
    await expect
      .poll(() => page.getByTestId('cluster-permissions').innerText(), { timeout: 30_000 })
      .toContain(`In ${ns} you may`);
    await screenshot(page, 'cluster-connected');

    await page.getByTestId('cluster-diff-button').click();
    await expect
      .poll(() => page.getByTestId('cluster-diff-summary').innerText(), { timeout: 30_000 })
      .toBe(`${ADMIN_CONTEXT}/${ns}: 3 to create, 0 unchanged`);
    await screenshot(page, 'cluster-diff');
    expect(await names()).toEqual([]);

    await page.getByTestId('cluster-apply-button').click();
    const dialog = page.getByTestId('cluster-confirm');
    await dialog.waitFor();
    expect(await page.getByTestId('cluster-confirm-target').innerText()).toBe(`${ADMIN_CONTEXT} / ${ns}`);
    expect(await page.getByTestId('cluster-confirm-create').locator('li').allInnerTexts()).toEqual([
      'Deployment hello-web',
      'Service hello-web',
      'Ingress hello',
    ]);
    await screenshot(page, 'cluster-confirm');
    await page.getByTestId('cluster-confirm-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await names()).toEqual([]); // cancelled: nothing written

    await page.getByTestId('cluster-apply-button').click();
    await page.getByTestId('cluster-confirm-ok').click();
    await expect.poll(() => page.getByTestId('cluster-result').innerText(), { timeout: 30_000 }).toMatch(/3 created/);
    await screenshot(page, 'cluster-applied');
    expect((await names()).sort()).toEqual(['Deployment/hello-web', 'Ingress/hello', 'Service/hello-web']);

    await page.getByTestId('cluster-diff-button').click();
    await expect
      .poll(() => page.getByTestId('cluster-diff-summary').innerText(), { timeout: 30_000 })
      .toBe(`${ADMIN_CONTEXT}/${ns}: No changes (3 unchanged)`);
  });
});

/**
 * The YAML panel as a new user tries it, in Debian's Chromium against the real web-mode app on
 * hello-web: read the Deployment, change replicas in the text and see the knob turn and Pods
 * appear, pull a cable and see the YAML change, type broken YAML and see the error at its line
 * with the patch unchanged, paste a ConfigMap and see an Object module racked.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  drag,
  jack,
  launchBrowser,
  moduleIds,
  openRack,
  ROOT,
  screenshot,
  startApp,
  tempDir,
  type RunningApp,
} from './helpers/app';

let browser: Browser;
let app: RunningApp;
let page: Page;

beforeAll(async () => {
  const file = path.join(tempDir('k8s-synth-yaml-'), 'hello-web.k8spatch');
  copyFileSync(path.join(ROOT, 'resources/examples/hello-web.k8spatch'), file);
  app = await startApp({ args: [file] });
  browser = await launchBrowser();
  page = await openRack(browser, app.url);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** The text on screen in the editor (CodeMirror renders only what is in view). */
const editorText = () => page.locator('.cm-content').innerText();
/** Scrolls the editor to its end (later documents) or start. */
const scrollEditor = (to: 'end' | 'start') =>
  page.locator('.cm-scroller').evaluate((el, end) => (el.scrollTop = end ? el.scrollHeight : 0), to === 'end');
const status = () => page.getByTestId('yaml-status').innerText();
const knob = () => page.getByTestId('knob-deploy-replicas');

/** Puts the caret at the end of the first editor line containing `text`. */
async function caretAfter(text: string): Promise<Locator> {
  const line = page.locator('.cm-line', { hasText: text }).first();
  await line.scrollIntoViewIfNeeded();
  await line.click();
  await page.keyboard.press('End');
  return line;
}

describe('YAML panel on hello-web', () => {
  it('shows the Deployment, Service and Ingress as YAML', async () => {
    await page.getByTestId('tab-yaml').click();
    await expect.poll(editorText).toContain('kind: Deployment');
    const text = await editorText();
    expect(text).toContain('replicas: 3');
    expect(await status()).toMatch(/in sync/i);
    await screenshot(page, 'yaml-01-hello-web');
    await scrollEditor('end');
    await expect.poll(editorText).toContain('kind: Ingress');
    expect(await editorText()).toContain('hello.example.com');
    await scrollEditor('start');
  });

  it('changes the YAML when a cable is moved to another jack by dragging it', async () => {
    // Placement is the cables into a Node's LOAD: pod-3 is the only Pod on node-b, so moving its
    // cable to node-a puts every Pod on one Node, which the Deployment says with a nodeSelector.
    const cables = () => page.locator('[data-testid^="cable-"]').count();
    const before = await cables();
    await expect.poll(editorText).toContain('nodeAffinity');
    // The editor keeps the keyboard focus until the rack is used (see the cable test below).
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await drag(page, jack(page, 'node-b', 'load'), jack(page, 'node-a', 'load'));
    // `nodeSelector:` with its colon: the affinity's own `nodeSelectorTerms` must not count.
    await expect.poll(editorText).toMatch(/\bnodeSelector:/);
    expect(await editorText()).not.toContain('nodeAffinity');
    expect(await cables()).toBe(before);
    await expect.poll(status).toMatch(/in sync/i);
  });

  it('turns the replicas knob and adds Pods when replicas changes in the text', async () => {
    expect(await moduleIds(page)).toHaveLength(10);
    await caretAfter('replicas: 3');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('5');
    await expect.poll(() => knob().getAttribute('aria-valuenow'), { timeout: 5000 }).toBe('5');
    await expect.poll(async () => (await moduleIds(page)).length).toBe(12);
    await expect.poll(status).toMatch(/in sync/i);
    await screenshot(page, 'yaml-02-replicas-5');
  });

  it('changes the YAML when a cable is pulled in the rack', async () => {
    // The text keeps the keyboard until the rack is used; a cable is picked by its hit path.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const point = await page.evaluate(() => {
      const hit = document
        .querySelector('[data-testid="cable-c1"]')
        ?.parentElement?.querySelector('.cable-hit') as SVGPathElement;
      const p = hit.getPointAtLength(hit.getTotalLength() * 0.3).matrixTransform(hit.getScreenCTM()!);
      return { x: p.x, y: p.y };
    });
    await page.mouse.click(point.x, point.y, { button: 'right' });
    await page.getByTestId('context-delete-cable').click();
    await scrollEditor('end');
    await expect.poll(editorText).toContain('kind: Ingress');
    await expect.poll(editorText).not.toContain('hello.example.com');
    await scrollEditor('start');
    expect(await moduleIds(page)).toHaveLength(12);
  });

  it('shows broken YAML inline at its line, and leaves the patch alone', async () => {
    const before = await moduleIds(page);
    await caretAfter('replicas: 5');
    await page.keyboard.type(' [');
    await expect.poll(status, { timeout: 5000 }).toMatch(/^Line 12:\d+: .*The patch is unchanged/);
    expect(await page.locator('.cm-lintRange-error').count()).toBeGreaterThan(0);
    expect(await knob().getAttribute('aria-valuenow')).toBe('5');
    expect(await moduleIds(page)).toEqual(before);
    // The user's text is kept, broken as it is.
    expect(await editorText()).toContain('replicas: 5 [');
    // …even across a visit to another tab.
    await page.getByTestId('tab-inspector').click();
    await page.getByTestId('tab-yaml').click();
    await expect.poll(editorText).toContain('replicas: 5 [');
    await expect.poll(status, { timeout: 5000 }).toMatch(/^Line 12:\d+: .*The patch is unchanged/);
    await page.getByTestId('yaml-wide').click();
    await screenshot(page, 'yaml-03-broken');
  });

  it('refuses a field the Kubernetes schema refuses, at its line', async () => {
    await page.getByTestId('yaml-reset').click();
    await caretAfter('replicas: 5');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('"five"');
    await expect.poll(status, { timeout: 5000 }).toMatch(/^Line 12:\d+: spec\.replicas must be integer/);
    expect(await knob().getAttribute('aria-valuenow')).toBe('5');
    expect((page as Page & { problems?: string[] }).problems ?? []).toEqual([]);
  });

  it('diffs against the saved file, side by side and unified, with a one-line summary', async () => {
    await page.getByTestId('yaml-reset').click();
    await page.getByTestId('yaml-diff-toggle').click();
    await expect
      .poll(() => page.getByTestId('yaml-diff-summary').innerText())
      .toMatch(
        /^Since the saved file: \+2 Pods; Deployment hello-web replicas 3->5, nodes node-a,node-b->node-a; Ingress hello −route hello\.example\.com\/->hello-web$/,
      );
    expect(await page.locator('.cm-mergeView').count()).toBe(1);
    await screenshot(page, 'yaml-04-diff-split');
    await page.getByTestId('yaml-diff-unified').click();
    await expect.poll(() => page.locator('.cm-deletedChunk').count()).toBeGreaterThan(0);
    await screenshot(page, 'yaml-05-diff-unified');
    await page.getByTestId('yaml-diff-toggle').click();
  });

  it('racks an Object for a pasted ConfigMap, and takes it away when the document goes', async () => {
    const before = await moduleIds(page);
    await caretAfter('kind: Deployment');
    await page.keyboard.press('Control+End');
    // insertText, not type: CodeMirror would re-indent typed lines; a paste arrives as it is.
    const doc = '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: e2e-config\ndata:\n  MODE: prod\n';
    await page.keyboard.insertText(doc);
    await expect.poll(async () => (await moduleIds(page)).length, { timeout: 5000 }).toBe(before.length + 1);
    expect(await moduleIds(page)).toContain('configmap-e2e-config');
    await expect.poll(status).toMatch(/in sync/i);
    await screenshot(page, 'yaml-06-object');
    // Select the pasted lines back to the `---` and delete them.
    for (let i = 0; i < doc.split('\n').length - 1; i++) await page.keyboard.press('Shift+ArrowUp');
    await page.keyboard.press('Backspace');
    await expect.poll(() => moduleIds(page), { timeout: 5000 }).toEqual(before);
    await expect.poll(status).toMatch(/in sync/i);
  });

  it('imports a docker-compose.yaml as a new patch, with its warnings shown', async () => {
    const file = path.join(tempDir('k8s-synth-compose-'), 'docker-compose.yaml');
    writeFileSync(
      file,
      'services:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n    depends_on: [db]\n  db:\n    image: postgres:16\n    volumes: ["data:/var/lib/postgresql/data"]\n',
    );
    await page.getByTestId('yaml-import').click();
    await page.getByTestId('yaml-import-path').fill(file);
    const unsaved = (await page.getByTestId('dirty-dot').count()) > 0;
    await page.getByTestId('yaml-import-go').click();
    // The edits above are unsaved: the import asks before it replaces them.
    if (unsaved) await page.getByTestId('confirm-ok').click();
    // web and db (reached through depends_on) each get a Deployment, a Pod and a Service; 2 Nodes are added.
    await expect.poll(async () => (await moduleIds(page)).length).toBe(8);
    await expect.poll(() => page.getByTestId('notice').innerText()).toMatch(/Imported docker-compose\.yaml\./);
    await page.getByTestId('notifications-toggle').click();
    await expect.poll(() => page.getByTestId('problems').innerText()).toMatch(/depends_on dropped/);
    await page.keyboard.press('Escape');
    await expect.poll(editorText).toContain('image: postgres:16');
    await screenshot(page, 'yaml-07-compose-import');
  });
});

/**
 * History and performances, as a user meets them in Chromium against the real web-mode app:
 * record a short performance by patching with the mouse, replay it at 2x and watch the cables
 * come back in the order they were patched, at about twice the speed; browse and restore
 * versions in the History tab; and undo/redo across an app restart on the same data dir.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFromBrowser, drag, jack, launchBrowser, openRack, screenshot, startApp, type RunningApp } from './helpers/app';

let browser: Browser;
let app: RunningApp;
let page: Page;
const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  page = await openRack(browser, app.url);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const cableIds = (p: Page) =>
  p
    .locator('[data-testid^="cable-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('cable-'.length)));

describe('recording and replaying a performance', () => {
  const recorded: { id: string; at: number }[] = [];

  it('records cables patched with the mouse, with the time running in the transport bar', async () => {
    ids.deployment = await addFromBrowser(page, 'deployment');
    ids.pod1 = await addFromBrowser(page, 'pod');
    ids.pod2 = await addFromBrowser(page, 'pod');
    ids.node = await addFromBrowser(page, 'node');
    await page.keyboard.press('Control+0');
    await page.getByTestId('transport-record').click();
    await expect.poll(() => page.getByTestId('transport-name').innerText()).toMatch(/Recording/);
    const patchOne = async (from: [string, string], to: [string, string]) => {
      const before = new Set(await cableIds(page));
      await drag(page, jack(page, ids[from[0]]!, from[1]), jack(page, ids[to[0]]!, to[1]));
      await expect.poll(async () => (await cableIds(page)).length).toBe(before.size + 1);
      recorded.push({ id: (await cableIds(page)).find((id) => !before.has(id))!, at: Date.now() });
      await page.waitForTimeout(600);
    };
    await patchOne(['deployment', 'claim-1'], ['pod1', 'life']);
    await patchOne(['deployment', 'claim-2'], ['pod2', 'life']);
    await patchOne(['pod1', 'load'], ['node', 'load']);
    await patchOne(['pod2', 'load'], ['node', 'load']);
    await page.getByTestId('transport-add-marker').click();
    await expect(page.getByTestId('transport-time').innerText()).resolves.not.toMatch(/^0:00\.000/);
    await screenshot(page, 'history-01-recording');
    await page.getByTestId('transport-stop').click();
    await expect.poll(() => page.getByTestId('transport-name').innerText()).not.toMatch(/Recording/);
  });

  it('lists the performance with its name, date, length and number of events', async () => {
    await page.getByTestId('tab-history').click();
    const row = page.locator('[data-testid^="performance-"][data-testid$="1"]').first();
    await expect.poll(() => page.getByTestId('performance-list').innerText()).toMatch(/4 events/);
    expect(await row.innerText()).toMatch(/Performance .*\n?.*0:0\d\.\d{3} · 4 events/s);
  });

  it('replays at 2x: the rack goes back to the start, then the cables appear in the order they were patched', async () => {
    await page.getByTestId('transport-speed').selectOption('2');
    const seen: { id: string; at: number }[] = [];
    await page.getByTestId('transport-play').click();
    const started = Date.now();
    await expect.poll(async () => (await cableIds(page)).length, { timeout: 5_000 }).toBe(0);
    while (seen.length < 4 && Date.now() - started < 10_000) {
      for (const id of await cableIds(page)) if (!seen.some((s) => s.id === id)) seen.push({ id, at: Date.now() });
      if (seen.length === 2) await screenshot(page, 'history-02-replaying');
      await page.waitForTimeout(20);
    }
    expect(seen.map((s) => s.id)).toEqual(recorded.map((r) => r.id));
    // Twice as fast as recorded (polling adds a little noise either way).
    const recordedSpan = recorded.at(-1)!.at - recorded[0]!.at;
    const replaySpan = seen.at(-1)!.at - seen[0]!.at;
    expect(replaySpan / recordedSpan).toBeGreaterThan(0.3);
    expect(replaySpan / recordedSpan).toBeLessThan(0.75);
    await screenshot(page, 'history-03-replayed');
  });

  it('shows the versions in the History tab; restoring one is undoable', async () => {
    await expect.poll(() => page.getByTestId('history-versions').innerText()).toMatch(/connect cable/);
    const rows = page.locator('[data-testid^="history-version-"]');
    expect(await rows.count()).toBeGreaterThan(3);
    await page.getByTestId('history-version-0').click();
    await page.getByTestId('history-preview').click();
    await expect.poll(() => page.getByTestId('history-shown').innerText()).toMatch(/Version 0 \(read-only\)/);
    // The preview is the version's YAML (main/synth), read-only: the four modules, no cables yet.
    await expect.poll(() => page.getByTestId('history-yaml').innerText()).toMatch(/kind: Deployment/);
    expect(await page.getByTestId('history-yaml').locator('[contenteditable="true"]').count()).toBe(0);
    // …and the rack as it was: the four modules, no cables.
    expect(await page.getByTestId('history-rack').locator('[data-testid^="history-rack-module-"]').count()).toBe(4);
    expect(await page.getByTestId('history-rack').locator('line[stroke^="#"]:not([stroke="#3a3f47"])').count()).toBe(0);
    // The version list keeps room for several rows with the preview open.
    expect((await page.getByTestId('history-versions').boundingBox())!.height).toBeGreaterThan(100);
    await screenshot(page, 'history-04-preview');
    // Compare the start with the newest version: the YAML diff and the one-line summary.
    await rows.first().click({ modifiers: ['Shift'] });
    await page.getByTestId('history-compare').click();
    await expect.poll(() => page.getByTestId('history-shown').innerText()).toMatch(/From version 0 to version \d+/);
    const summary = page.getByTestId('history-summary');
    await expect.poll(() => summary.innerText()).not.toMatch(/^$|Loading|no changes/i);
    console.log(`history compare summary: ${await summary.innerText()}`);
    // Names, as Kubernetes sees them, never the rack's module ids.
    for (const id of Object.values(ids)) expect(await summary.innerText()).not.toContain(id);
    // The narrow side panel starts unified (side by side would wrap every line); split is a click away.
    expect(await page.getByTestId('history-yaml').locator('.cm-mergeView').count()).toBe(0);
    await page.getByTestId('history-diff-split').click();
    await expect.poll(() => page.getByTestId('history-yaml').locator('.cm-mergeView').count()).toBe(1);
    await screenshot(page, 'history-04b-compare');
    await page.getByTestId('history-diff-unified').click();
    await expect.poll(() => page.getByTestId('history-yaml').locator('.cm-mergeView').count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('history-yaml').locator('.cm-deletedChunk, .cm-changedLine').count())
      .toBeGreaterThan(0);
    await page.getByTestId('history-restore').click();
    await expect.poll(async () => (await cableIds(page)).length).toBe(0);
    await page.getByTestId('action-history.undo').click();
    await expect.poll(async () => (await cableIds(page)).length).toBe(4);
  });

  it('seeks by scrubbing the timeline: the rack shows the state at that point', async () => {
    await expect.poll(() => page.getByTestId('transport-play').count()).toBe(1);
    // Notices float over the bottom strips: read and dismiss them first, as a user would.
    for (const close of await page.getByTestId('notice').getByRole('button', { name: 'Dismiss' }).all()) await close.click();
    // Scrubbing: a click on the timeline jumps there (the far left is the start, the far right the end).
    const box = (await page.getByTestId('transport-seek').boundingBox())!;
    await page.mouse.click(box.x + 1, box.y + box.height / 2);
    await expect.poll(async () => (await cableIds(page)).length).toBe(0);
    await page.mouse.click(box.x + box.width - 1, box.y + box.height / 2);
    await expect.poll(async () => (await cableIds(page)).length).toBe(4);
  });

  it('renames and deletes the performance from the list', async () => {
    const id = (await page.locator('[data-testid^="performance-rename-"]').first().getAttribute('data-testid'))!.split('-').pop();
    await page.getByTestId(`performance-rename-${id}`).click();
    await page.getByTestId(`performance-name-${id}`).fill('Cables in order');
    await page.getByTestId(`performance-name-${id}`).press('Enter');
    await expect.poll(() => page.getByTestId(`performance-${id}`).innerText()).toMatch(/^Cables in order/);
    await screenshot(page, 'history-04c-renamed');
    // Delete asks once more on the same button.
    await page.getByTestId(`performance-delete-${id}`).click();
    await expect(page.getByTestId(`performance-delete-${id}`).innerText()).resolves.toBe('Delete?');
    await page.getByTestId(`performance-delete-${id}`).click();
    await expect.poll(() => page.getByTestId(`performance-${id}`).count()).toBe(0);
  });

  it('raised no error in the page', () => {
    expect((page as Page & { problems?: string[] }).problems).toEqual([]);
  });
});

describe('undo and redo across a restart', () => {
  it('undoes and redoes edits made before the app was restarted', async () => {
    const first = await startApp();
    let other = await openRack(browser, first.url);
    const pod = await addFromBrowser(other, 'pod');
    const node = await addFromBrowser(other, 'node');
    await drag(other, jack(other, pod, 'load'), jack(other, node, 'load'));
    await expect.poll(() => other.locator('[data-testid^="cable-"]').count()).toBe(1);
    await other.close();
    await first.stop();

    const second = await startApp({ dataDir: first.dataDir });
    try {
      other = await openRack(browser, second.url);
      await expect.poll(() => other.locator('[data-testid^="cable-"]').count()).toBe(1);
      const undo = other.getByTestId('action-history.undo');
      await expect.poll(() => undo.getAttribute('title')).toMatch(/Undo connect cable/);
      await undo.click();
      await expect.poll(() => other.locator('[data-testid^="cable-"]').count()).toBe(0);
      await undo.click();
      await expect.poll(() => other.locator(`[data-testid="module-${node}"]`).count()).toBe(0);
      await screenshot(other, 'history-05-undone-after-restart');
      await other.getByTestId('action-history.redo').click();
      await other.getByTestId('action-history.redo').click();
      await expect.poll(() => other.locator('[data-testid^="cable-"]').count()).toBe(1);
      expect((other as Page & { problems?: string[] }).problems).toEqual([]);
      await other.close();
    } finally {
      await second.stop();
    }
  });
});

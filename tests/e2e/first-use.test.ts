/**
 * First use with real public files (tests/data/real-world), as a new user meets the app: import
 * over unsaved work asks first; a compose file with another name imports; the imported apps get
 * Nodes, Pods placed and a notice that says so; the warnings stay in the Problems list; the
 * window works at 1024×768 (status line, folding panels, refit on resize). Screenshots at
 * 1600×900 and 1024×768 go to test-results/e2e/first-use-*.png.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFromBrowser, launchBrowser, moduleIds, openRack, ROOT, screenshot, startApp, type RunningApp } from './helpers/app';

const DATA = path.join(ROOT, 'tests/data/real-world');
const cableCount = () => page.locator('.react-flow__edge').count();
/** An import parses, lays out and renders a whole app: give it time on a loaded machine. */
const SLOW = { timeout: 15_000 };
let browser: Browser;
let app: RunningApp;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  page = await openRack(browser, app.url);
  await page.setViewportSize({ width: 1600, height: 900 });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function importPath(file: string): Promise<void> {
  await page.getByTestId('tab-yaml').click();
  await page.getByTestId('yaml-import').click();
  await page.getByTestId('yaml-import-path').fill(file);
  await page.getByTestId('yaml-import-go').click();
}

/** The rack's case on screen, and the visible rack area. */
async function caseAndArea() {
  const box = await page.getByTestId('rack-case').boundingBox();
  const area = await page.getByTestId('rack-canvas').boundingBox();
  return { box: box!, area: area! };
}

describe('first use', () => {
  it('asks before an import replaces unsaved work, and keeps it when told no', async () => {
    await addFromBrowser(page, 'pod');
    await expect.poll(() => page.getByTestId('dirty-dot').count()).toBe(1);
    await importPath(path.join(DATA, 'online-boutique'));
    const dialog = page.getByTestId('confirm-dialog');
    await expect.poll(() => dialog.innerText(), SLOW).toMatch(/Discard unsaved changes to Untitled\?/);
    await screenshot(page, 'first-use-01-import-asks');
    await page.getByTestId('confirm-cancel').click();
    expect(await moduleIds(page)).toHaveLength(1);
  });

  it('imports the online-boutique manifests with Nodes added, Pods placed and a notice saying so', async () => {
    await page.getByTestId('yaml-import-go').click();
    await page.getByTestId('confirm-ok').click();
    // 3 Deployments with 5 Pods, 4 Services, and the 2 Nodes the import added.
    await expect.poll(async () => (await moduleIds(page)).length, SLOW).toBe(14);
    const notice = page.getByTestId('notice');
    await expect
      .poll(() => notice.innerText(), SLOW)
      .toMatch(/Imported online-boutique\. The manifests name no Nodes, so 2 Nodes/);
    // The notice is one line in the status row: it covers nothing.
    const status = await page.getByTestId('status-line').boundingBox();
    const rack = await page.getByTestId('rack-canvas').boundingBox();
    expect(status!.y + status!.height).toBeLessThanOrEqual(rack!.y + 1);
    await screenshot(page, 'first-use-02-boutique-1600');
  });

  it('a click on a module header under a cable selects the module, not the cable', async () => {
    // A point on a cable's clickable middle that lies over a module's title band.
    const point = await page.evaluate(() => {
      for (const path of document.querySelectorAll<SVGPathElement>('.cable-hit')) {
        const m = path.getScreenCTM()!;
        for (let l = 0; l < path.getTotalLength(); l += 4) {
          const p = path.getPointAtLength(l);
          const x = m.a * p.x + m.c * p.y + m.e;
          const y = m.b * p.x + m.d * p.y + m.f;
          const under = document.elementsFromPoint(x, y);
          if (under[0] !== path) continue;
          const node = under.map((e) => e.closest('.react-flow__node')).find(Boolean);
          if (!node) continue;
          const box = node.getBoundingClientRect();
          if (y - box.top > 4 && y - box.top < box.height * 0.1) return { x, y, id: node.getAttribute('data-id') };
        }
      }
      return null;
    });
    expect(point, 'a cable crossing a module header in the boutique layout').not.toBeNull();
    await page.mouse.click(point!.x, point!.y);
    await expect.poll(() => page.locator(`[data-testid="module-${point!.id}"].selected`).count()).toBe(1);
    expect(await page.locator('.cable.selected').count()).toBe(0);
    await page.keyboard.press('Escape');
  });

  it('right-click menus: a module disconnects its cables, a jack lists its cables', async () => {
    const pod = (await moduleIds(page)).find((id) => id.startsWith('pod-'))!;
    const before = await cableCount();
    const box = (await page.getByTestId(`module-${pod}`).boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height * 0.3, { button: 'right' });
    const menu = page.getByTestId('context-menu-module');
    // CLAIM -> LIFE, READY -> the Deployment and the Service, LOAD -> its Node.
    await expect.poll(() => menu.innerText()).toMatch(/Duplicate[\s\S]*Disconnect its 4 cables[\s\S]*Initialize[\s\S]*Delete/);
    await screenshot(page, 'first-use-03a-module-menu');
    await page.getByTestId('module-menu-disconnect').click();
    await expect.poll(cableCount).toBe(before - 4);
    // A Deployment's first CLAIM out still holds its cable: its menu lists where it goes.
    await page.locator('[data-testid$="-claim-1"][data-patched="true"]').first().click({ button: 'right' });
    await expect.poll(() => page.getByTestId('context-menu-jack').innerText()).toMatch(/CLAIM 1: 1 cable\n✕ to Pod /);
    await screenshot(page, 'first-use-03b-jack-menu');
    await page.keyboard.press('Escape');
    await page.getByTestId('action-history.undo').click();
    await expect.poll(cableCount).toBe(before);
  });

  it('while a cable is dragged, the status line says which jacks can take it', async () => {
    const deploy = (await moduleIds(page)).find((id) => id.startsWith('deployment-'))!;
    const from = (await page.getByTestId(`jack-${deploy}-claim-6`).boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + 120, from.y + 200, { steps: 6 });
    await expect
      .poll(() => page.getByTestId('drag-hint').innerText())
      .toMatch(/jacks? can take this cable \(lit\); dimmed jacks cannot/);
    await screenshot(page, 'first-use-03c-drag-hint');
    await page.keyboard.press('Escape');
    await page.mouse.up();
    await expect.poll(() => page.getByTestId('drag-hint').count()).toBe(0);
  });

  it('cable opacity and tension are view settings', async () => {
    await page.getByTestId('view-cables-toggle').click();
    await page.getByTestId('view-cable-opacity').fill('0.3');
    const cable = page.locator('.react-flow__edge .cable').first();
    await expect.poll(() => cable.evaluate((el) => getComputedStyle(el).strokeOpacity)).toBe('0.3');
    const d = await cable.getAttribute('d');
    await page.getByTestId('view-cable-tension').fill('1');
    await expect.poll(() => cable.getAttribute('d')).not.toBe(d);
    await page.getByTestId('view-cable-opacity').fill('0.8');
    await page.getByTestId('view-cable-tension').fill('0.5');
    await page.getByTestId('view-cables-toggle').click();
  });

  it('imports a compose file whatever it is called, and keeps its warnings in the Problems list', async () => {
    await importPath(path.join(DATA, 'react-express-mysql.yaml'));
    // The imported patch is untitled and unsaved: the next import asks again.
    await page.getByTestId('confirm-ok').click();
    await expect
      .poll(() => page.getByTestId('notice').innerText())
      .toMatch(/Imported react-express-mysql\.yaml\..*not carried over/);
    expect(await page.getByTestId('notice').innerText()).not.toMatch(/undefined/);
    // Info leaves by itself; the warning moves to the list, where it stays.
    await page.getByTestId('notifications-toggle').click();
    const problems = page.getByTestId('problems');
    await expect.poll(() => problems.innerText()).toMatch(/Top-level secrets \(db-password\) not imported/);
    await screenshot(page, 'first-use-03-problems');
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('notification-list').count()).toBe(0);
  });

  it('at 1024×768: the side panels fold, the rack refits on resize and the row buttons stay in view', async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await expect
      .poll(async () => {
        const { box, area } = await caseAndArea();
        return box.x >= area.x - 1 && box.x + box.width <= area.x + area.width + 1 && box.y + box.height <= area.y + area.height;
      })
      .toBe(true);
    const addRow = await page.getByTestId('add-row').boundingBox();
    const area = (await caseAndArea()).area;
    expect(addRow!.y + addRow!.height).toBeLessThanOrEqual(area.y + area.height);
    await screenshot(page, 'first-use-04-compose-1024');
    await page.getByTestId('collapse-panel').click();
    await expect.poll(async () => (await caseAndArea()).area.width).toBeGreaterThan(900);
    await screenshot(page, 'first-use-05-panel-folded-1024');
    await page.getByTestId('collapse-panel').click();
    // Every side-panel tab label is shown whole.
    for (const tab of await page.locator('.side-panel__tab').all())
      expect(await tab.evaluate((el) => el.scrollWidth <= el.clientWidth + 1), await tab.innerText()).toBe(true);
  });

  it('at 1280×720 and 1024×768: the top bar is one row and every control of the strips under the rack is in the window', async () => {
    // Long Undo and Redo labels ("Redo disconnect cables"), as after a few edits and an undo.
    const pod = (await moduleIds(page)).find((id) => id.startsWith('m-') || id.includes('pod'))!;
    const box = (await page.getByTestId(`module-${pod}`).boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height * 0.3, { button: 'right' });
    await page.getByTestId('module-menu-disconnect').click();
    await page.getByTestId('module-menu-disconnect').waitFor({ state: 'detached' });
    await page.getByTestId('action-history.undo').click();
    await expect.poll(() => page.getByTestId('action-history.redo').innerText()).toBe('Redo disconnect cables');
    for (const [width, height] of [
      [1280, 720],
      [1024, 768],
    ] as const) {
      await page.setViewportSize({ width, height });
      await expect.poll(async () => (await caseAndArea()).box.width).toBeLessThanOrEqual((await caseAndArea()).area.width + 1);
      await screenshot(page, `first-use-06-${width}x${height}`);
      const bar = page.locator('.shell-topbar');
      const rows = await bar.locator('button, .shell-topbar__app, input').evaluateAll((els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return { text: (e as HTMLElement).innerText, top: r.top, bottom: r.bottom, right: r.right, height: r.height };
        }),
      );
      const where = `${width}×${height}`;
      // One row: every control shares the bar's middle and no label wraps onto a second line.
      const middle = (await bar.boundingBox())!;
      for (const r of rows) {
        expect(Math.abs((r.top + r.bottom) / 2 - (middle.y + middle.height / 2)), `${where} ${r.text}`).toBeLessThan(4);
        expect(r.height, `${where} ${r.text}`).toBeLessThan(40);
        expect(r.right, `${where} ${r.text}`).toBeLessThanOrEqual(width);
      }
      // The labels that give way still show their first word, "Undo" / "Redo", whole.
      for (const id of ['action-history.undo', 'action-history.redo']) {
        const room = await page.getByTestId(id).evaluate((el) => {
          const range = document.createRange();
          range.setStart(el.firstChild!, 0);
          range.setEnd(el.firstChild!, 4);
          const style = getComputedStyle(el);
          return (
            el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - range.getBoundingClientRect().width
          );
        });
        expect(room, `${where} ${id}`).toBeGreaterThanOrEqual(0);
      }
      for (const id of [
        'sim-run',
        'sim-step',
        'sim-speed',
        'sim-reset',
        'transport-record',
        'transport-play',
        'transport-add-marker',
        'transport-loop',
        'transport-speed',
        'add-row',
      ]) {
        const b = (await page.getByTestId(id).boundingBox())!;
        expect(b.y + b.height, `${where} ${id}`).toBeLessThanOrEqual(height);
        expect(b.x + b.width, `${where} ${id}`).toBeLessThanOrEqual(width);
      }
    }
    await page.setViewportSize({ width: 1600, height: 900 });
  });
});

/**
 * The rack on a tablet (the web mode's stage use), in Debian's Chromium emulating a touch screen
 * (`hasTouch`, `isMobile`: CSS `pointer: coarse`) at 1024×768: at the fitted zoom every jack,
 * knob and switch takes a finger's 24 px circle as its own (measured by hit-testing the page),
 * where a mouse at the same window size gets 10 px jacks; and a finger patches, picks up, moves
 * and pulls cables. Screenshots go to test-results/e2e/touch-*.png.
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, moduleIds, screenshot, startApp, type RunningApp } from './helpers/app';

/** WCAG 2.2 SC 2.5.8: a 24 CSS px circle centred on each target meets no other target. */
const TARGET_PX = 24;
let browser: Browser;
let app: RunningApp;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function openHelloWeb(touch: boolean): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: touch, isMobile: touch });
  const page = await context.newPage();
  await page.goto(app.url);
  await page.locator('.react-flow__renderer').waitFor();
  const press = (id: string) => (touch ? page.getByTestId(id).tap() : page.getByTestId(id).click());
  await press('action-file.openExample');
  // The app is shared: after an earlier test's edits it asks before replacing them.
  const ok = page.getByTestId('confirm-ok');
  await ok.or(page.getByTestId('open-example-hello-web')).first().waitFor();
  if (await ok.isVisible()) await press('confirm-ok');
  await press('open-example-hello-web');
  await expect.poll(() => moduleIds(page).then((ids) => ids.length)).toBe(10);
  return { context, page };
}

const zoomOf = (page: Page) =>
  page.evaluate(() => new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform).a);

/** Waits until the view stops moving (the fit runs two frames after a layout change). */
async function settled(page: Page): Promise<number> {
  let last = NaN;
  await expect
    .poll(async () => {
      const zoom = await zoomOf(page);
      const same = zoom === last;
      last = zoom;
      return same;
    })
    .toBe(true);
  return last;
}

interface HitReport {
  controls: number;
  /** Controls whose whole 24 px circle hit-tests to themselves. */
  own: number;
  failures: string[];
}

/**
 * Hit-tests the page as a finger would: for every jack, knob and switch whose 24 px circle lies
 * inside the canvas (and off the overview map and zoom buttons), and every nameplate (which
 * opens the module's description), the control on top at its centre
 * and at 16 points 11.5 px out must be that control.
 */
function hitTest(page: Page): Promise<HitReport> {
  return page.evaluate((target) => {
    const canvas = document.querySelector('[data-testid="rack-canvas"] .react-flow')!.getBoundingClientRect();
    const covers = [...document.querySelectorAll('.react-flow__minimap, .react-flow__controls, .react-flow__panel')].map((e) =>
      e.getBoundingClientRect(),
    );
    const r = target / 2 - 0.5;
    const inside = (x: number, y: number) =>
      x - r >= canvas.left &&
      x + r <= canvas.right &&
      y - r >= canvas.top &&
      y + r <= canvas.bottom &&
      !covers.some((c) => x + r >= c.left && x - r <= c.right && y + r >= c.top && y - r <= c.bottom);
    const report = { controls: 0, own: 0, failures: [] as string[] };
    for (const el of document.querySelectorAll<HTMLElement>('.jack-art, .knob, .switch, .nameplate')) {
      const box = el.getBoundingClientRect();
      const cx = box.left + box.width / 2;
      const cy = box.top + box.height / 2;
      if (!inside(cx, cy)) continue;
      report.controls++;
      const points = [
        [cx, cy],
        ...Array.from({ length: 16 }, (_, i) => [cx + r * Math.cos((i * Math.PI) / 8), cy + r * Math.sin((i * Math.PI) / 8)]),
      ];
      const miss = points.find(
        ([x, y]) => document.elementFromPoint(x!, y!)?.closest('.jack-art, .knob, .switch, .nameplate') !== el,
      );
      if (miss) {
        const got = document.elementFromPoint(miss[0]!, miss[1]!);
        report.failures.push(
          `${el.dataset['testid']} at (${miss[0]!.toFixed(0)},${miss[1]!.toFixed(0)}) → ${got?.closest('[data-testid]')?.getAttribute('data-testid') ?? got?.className}`,
        );
      } else report.own++;
    }
    return report;
  }, TARGET_PX);
}

/** A finger drag through Chrome's touch input (Playwright's touchscreen only taps). */
async function fingerDrag(cdp: CDPSession, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
  for (let i = 1; i <= 10; i++) {
    const t = i / 10;
    await cdp.send('Input.dispatchTouchEvent', {
      type: 'touchMove',
      touchPoints: [{ x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t - 40 * Math.sin(Math.PI * t) }],
    });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

async function centre(page: Page, testId: string): Promise<{ x: number; y: number }> {
  const box = (await page.getByTestId(testId).boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

const cableEnds = (page: Page) =>
  page.locator('.react-flow__edge').evaluateAll((edges) => edges.map((e) => e.getAttribute('aria-label') ?? ''));

describe('on a touch screen at 1024×768', () => {
  it('a mouse at the fitted zoom gets 10 px jacks, too close together for a finger (the baseline)', async () => {
    const { context, page } = await openHelloWeb(false);
    const zoom = await settled(page);
    const report = await hitTest(page);
    console.log(`fine pointer: zoom ${zoom.toFixed(3)}, ${report.own}/${report.controls} controls own a 24 px circle`);
    expect(zoom).toBeLessThan(0.6);
    expect(report.own).toBeLessThan(report.controls / 2);
    await context.close();
  });

  it('a finger: at the fitted zoom every jack, knob and switch in view owns a 24 px circle', async () => {
    const { context, page } = await openHelloWeb(true);
    expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
    const zoom = await settled(page);
    // Fit starts at the rack's top-left (Ingress first) and the overview map appears to pan by.
    const caseBox = (await page.getByTestId('rack-case').boundingBox())!;
    const canvas = (await page.getByTestId('rack-canvas').boundingBox())!;
    expect(caseBox.x).toBeGreaterThanOrEqual(canvas.x);
    expect(caseBox.x - canvas.x).toBeLessThan(40);
    await expect.poll(() => page.locator('.react-flow__minimap').count()).toBe(1);
    const report = await hitTest(page);
    console.log(`coarse pointer: zoom ${zoom.toFixed(3)}, ${report.own}/${report.controls} controls own a 24 px circle`);
    expect(report.controls).toBeGreaterThan(25);
    expect(report.failures).toEqual([]);
    // The invisible touch area itself: a jack's is ≥ 24 px on screen (layout rounds to 1/64 px).
    const jackArea = await page
      .getByTestId('jack-deploy-claim-1')
      .evaluate((el) => parseFloat(getComputedStyle(el, '::before').width));
    expect(jackArea * zoom).toBeGreaterThanOrEqual(TARGET_PX - 0.05);
    await screenshot(page, 'touch-01-fitted-1024');

    // The fit button lands on the same view; zooming out further is not offered.
    await page.getByTestId('rack-canvas').locator('.react-flow__controls-fitview').tap();
    expect(await settled(page)).toBeCloseTo(zoom, 3);
    expect(await page.getByTestId('rack-canvas').locator('.react-flow__controls-zoomout').isDisabled()).toBe(true);
    await context.close();
  });

  it('a finger patches a cable, picks it up at its input, moves it, and pulls it out', async () => {
    const { context, page } = await openHelloWeb(true);
    await page.getByTestId('collapse-panel').tap();
    await settled(page);
    const cdp = await context.newCDPSession(page);
    const zoom = await settled(page);
    // One finger on the empty end of the top row pans the rack up, so the Pods' jacks come into view.
    const rack = (await page.getByTestId('rack-case').boundingBox())!;
    const empty = { x: rack.x + 62 * 15 * zoom, y: rack.y + 300 * zoom };
    await fingerDrag(cdp, empty, { x: empty.x, y: empty.y - 150 });
    await expect.poll(async () => (await page.getByTestId('rack-case').boundingBox())!.y).toBeLessThan(rack.y - 100);
    const canvas = (await page.getByTestId('rack-canvas').boundingBox())!;
    for (const id of ['jack-pod-1-ready', 'jack-deploy-ready-4']) {
      const at = await centre(page, id);
      expect(at.y, id).toBeGreaterThan(canvas.y);
      expect(at.y, id).toBeLessThan(canvas.y + canvas.height);
    }
    const before = await cableEnds(page);
    // A new cable: Pod READY (a gate) into the Deployment's free READY 4.
    await fingerDrag(cdp, await centre(page, 'jack-pod-1-ready'), await centre(page, 'jack-deploy-ready-4'));
    await expect.poll(() => cableEnds(page)).toContain('Cable pod-1:ready to deploy:ready-4');
    await screenshot(page, 'touch-02-patched');
    // Picked up at its input and dropped on READY 5: the same cable moves.
    await fingerDrag(cdp, await centre(page, 'jack-deploy-ready-4'), await centre(page, 'jack-deploy-ready-5'));
    await expect.poll(() => cableEnds(page)).toContain('Cable pod-1:ready to deploy:ready-5');
    expect(await cableEnds(page)).not.toContain('Cable pod-1:ready to deploy:ready-4');
    expect(await cableEnds(page)).toHaveLength(before.length + 1);
    // Picked up and dropped in empty space (above the rack): pulled out.
    const top = (await page.getByTestId('rack-case').boundingBox())!;
    const ready5 = await centre(page, 'jack-deploy-ready-5');
    await fingerDrag(cdp, ready5, { x: ready5.x, y: top.y - 12 });
    await expect.poll(() => cableEnds(page)).toEqual(before);
    expect((page as Page & { problems?: string[] }).problems ?? []).toEqual([]);
    await context.close();
  });

  it('a tap on a nameplate shows the module’s description, which a hover tooltip cannot on a tablet', async () => {
    const { context, page } = await openHelloWeb(true);
    await settled(page);
    await page.getByTestId('nameplate-deploy').tap();
    const popover = page.getByRole('dialog', { name: 'Deployment hello-web' });
    await expect.poll(() => popover.innerText()).toMatch(/Declares how many identical Pods/);
    await screenshot(page, 'touch-03-describe');
    // A tap elsewhere closes it.
    const rack = (await page.getByTestId('rack-case').boundingBox())!;
    await page.touchscreen.tap(rack.x + 62 * 15 * 0.91, rack.y + 300 * 0.91);
    await expect.poll(() => popover.count()).toBe(0);
    await context.close();
  });

  it('a long press on a jack opens its menu, listing its cables to pull', async () => {
    const { context, page } = await openHelloWeb(true);
    await settled(page);
    const cdp = await context.newCDPSession(page);
    const at = await centre(page, 'jack-deploy-claim-1');
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [at] });
    await page.waitForTimeout(1200);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect.poll(() => page.getByTestId('context-menu-jack').innerText()).toMatch(/CLAIM 1: 1 cable\n✕ to Pod /);
    await screenshot(page, 'touch-04-jack-menu');
    await context.close();
  });
});

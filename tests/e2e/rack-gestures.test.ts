/**
 * Rack gestures on the hello-web example, as VCV Rack users expect them, in Debian's Chromium:
 * Ctrl-drag copies a cable (from a patched input or output) instead of moving it; the cable
 * being drawn hangs at the Cables tension like the real ones. Screenshots go to
 * test-results/e2e/gestures-*.png.
 */
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
  type RunningApp,
} from './helpers/app';

let browser: Browser;
let app: RunningApp;
let page: Page;
/** The Pod added for the copies to land on. */
let spare = '';

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

interface CableRow {
  from: string;
  to: string;
  color: string;
}
/** Every cable on screen as "module:jack" ends and its colour, from its label and its drawing. */
const cables = (): Promise<CableRow[]> =>
  page.locator('.react-flow__edge').evaluateAll((edges) =>
    edges.map((e) => {
      const [, from = '', to = ''] = /^Cable (\S+) to (\S+)$/.exec(e.getAttribute('aria-label') ?? '') ?? [];
      return { from, to, color: e.querySelector('path.cable')?.getAttribute('data-color') ?? '' };
    }),
  );

async function centre(testId: string): Promise<{ x: number; y: number }> {
  const box = (await page.getByTestId(testId).boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Presses at one jack with Ctrl held and releases on another; returns the status line seen mid-drag. */
async function ctrlDrag(fromTestId: string, toTestId: string): Promise<string> {
  const a = await centre(fromTestId);
  const b = await centre(toTestId);
  await page.keyboard.down('Control');
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2 - 30, { steps: 8 });
  const hint = await page.getByTestId('drag-hint').innerText();
  await page.mouse.move(b.x, b.y, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.up('Control');
  return hint;
}

/** The quadratic of a drawn cable: its two ends and its control point. */
async function curve(testId: string): Promise<{ y0: number; cy: number; y1: number }> {
  const d = (await page.getByTestId(testId).locator('path.cable').getAttribute('d')) ?? '';
  const n = d.match(/-?[\d.]+/g)!.map(Number);
  return { y0: n[1]!, cy: n[3]!, y1: n[5]! };
}

describe('rack gestures', () => {
  it('opens hello-web', async () => {
    await page.getByTestId('action-file.openExample').click();
    await page.getByTestId('open-example-hello-web').click();
    await expect.poll(() => moduleIds(page).then((ids) => ids.length)).toBe(10);
    const rows = await cables();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.every((r) => r.from.includes(':') && r.to.includes(':') && r.color.startsWith('#'))).toBe(true);
  });

  it('Ctrl-drag from a patched input copies its cable (same output, same colour) and leaves it in place', async () => {
    const pod = (spare = await addFromBrowser(page, 'pod'));
    const before = await cables();
    const original = before.find((c) => c.to === 'pod-1:life')!;
    const hint = await ctrlDrag('jack-pod-1-life', `jack-${pod}-life`);
    expect(hint).toMatch(/^Copying the cable\./);
    await expect.poll(() => cables().then((c) => c.length)).toBe(before.length + 1);
    const after = await cables();
    expect(after).toContainEqual(original);
    expect(after).toContainEqual({ from: original.from, to: `${pod}:life`, color: original.color });
    await screenshot(page, 'gestures-01-copied-from-input');
    // One undo step takes the copy back, and only the copy.
    await page.getByTestId('action-history.undo').click();
    await expect.poll(cables).toEqual(before);
  });

  it('Ctrl-drag from a patched output copies its top cable to a free input', async () => {
    const before = await cables();
    const top = before.filter((c) => c.from === 'pod-1:ready').at(-1)!;
    const pod = (await moduleIds(page)).find(
      (id) => !before.some((c) => c.from.startsWith(`${id}:`) || c.to.startsWith(`${id}:`)),
    )!;
    await ctrlDrag('jack-pod-1-ready', `jack-${pod}-life`);
    // READY (a gate) may drive a Pod's LIFE gate: the copy lands in the top cable's colour.
    await expect.poll(() => cables().then((c) => c.length)).toBe(before.length + 1);
    expect(await cables()).toContainEqual({ from: 'pod-1:ready', to: `${pod}:life`, color: top.color });
    await page.getByTestId('action-history.undo').click();
    await expect.poll(cables).toEqual(before);
  });

  it('a plain drag from a patched input still moves its cable', async () => {
    const before = await cables();
    const original = before.find((c) => c.to === 'pod-1:life')!;
    const pod = spare;
    await drag(page, jack(page, 'pod-1', 'life'), jack(page, pod, 'life'));
    await expect.poll(cables).toContainEqual({ ...original, to: `${pod}:life` });
    expect(await cables()).toHaveLength(before.length);
    await page.getByTestId('action-history.undo').click();
    await expect.poll(cables).toEqual(before);
  });

  it('the cable being drawn hangs at the Cables tension, as the real cables do', async () => {
    const sag = async () => {
      const a = await centre('jack-deploy-claim-6');
      await page.mouse.move(a.x, a.y);
      await page.mouse.down();
      await page.mouse.move(a.x + 200, a.y, { steps: 6 });
      await expect.poll(() => page.getByTestId('connection-line').count()).toBe(1);
      const c = await curve('connection-line');
      await page.keyboard.press('Escape');
      await page.mouse.up();
      return c.cy - (c.y0 + c.y1) / 2;
    };
    const setTension = async (value: string) => {
      await page.getByTestId('view-cables-toggle').click();
      await page.getByTestId('view-cable-tension').fill(value);
      await page.getByTestId('view-cables-toggle').click();
    };
    await setTension('1');
    const taut = await sag();
    await setTension('0');
    const slack = await sag();
    await setTension('0.5');
    // Tension 1 pulls the cable straight; 0 lets it hang by 150 px plus its length (VCV's slump).
    expect(Math.abs(taut)).toBeLessThan(1);
    expect(slack).toBeGreaterThan(300);
  });

  it('a module’s description opens from its nameplate, by mouse or keyboard, as a labelled dialog', async () => {
    await page.getByTestId('nameplate-pod-1').click();
    const popover = page.getByRole('dialog', { name: 'Pod hello-web-1' });
    await expect.poll(() => popover.innerText()).toMatch(/The smallest thing Kubernetes runs/);
    // Focus moves into the dialog; Escape closes it and gives focus back to the nameplate.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('describe-close');
    await screenshot(page, 'gestures-02-describe');
    await page.keyboard.press('Escape');
    await expect.poll(() => popover.count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('nameplate-pod-1');
    // The keyboard alone: Enter on the focused nameplate opens it, with its state named.
    await page.keyboard.press('Enter');
    await expect.poll(() => popover.count()).toBe(1);
    expect(await page.getByTestId('nameplate-pod-1').getAttribute('aria-expanded')).toBe('true');
    await page.getByTestId('describe-close').press('Enter');
    await expect.poll(() => popover.count()).toBe(0);
  });
});

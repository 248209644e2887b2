/**
 * A knob knows its own echoes by the gesture main sends back with every change: on a slow link
 * (main's messages to this window held back longer than any guess of "soon") a fast turn never
 * jumps back to an older value, and a change someone else makes in another window during the turn
 * is what the knob shows once the hand lets go.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFromBrowser, launchBrowser, openRack, screenshot, startApp, type RunningApp } from './helpers/app';

/** How long main's messages to the slow window are held back (the knob once gave up after 400 ms). */
const LINK_DELAY_MS = 900;

let browser: Browser;
let app: RunningApp;
let slow: Page;
let other: Page;
let pod: string;

/** Holds every message from main to the page back by LINK_DELAY_MS, in order. */
async function slowLink(page: Page): Promise<void> {
  await page.routeWebSocket(/\/api/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => void setTimeout(() => ws.send(message), LINK_DELAY_MS));
  });
}

/** Every value the knob has shown since now, read from the page. */
async function recordKnob(page: Page, testId: string): Promise<() => Promise<number[]>> {
  await page.getByTestId(testId).evaluate((el) => {
    const seen: number[] = [Number(el.getAttribute('aria-valuenow'))];
    (window as unknown as { knobSeen: number[] }).knobSeen = seen;
    new MutationObserver(() => seen.push(Number(el.getAttribute('aria-valuenow')))).observe(el, {
      attributes: true,
      attributeFilter: ['aria-valuenow'],
    });
  });
  return () => page.evaluate(() => (window as unknown as { knobSeen: number[] }).knobSeen);
}

const knobValue = (page: Page) => page.getByTestId(`knob-${pod}-cpu`).getAttribute('aria-valuenow');

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  other = await openRack(browser, app.url);
  pod = await addFromBrowser(other, 'pod');
  slow = await openRack(browser, app.url, slowLink);
  await slow.getByTestId(`knob-${pod}-cpu`).waitFor({ timeout: 15_000 });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('a knob on a slow link', () => {
  it('turned fast with the keys, never shows an older value on the way to the last one', async () => {
    const knob = slow.getByTestId(`knob-${pod}-cpu`);
    const seen = await recordKnob(slow, `knob-${pod}-cpu`);
    await knob.focus();
    for (let i = 0; i < 12; i++) await slow.keyboard.press('ArrowUp');
    // The other window hears main at once: the last value is applied there.
    await expect.poll(() => knobValue(other), { timeout: 15_000 }).toBe('370');
    // Long after every echo has come back, the slow window shows the same.
    await new Promise((resolve) => setTimeout(resolve, 3 * LINK_DELAY_MS));
    expect(await knobValue(slow)).toBe('370');
    const values = await seen();
    expect(values.at(-1)).toBe(370);
    // Monotonic: no jump back to an echo of an earlier step.
    expect(values).toEqual([...values].sort((a, b) => a - b));
    await screenshot(slow, 'knob-echo-01-fast-turn');
  });

  it('shows the change another window made during the turn once the hand lets go', async () => {
    const knob = slow.getByTestId(`knob-${pod}-cpu`);
    const box = (await knob.boundingBox())!;
    await slow.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await slow.mouse.down();
    for (let dy = 4; dy <= 40; dy += 4) await slow.mouse.move(box.x + box.width / 2, box.y + box.height / 2 - dy);
    const turned = await knobValue(slow);
    expect(turned).not.toBe('370');
    // Meanwhile, the other window sends the knob to its lowest value; the hand holds still.
    await expect.poll(() => knobValue(other), { timeout: 15_000 }).toBe(turned);
    await other.getByTestId(`knob-${pod}-cpu`).focus();
    await other.keyboard.press('Home');
    await expect.poll(() => knobValue(other), { timeout: 15_000 }).toBe('0');
    // While the hand is on the knob it shows the hand's value.
    expect(await knobValue(slow)).toBe(turned);
    await slow.mouse.up();
    // Main had the other window's value last: that is what the slow window shows once it hears.
    await expect.poll(() => knobValue(slow), { timeout: 15_000 }).toBe('0');
    await new Promise((resolve) => setTimeout(resolve, 2 * LINK_DELAY_MS));
    expect(await knobValue(slow)).toBe('0');
    expect(await knobValue(other)).toBe('0');
    await screenshot(slow, 'knob-echo-02-remote-change');
  });
});

/**
 * Sound in Debian's Chromium against the real web-mode app, playing into a PulseAudio null sink
 * (the machine has no sound card): open hello-web, add an AUDIO OUT, patch etcd's AUDIO into its L
 * input, run, and the meter LED moves; the inspector names the device, rate, block and latency.
 * The sound plays in the app's process (the desk); the page only shows the meters.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pulseSinkOrSkip, type PulseSink } from '../helpers/pulse-sink';
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

let sink: PulseSink | undefined;
let browser: Browser;
let app: RunningApp;
let page: Page;
let out: string;

beforeAll(async () => {
  sink = await pulseSinkOrSkip('sound in the browser');
  if (!sink) return;
  // The served app inherits it: its PortAudio output reaches the null sink through ALSA's pulse plugin.
  process.env.PULSE_SERVER = sink.server;
  app = await startApp();
  browser = await launchBrowser();
  page = await openRack(browser, app.url);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await sink?.stop();
});

const level = (moduleId: string, lightId: string) =>
  page.getByTestId(`light-${moduleId}-${lightId}`).getAttribute('data-brightness').then(Number);

describe('an AUDIO OUT in the rack', () => {
  it('patching etcd into it and running makes its meter move', async (ctx) => {
    if (!sink) return ctx.skip();
    await page.getByTestId('action-file.openExample').click();
    await page.getByTestId('open-example-hello-web').click();
    await expect.poll(() => moduleIds(page).then((ids) => ids.length)).toBe(10);
    out = await addFromBrowser(page, 'audio-out');
    await page.keyboard.press('Control+0');
    await drag(page, jack(page, 'etcd', 'audio'), jack(page, out, 'left'));
    await expect.poll(() => page.getByTestId('master-volume').getAttribute('data-state'), { timeout: 10_000 }).toBe('playing');
    expect(await level(out, 'left-led')).toBe(0);
    await page.getByTestId('sim-run').click();
    // etcd's heartbeat thumps once a second: the meter lights within a couple of seconds.
    await expect.poll(() => level(out, 'left-led'), { timeout: 10_000 }).toBeGreaterThan(0.3);
    expect(await level(out, 'right-led')).toBe(0);
    await page.getByTestId(`module-${out}`).click({ position: { x: 20, y: 20 } });
    await expect.poll(() => page.getByTestId('audio-out-sample-rate').textContent()).toContain('48000 Hz');
    expect(await page.getByTestId('audio-out-block-size').textContent()).toContain('128 frames');
    await screenshot(page, 'audio-01-meter');
  }, 60_000);

  it('mutes from the top bar: the meters go dark', async (ctx) => {
    if (!sink) return ctx.skip();
    await page.getByTestId('master-mute').click();
    await expect.poll(() => page.getByTestId('master-mute').getAttribute('aria-pressed')).toBe('true');
    // Muted, the meters fall below -40 dB (they meter what is heard, after the master).
    await expect.poll(() => level(out, 'left-led'), { timeout: 15_000 }).toBeLessThan(0.2);
  }, 30_000);
});

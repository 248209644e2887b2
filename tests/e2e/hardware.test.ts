/**
 * Hardware mirroring in Debian's Chromium against the real web-mode app, with a virtual rack in
 * this test process (real pty pairs through socat; the app opens them with the real serialport):
 * connect through the Hardware tab, plug cables on the rack and see them on screen, run the
 * simulator and see the Pod's READY LED lit on the rack, patch on screen and see a ghost until the
 * hands do it, pull the USB cable and plug it back.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../main/catalog/load-catalog';
import type { JackAddress } from '../../main/hardware/codec/messages';
import {
  jackIndexOf,
  KNOB_FULL_SCALE,
  knobs,
  knobValueToWire,
  leds,
  physicalCableId,
  physicalModuleId,
} from '../../main/hardware/mirror/module-map';
import { startVirtualRack } from '../../main/hardware/virtual-rack/index';
import type { VirtualCase, VirtualRack } from '../../main/hardware/virtual-rack/types';
import type { Catalog } from '../../main/patch/catalog';
import { drag, jack, launchBrowser, moduleIds, openRack, ROOT, screenshot, startApp, type RunningApp } from './helpers/app';

let browser: Browser;
let app: RunningApp;
let page: Page;
let rack: VirtualRack;
let rackCase: VirtualCase;
let catalog: Catalog;

/** The case on the bench: a Deployment, a Pod and a Node, as the first-pod example has them. */
const SLOTS = { deployment: 0, pod: 12, node: 20 } as const;
type Part = keyof typeof SLOTS;

beforeAll(async () => {
  ({ catalog } = await loadCatalog(path.join(ROOT, 'resources')));
  rack = await startVirtualRack({
    cases: [{ name: 'bench-case', modules: Object.entries(SLOTS).map(([type, slot]) => ({ slot, type })) }],
    catalog,
  });
  rackCase = rack.cases[0]!;
  app = await startApp();
  browser = await launchBrowser();
  page = await openRack(browser, app.url);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await rack?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const id = (part: Part) => physicalModuleId(rackCase.bridgeUid, SLOTS[part]);
/** A catalog jack of a module on the case as the wire numbers it. */
function wire(part: Part, jackId: string): JackAddress {
  const found = jackIndexOf(catalog.get(part)!, jackId);
  if (!found) throw new Error(`${part} has no jack ${jackId}`);
  return { slot: SLOTS[part], jack: found.index };
}
const cableId = (from: [Part, string], to: [Part, string]) => physicalCableId(rackCase.bridgeUid, wire(...from), wire(...to));
/** The rows of the "waiting for your hands" list. */
const pendingRows = () => page.locator('[data-testid="hw-pending"] > li');
const linkCard = () => page.getByTestId(`hw-link-${rackCase.bridgeUid}`);
const linkStatus = () => linkCard().getAttribute('data-status');
/** The READY LED of the Pod as the rack holds it (0..255; undefined before any LED command). */
const podReadyLed = () => {
  const index = leds(catalog.get('pod')!).findIndex((l) => l.light === 'ready-led');
  return rackCase.leds()[`${SLOTS.pod}/${index}`] ?? 0;
};

describe('hardware mirroring with a virtual rack', () => {
  it('teaches how to connect, then connects by path: the link goes online and the case’s modules appear', async () => {
    await page.getByTestId('tab-hardware').click();
    await expect.poll(() => page.getByTestId('hw-empty').isVisible()).toBe(true);
    // This container has no udevadm: the scan says so instead of failing silently.
    await expect.poll(() => page.getByTestId('hw-scan-error').or(page.getByTestId('hw-scan-empty')).count()).toBe(1);
    await screenshot(page, 'hardware-01-empty');

    await page.getByTestId('hw-path').fill(rackCase.path);
    await page.getByTestId('hw-connect').click();
    await expect.poll(linkStatus, { timeout: 10_000 }).toBe('online');
    await expect.poll(() => moduleIds(page)).toEqual([id('deployment'), id('pod'), id('node')].sort());
    expect(await linkCard().getByTestId('hw-link-modules').textContent()).toBe('3');
    expect(await page.getByTestId(`rack-badge-${id('pod')}`).getAttribute('data-status')).toBe('online');
    expect(await page.getByTestId('hw-connect-error').count()).toBe(0);
  });

  it('shows a cable plugged on the rack on screen', async () => {
    rackCase.plug(wire('deployment', 'claim-1'), wire('pod', 'life'));
    rackCase.plug(wire('pod', 'load'), wire('node', 'load'));
    for (const cable of [cableId(['deployment', 'claim-1'], ['pod', 'life']), cableId(['pod', 'load'], ['node', 'load'])])
      await expect.poll(() => page.getByTestId(`cable-${cable}`).count(), { timeout: 5_000 }).toBe(1);
    await page.keyboard.press('Control+0');
    await screenshot(page, 'hardware-02-online');
  });

  it('turns a patch made on screen into a ghost until the hands do it on the rack', async () => {
    const real = cableId(['pod', 'ready'], ['deployment', 'ready-1']);
    await drag(page, jack(page, id('pod'), 'ready'), jack(page, id('deployment'), 'ready-1'));
    await expect.poll(() => pendingRows().count()).toBe(1);
    expect(await page.getByTestId('hw-pending').textContent()).toContain(
      'Plug Pod (slot 12) READY → Deployment (slot 0) READY 1',
    );
    await expect.poll(() => page.locator('.ghost--plug').count()).toBe(1);
    expect(await page.getByTestId(`cable-${real}`).count()).toBe(0);
    // A second one the performer will not make: Cancel drops it (and its ghost).
    await drag(page, jack(page, id('pod'), 'ready'), jack(page, id('deployment'), 'ready-2'));
    await expect.poll(() => page.locator('.ghost--plug').count()).toBe(2);
    await screenshot(page, 'hardware-03-ghost');
    await pendingRows().filter({ hasText: 'READY 2' }).getByTestId('hw-pending-cancel').click();
    await expect.poll(() => page.locator('.ghost--plug').count()).toBe(1);
    expect(await pendingRows().allTextContents()).toEqual([expect.stringContaining('READY 1')]);

    rackCase.plug(wire('pod', 'ready'), wire('deployment', 'ready-1'));
    await expect.poll(() => page.getByTestId(`cable-${real}`).count(), { timeout: 5_000 }).toBe(1);
    await expect.poll(() => page.locator('.ghost').count()).toBe(0);
    expect(await pendingRows().count()).toBe(0);
  });

  it('lights the Pod’s READY LED on the rack once the simulated Pod is Ready', async () => {
    expect(podReadyLed()).toBe(0);
    await page.getByTestId('sim-speed').selectOption('5');
    await page.getByTestId('sim-run').click();
    await expect
      .poll(
        () =>
          page
            .getByTestId(`light-${id('pod')}-ready-led`)
            .getAttribute('data-brightness')
            .then(Number),
        {
          timeout: 15_000,
        },
      )
      .toBe(1);
    await expect.poll(podReadyLed, { timeout: 5_000 }).toBeGreaterThan(200);
    expect(rackCase.received.some((f) => f.message.kind === 'set-led' || f.message.kind === 'set-leds')).toBe(true);
    await screenshot(page, 'hardware-04-leds');
    await page.getByTestId('sim-pause').click();
  });

  it('marks the link lost when the USB cable is pulled, keeps the modules, and comes back online', async () => {
    await rackCase.unplugUsb();
    await expect.poll(linkStatus, { timeout: 5_000 }).toBe('lost');
    expect(await moduleIds(page)).toEqual([id('deployment'), id('pod'), id('node')].sort());
    expect(await page.getByTestId(`rack-badge-${id('pod')}`).getAttribute('data-status')).toBe('lost');
    expect(await page.getByTestId(`rack-veil-${id('pod')}`).count()).toBe(1);
    await screenshot(page, 'hardware-05-lost');

    await rackCase.replugUsb();
    await expect.poll(linkStatus, { timeout: 15_000 }).toBe('online');
    expect(await page.getByTestId(`rack-veil-${id('pod')}`).count()).toBe(0);
    // Nothing recorded is lost: the three cables plugged by hand are all still there.
    expect(await page.locator('[data-testid^="cable-hw-"]').count()).toBe(3);
    expect(Number(await linkCard().getByTestId('hw-counter-reconnects').textContent())).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'hardware-06-back');
  });

  it('shows where the rack’s knob stands until it is turned through the screen value (pickup)', async () => {
    const cpu = knobs(catalog.get('pod')!)[0]!;
    const knob = page.getByTestId(`knob-${id('pod')}-${cpu.id}`);
    const pointer = page.getByTestId(`pickup-${id('pod')}-${cpu.id}`);
    await knob.focus();
    await page.keyboard.press('End');
    await expect.poll(() => knob.getAttribute('data-value')).toBe(String(cpu.max));
    await expect.poll(() => pointer.count()).toBe(1);
    expect(Number(await pointer.getAttribute('data-physical'))).toBe(cpu.default);
    expect(await page.getByTestId('hw-pickups').textContent()).toContain(
      `Turn Pod (slot 12) CPU up to ${cpu.max} m to pick it up (it is at ${cpu.default} m)`,
    );
    await screenshot(page, 'hardware-07-pickup');
    // Short of the screen value the rack's knob changes nothing; through it, it takes over.
    rackCase.turn(SLOTS.pod, 0, knobValueToWire(cpu, 1000));
    await expect.poll(() => pointer.getAttribute('data-physical')).toBe('1000');
    expect(await knob.getAttribute('data-value')).toBe(String(cpu.max));
    rackCase.turn(SLOTS.pod, 0, KNOB_FULL_SCALE);
    await expect.poll(() => pointer.count()).toBe(0);
    rackCase.turn(SLOTS.pod, 0, knobValueToWire(cpu, 2000));
    await expect.poll(() => knob.getAttribute('data-value')).toBe('2000');
  });

  it('guides the hands back to an earlier version, one lit step at a time', async () => {
    // The oldest version: the case's modules before any cable was plugged.
    const picker = page.getByTestId('hw-guide-version');
    await expect.poll(() => picker.locator('option').count()).toBeGreaterThan(3);
    const oldest = await picker.locator('option').last().getAttribute('value');
    await picker.selectOption(oldest!);
    await page.getByTestId('hw-guide-start').click();
    const steps = page.locator('[data-testid="hw-guide-steps"] > li');
    await expect.poll(() => steps.count()).toBe(3);
    expect(await steps.allTextContents()).toEqual(Array(3).fill(expect.stringMatching(/^[▶✓]?Unplug /)));
    expect(await page.locator('[aria-current="step"]').count()).toBe(1);
    await expect.poll(() => Object.keys(rackCase.guide()).length).toBeGreaterThan(0);
    await page.getByTestId('hw-guide').scrollIntoViewIfNeeded();
    await screenshot(page, 'hardware-08-guide');

    rackCase.unplug(wire('pod', 'ready'), wire('deployment', 'ready-1'));
    rackCase.unplug(wire('pod', 'load'), wire('node', 'load'));
    rackCase.unplug(wire('deployment', 'claim-1'), wire('pod', 'life'));
    await expect.poll(() => page.getByTestId('hw-guide-done').count(), { timeout: 5_000 }).toBe(1);
    expect(await page.locator('[data-testid^="cable-hw-"]').count()).toBe(0);
    await page.getByTestId('hw-guide-stop').click();
    await expect.poll(() => page.getByTestId('hw-guide-status').count()).toBe(0);
  });

  it('ignores the rack with the mirror off, and leaves ordinary modules after Disconnect', async () => {
    const mirror = page.getByTestId('hw-mirror');
    await mirror.click();
    await expect.poll(() => mirror.isChecked()).toBe(false);
    await expect.poll(() => page.getByTestId(`rack-badge-${id('pod')}`).getAttribute('class')).toContain('rack-badge--off');
    rackCase.plug(wire('deployment', 'claim-1'), wire('pod', 'life'));
    await sleep(500);
    expect(await page.locator('[data-testid^="cable-hw-"]').count()).toBe(0);
    await mirror.click();
    await expect.poll(() => mirror.isChecked()).toBe(true);

    await page.getByTestId('hw-link-disconnect').click();
    await expect.poll(() => page.getByTestId('hw-empty').isVisible()).toBe(true);
    expect(await moduleIds(page)).toEqual([id('deployment'), id('pod'), id('node')].sort());
    expect(await page.getByTestId(`rack-badge-${id('pod')}`).getAttribute('data-status')).toBe('none');
    expect(await page.getByTestId(`rack-veil-${id('pod')}`).count()).toBe(0);
    expect((page as Page & { problems?: string[] }).problems ?? []).toEqual([]);
  });
});

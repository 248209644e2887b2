/**
 * Bench part `hardware`, each figure next to a baseline measured in the same run. A
 * virtual rack runs in this process (real pty pairs through socat); `k8s-synth serve` opens them
 * with the real serialport stack.
 *
 *   latency   a knob event written by the virtual rack → the knob's `data-value` changed in the
 *             renderer's DOM (Chromium, one event at a time, ≥ 200 events; goal p99 < 16 ms).
 *             The write is timestamped here, the DOM change in the page by a MutationObserver;
 *             both clocks are `performance.timeOrigin + performance.now()` (wall-clock based, sub-ms)
 *             and their offset is measured by round trips (the sample with the shortest round trip
 *             bounds the error by half of it, printed). Also the next animation frame after the
 *             change (when it can be painted), and the same events as main broadcasts them to a
 *             WebSocket client in this process (the app without the renderer). Baselines: the same
 *             bytes through a pty pair read by serialport in this process (the serial hop alone), and
 *             a set-param sent over the app's WebSocket until its echo returns (the op path alone).
 *   stream    a 1 kHz knob stream on each of 4 links (4 cases) for `seconds` (default 60,
 *             --hardware-seconds): events sent vs set-param ops the session broadcast vs history
 *             events journaled with source 'hardware' (goal: none lost), and the main process's CPU
 *             share from /proc/<pid>/stat (utime + stime), next to the same app idle for as long.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SerialPort } from 'serialport';
import { WebSocket as WsWebSocket } from 'ws';
import { HISTORY_FILE_NAME } from '../../main/history/database';
import { knobs, knobValueToWire, physicalModuleId } from '../../main/hardware/mirror/module-map';
import { startVirtualRack } from '../../main/hardware/virtual-rack/index';
import type { VirtualCase } from '../../main/hardware/virtual-rack/types';
import type { Catalog, KnobDef } from '../../main/patch/catalog';
import type { Op } from '../../main/patch/ops';
import type { RackClient } from '../../preload/contract';
import { connectWebSocketClient } from '../../preload/ws-client';
import { launchBrowser, openRack, startApp, type RunningApp } from '../e2e/helpers/app';

const LATENCY_EVENTS = 240;
const WARMUP_EVENTS = 20;
const STREAM_LINKS = 4;
const STREAM_HZ = 1000;

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number, digits = 2) => n.toFixed(digits);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
const summary = (ms: number[]) =>
  `p50 ${fmt(percentile(ms, 50))} ms, p99 ${fmt(percentile(ms, 99))} ms, max ${fmt(percentile(ms, 100))} ms`;

/** The Pod's CPU knob: wire number 0 of the Pod's knobs. */
function podKnob(catalog: Catalog): KnobDef {
  return knobs(catalog.get('pod')!)[0]!;
}
/** The n-th value of a sawtooth over the knob's steps: never the same twice in a row. */
const sawtooth = (knob: KnobDef, n: number) => {
  const step = knob.step ?? (knob.max - knob.min) / 400;
  const positions = Math.floor((knob.max - knob.min) / step);
  return knob.min + step * (1 + (n % (positions - 1)));
};

/** A contract client over the served app's WebSocket, as a page on its origin would connect. */
async function appClient(app: RunningApp): Promise<RackClient & { close(): void }> {
  const page = new URL(app.url);
  const origin = `http://${page.host}`;
  class PageWebSocket extends WsWebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { origin });
    }
  }
  const client = connectWebSocketClient(`ws://${page.host}/api?token=${page.searchParams.get('token')}`, {
    WebSocketImpl: PageWebSocket as unknown as typeof WebSocket,
  });
  await client.ready;
  return client;
}

async function connectCase(client: RackClient, c: VirtualCase): Promise<void> {
  const result = await client.request('hardware.connect', { path: c.path });
  if (!result.ok) throw new Error(`bench: the app could not connect to case ${c.name}: ${result.error}`);
}

export async function runHardwareBench(catalog: Catalog, options: { seconds: number }): Promise<void> {
  console.log('\nHardware mirroring (virtual rack over socat pty pairs, real serialport in `k8s-synth serve`)');
  for (const line of await latency(catalog)) console.log(line);
  for (const line of await stream(catalog, options.seconds)) console.log(line);
}

async function latency(catalog: Catalog): Promise<string[]> {
  const knob = podKnob(catalog);
  const rack = await startVirtualRack({
    cases: [
      { name: 'latency', modules: [{ slot: 0, type: 'pod' }], heartbeatMs: 500 },
      { name: 'baseline', modules: [{ slot: 0, type: 'pod' }], heartbeatMs: 0 },
    ],
    catalog,
  });
  const app = await startApp();
  const browser = await launchBrowser();
  try {
    const [measured, bare] = [rack.case('latency'), rack.case('baseline')];
    const client = await appClient(app);
    await connectCase(client, measured);
    const page = await openRack(browser, app.url);
    const testId = `knob-${physicalModuleId(measured.bridgeUid, 0)}-${knob.id}`;
    await page.getByTestId(testId).waitFor();

    // Clock offset page − here, from the round trip that took least time.
    let best = { rtt: Infinity, offset: 0 };
    for (let i = 0; i < 30; i++) {
      const before = now();
      const there = await page.evaluate(() => performance.timeOrigin + performance.now());
      const after = now();
      if (after - before < best.rtt) best = { rtt: after - before, offset: there - (before + after) / 2 };
    }

    // The page records each new value of the knob (and the next animation frame) and tells us.
    const seen = new Map<number, () => void>();
    await page.exposeFunction('__hwSeen', (value: number) => seen.get(value)?.());
    await page.evaluate((id) => {
      const w = window as unknown as { __hwTimes: [number, number, number][]; __hwSeen(v: number): void };
      w.__hwTimes = [];
      const target = document.querySelector(`[data-testid="${id}"]`)!;
      new MutationObserver((records) => {
        const t = performance.timeOrigin + performance.now();
        const value = Number((records.at(-1)!.target as Element).getAttribute('data-value'));
        const entry: [number, number, number] = [value, t, NaN];
        w.__hwTimes.push(entry);
        requestAnimationFrame(() => (entry[2] = performance.timeOrigin + performance.now()));
        w.__hwSeen(value);
      }).observe(target, { attributes: true, attributeFilter: ['data-value'] });
    }, testId);

    // The same events as main broadcasts them, to a WebSocket client here: the app's share without the renderer.
    const broadcast = new Map<number, number>();
    const podId = physicalModuleId(measured.bridgeUid, 0);
    client.on('patch.changed', (change) => {
      const t = now();
      if (change.kind === 'ops')
        for (const op of change.ops.flatMap(setParams))
          if (op.id === podId && !broadcast.has(op.value)) broadcast.set(op.value, t);
    });

    const sent = new Map<number, number>();
    for (let i = 0; i < LATENCY_EVENTS + WARMUP_EVENTS; i++) {
      const value = sawtooth(knob, i);
      const shown = new Promise<void>((resolve) => seen.set(value, resolve));
      sent.set(value, now());
      measured.turn(0, 0, knobValueToWire(knob, value));
      await Promise.race([shown, sleep(2000)]);
      seen.delete(value);
      await sleep(5 + Math.random() * 10); // off the frame grid, so events do not phase-lock with it
    }
    await sleep(100);
    const times = await page.evaluate(() => (window as unknown as { __hwTimes: [number, number, number][] }).__hwTimes);
    const dom: number[] = [];
    const frame: number[] = [];
    const warm = new Set([...sent.keys()].slice(0, WARMUP_EVENTS));
    for (const [value, t, raf] of times) {
      const t0 = sent.get(value);
      if (t0 === undefined || warm.has(value)) continue;
      dom.push(t - best.offset - t0);
      if (Number.isFinite(raf)) frame.push(raf - best.offset - t0);
    }
    const missing = LATENCY_EVENTS - dom.length;
    const ws = [...sent].flatMap(([value, t0]) => (warm.has(value) || !broadcast.has(value) ? [] : [broadcast.get(value)! - t0]));

    // Baseline: the same knob frames through a pty pair, read by serialport here (no app).
    const port = new SerialPort({ path: bare.path, baudRate: 115200 });
    await new Promise<void>((resolve, reject) => port.once('open', resolve).once('error', reject));
    let arrived: (() => void) | undefined;
    port.on('data', () => arrived?.());
    await sleep(200);
    const pty: number[] = [];
    for (let i = 0; i < LATENCY_EVENTS; i++) {
      const got = new Promise<boolean>((resolve) => {
        arrived = () => resolve(true);
        setTimeout(() => resolve(false), 2000);
      });
      const t0 = now();
      bare.turn(0, 0, knobValueToWire(knob, sawtooth(knob, i)));
      if (await got) pty.push(now() - t0);
      await sleep(5 + Math.random() * 10);
    }
    await new Promise<void>((resolve) => port.close(() => resolve()));

    // Baseline: the app's own op path without serial — a set-param sent over the WebSocket
    // (patch.apply, as the renderer sends a knob turn) until its patch.changed event comes back.
    const screenPod = 'bench-screen-pod';
    const { patch } = await client.request('patch.get', {});
    const added = await client.request('patch.apply', {
      op: {
        type: 'add-module',
        module: { id: screenPod, type: 'pod', row: patch.rack.rows - 1, hp: patch.rack.hp - 8, params: {}, data: {} },
      },
      source: 'ui',
    });
    if (!added.ok) throw new Error(`bench: could not add the on-screen Pod for the echo baseline: ${added.error.message}`);
    const echoed = new Map<number, () => void>();
    client.on('patch.changed', (change) => {
      if (change.kind === 'ops')
        for (const op of change.ops.flatMap(setParams)) if (op.id === screenPod) echoed.get(op.value)?.();
    });
    const echo: number[] = [];
    for (let i = 0; i < LATENCY_EVENTS; i++) {
      const value = sawtooth(knob, i + 1);
      const back = new Promise<boolean>((resolve) => {
        echoed.set(value, () => resolve(true));
        setTimeout(() => resolve(false), 2000);
      });
      const t0 = now();
      void client.request('patch.apply', { op: { type: 'set-param', id: screenPod, param: knob.id, value }, source: 'ui' });
      if (await back) echo.push(now() - t0);
      await sleep(5 + Math.random() * 10);
    }
    client.close();
    return [
      `latency: virtual rack writes a knob event → the renderer's DOM shows it (${dom.length} events, one at a time; clock offset ±${fmt(best.rtt / 2, 3)} ms)`,
      `  rack → DOM change       ${summary(dom)}   (goal p99 < 16 ms)${missing ? `   ${missing} events never shown!` : ''}`,
      `  rack → next frame       ${summary(frame)}`,
      `  rack → main → WebSocket event in this process (no renderer)   ${summary(ws)}`,
      `  baseline: rack → pty → serialport read, no app   ${summary(pty)}`,
      `  baseline: patch.apply over the WebSocket → its patch.changed back, no serial   ${summary(echo)}`,
    ];
  } finally {
    await browser.close();
    await app.stop();
    await rack.close();
  }
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces, in parentheses): utime is field 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** The set-param ops in an op (a batch counts each of its ops). */
function setParams(op: Op): Extract<Op, { type: 'set-param' }>[] {
  if (op.type === 'set-param') return [op];
  return op.type === 'batch' ? op.ops.flatMap(setParams) : [];
}

async function stream(catalog: Catalog, seconds: number): Promise<string[]> {
  const knob = podKnob(catalog);
  const rack = await startVirtualRack({
    cases: Array.from({ length: STREAM_LINKS }, (_, i) => ({ name: `stream-${i + 1}`, modules: [{ slot: 0, type: 'pod' }] })),
    catalog,
  });
  const app = await startApp();
  try {
    const pid = app.process.pid!;
    const client = await appClient(app);
    for (const c of rack.cases) await connectCase(client, c);
    const podIds = new Map(rack.cases.map((c) => [physicalModuleId(c.bridgeUid, 0), c.name]));
    const applied = new Map<string, number>(rack.cases.map((c) => [c.name, 0]));
    client.on('patch.changed', (change) => {
      if (change.kind !== 'ops') return;
      for (const op of change.ops.flatMap(setParams)) {
        const name = podIds.get(op.id);
        if (name && op.param === knob.id) applied.set(name, applied.get(name)! + 1);
      }
    });
    await sleep(1000);

    // Baseline: the same app with its 4 links up and nothing turning, for as long.
    const idleStart = cpuSeconds(pid);
    await sleep(seconds * 1000);
    const idleShare = (cpuSeconds(pid) - idleStart) / seconds;

    // 1 kHz per link: each tick sends every event due by now (timers fire late; none is skipped).
    const sent = rack.cases.map(() => 0);
    const cpuStart = cpuSeconds(pid);
    const started = performance.now();
    const total = seconds * STREAM_HZ;
    await new Promise<void>((resolve) => {
      const tick = () => {
        const due = Math.min(total, Math.floor(((performance.now() - started) * STREAM_HZ) / 1000));
        rack.cases.forEach((c, i) => {
          for (; sent[i]! < due; sent[i]!++) c.turn(0, 0, knobValueToWire(knob, sawtooth(knob, sent[i]!)));
        });
        if (due >= total) resolve();
        else setTimeout(tick, 1);
      };
      tick();
    });
    const streamWall = (performance.now() - started) / 1000;
    // Let the last events through before counting.
    for (let i = 0; i < 50 && [...applied.values()].reduce((a, b) => a + b, 0) < total * STREAM_LINKS; i++) await sleep(100);
    const cpuShare = (cpuSeconds(pid) - cpuStart) / streamWall;
    const links = await client.request('hardware.state', {});
    client.close();
    await app.stop();

    const db = new Database(path.join(app.dataDir, HISTORY_FILE_NAME), { readonly: true });
    const journaled = new Map<string, number>(rack.cases.map((c) => [c.name, 0]));
    for (const row of db.prepare("SELECT op FROM events WHERE source = 'hardware'").iterate() as Iterable<{ op: string }>)
      for (const op of setParams(JSON.parse(row.op) as Op)) {
        const name = podIds.get(op.id);
        if (name && op.param === knob.id) journaled.set(name, journaled.get(name)! + 1);
      }
    db.close();

    const lines = [
      `stream: ${STREAM_LINKS} links × ${STREAM_HZ} Hz knob events for ${seconds} s (${fmt(streamWall, 1)} s wall)`,
      ...rack.cases.map((c, i) => {
        const link = links.links.find((l) => l.id === c.bridgeUid);
        const lost = sent[i]! - applied.get(c.name)!;
        return (
          `  ${c.name}: sent ${sent[i]}, session applied ${applied.get(c.name)}, history journaled ${journaled.get(c.name)}` +
          `${lost ? `, LOST ${lost}` : ', none lost'}; link crc ${link?.counters.crcErrors ?? '?'}, gaps ${link?.counters.seqGaps ?? '?'}, rack dropped ${link?.counters.rackDropped ?? '?'}`
        );
      }),
      `  main process CPU: ${fmt(cpuShare * 100, 1)} % of one core while streaming vs ${fmt(idleShare * 100, 1)} % idle with the same links up`,
    ];
    return lines;
  } finally {
    await app.stop();
    await rack.close();
  }
}

/**
 * The link layer over real pty pairs: the real LinkManager and serialport stack on one side, the
 * virtual rack (socat pairs, the same RackDevice firmware model) on the other, on real time.
 * Handshake, live events, two cases at once, corrupted bytes, a USB unplug/replug and a kill -9
 * of socat. The timings measured here are printed (and asserted loosely: CI machines are slow).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadCatalog } from '../../main/catalog/load-catalog';
import { type CaseState, FLAG_ACK_REQ, PROTOCOL_MAJOR } from '../../main/hardware/codec';
import { LinkManager } from '../../main/hardware/link/link-manager';
import { recordingListener } from '../../main/hardware/link/testing/recording-listener';
import type { LinkStatus } from '../../main/hardware/mirror/types';
import { startVirtualRack, type VirtualCase, type VirtualRack } from '../../main/hardware/virtual-rack/index';
import type { Catalog } from '../../main/patch/catalog';

const POLL = { timeout: 10_000, interval: 2 };
// Wire numbers (module-map.ts): pod ins life 0, req 1; outs ready 0, load 1 · node in load 0; outs util 0, cordoned 1.
const POD = 0;
const NODE = 8;
const LOAD_CABLE = { from: { slot: POD, jack: 1 }, to: { slot: NODE, jack: 0 } };

let catalog: Catalog;
let vr: VirtualRack | null = null;
let manager: LinkManager | null = null;

beforeAll(async () => {
  catalog = (await loadCatalog(path.resolve(import.meta.dirname, '../../resources'))).catalog;
});

afterEach(async () => {
  await manager?.close();
  await vr?.close();
  manager = null;
  vr = null;
});

async function setup(names: string[] = ['case A']) {
  vr = await startVirtualRack({
    catalog,
    cases: names.map((name) => ({
      name,
      modules: [
        { slot: POD, type: 'pod' },
        { slot: NODE, type: 'node' },
      ],
    })),
  });
  const rec = recordingListener();
  manager = new LinkManager({ listener: rec.listener, list: null });
  return { vr, rec, manager };
}

/** What the host and the rack both hold (the stateGen included: no event lost or doubled). */
function comparable(state: CaseState | null) {
  return (
    state && {
      modules: state.modules,
      cables: state.cables,
      knobs: state.knobs,
      switches: state.switches,
      stateGen: state.stateGen,
    }
  );
}

/** Waits for link `id` to reach `status`; returns when it did (performance.now() at the report, not at the poll). */
async function waitForStatus(rec: ReturnType<typeof recordingListener>, id: string, status: LinkStatus): Promise<number> {
  await vi.waitFor(() => expect(rec.lastStatus(id)?.status).toBe(status), POLL);
  return rec.enteredAt(id, status)!;
}

async function inSync(rec: ReturnType<typeof recordingListener>, c: VirtualCase): Promise<void> {
  await vi.waitFor(() => expect(comparable(rec.mirror(c.bridgeUid))).toEqual(comparable(c.state())), POLL);
}

/** The pid of the socat that serves `appPath` (found in /proc: the test's own child, killed by pid). */
async function socatPid(appPath: string): Promise<number> {
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.startsWith('socat\0') && cmdline.includes(`link=${appPath}\0`)) return Number(entry);
  }
  throw new Error(`no socat serves ${appPath}`);
}

describe('hardware link over pty pairs (real serialport stack, virtual rack)', () => {
  it('handshakes, loads the snapshot and passes live events in order', async () => {
    const { vr, rec, manager } = await setup();
    const c = vr.case('case A');
    const t0 = performance.now();
    const info = await manager.connect(c.path);
    const helloMs = performance.now() - t0;
    expect(info).toMatchObject({
      id: c.bridgeUid,
      name: 'case A',
      protocol: `${PROTOCOL_MAJOR}.0`,
      firmware: '1.0.0',
      status: 'syncing',
    });
    const onlineMs = (await waitForStatus(rec, c.bridgeUid, 'online')) - t0;
    expect(comparable(rec.mirror(c.bridgeUid))).toEqual(comparable(c.state()));

    c.plug(LOAD_CABLE.from, LOAD_CABLE.to);
    c.turn(POD, 0, 40_000);
    c.flip(NODE, 0, 1);
    await inSync(rec, c);
    expect(rec.heard.events.map((e) => e.event.kind)).toEqual(['cable-on', 'knob', 'switch']);
    // One knob frame at a time: from the rack's turn to the listener's event (pty + serialport + link).
    const delays: number[] = [];
    for (let i = 0; i < 200; i++) {
      const heard = rec.heard.events.length;
      const at = performance.now();
      c.turn(POD, 0, i);
      await vi.waitFor(() => expect(rec.heard.events.length).toBe(heard + 1), { timeout: 2000, interval: 1 });
      delays.push(rec.heard.events[heard]!.at - at);
    }
    delays.sort((x, y) => x - y);
    const [p50, p99] = [delays[100]!, delays[198]!];
    console.info(
      `[hardware-link] connect → hello ${helloMs.toFixed(1)} ms, → online (snapshot) ${onlineMs.toFixed(1)} ms; ` +
        `rack event → listener p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms`,
    );
    expect(onlineMs).toBeLessThan(2000);
  });

  it('runs two cases at once on two ports', async () => {
    const { vr, rec, manager } = await setup(['case A', 'case B']);
    const [a, b] = [vr.case('case A'), vr.case('case B')];
    await Promise.all([manager.connect(a.path), manager.connect(b.path)]);
    await Promise.all([waitForStatus(rec, a.bridgeUid, 'online'), waitForStatus(rec, b.bridgeUid, 'online')]);
    for (let i = 0; i < 50; i++) {
      a.turn(POD, 0, i * 100);
      b.turn(NODE, 0, 65_535 - i * 100);
    }
    b.plug(LOAD_CABLE.from, LOAD_CABLE.to);
    await Promise.all([inSync(rec, a), inSync(rec, b)]);
    expect(rec.heard.events.filter((e) => e.id === b.bridgeUid).at(-1)!.event.kind).toBe('cable-on');
    expect(manager.links().map((l) => [l.id, l.status])).toEqual([
      [a.bridgeUid, 'online'],
      [b.bridgeUid, 'online'],
    ]);
  });

  it('counts corrupted bytes, stays online, resyncs and keeps later events', async () => {
    const { vr, rec, manager } = await setup();
    const c = vr.case('case A');
    await manager.connect(c.path);
    await waitForStatus(rec, c.bridgeUid, 'online');
    c.faults = { dropRate: 0, corruptRate: 0.01, delayMs: 0 };
    for (let i = 0; i < 400; i++) {
      c.turn(POD, 0, (i * 163) % 65_536);
      if (i % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    c.faults = { dropRate: 0, corruptRate: 0, delayMs: 0 };
    c.plug(LOAD_CABLE.from, LOAD_CABLE.to);
    c.flip(NODE, 0, 1);
    await inSync(rec, c);
    const info = manager.links()[0]!;
    expect(info.counters.crcErrors + info.counters.malformed).toBeGreaterThan(0);
    expect(info.counters.seqGaps).toBeGreaterThan(0);
    expect(info.counters.resyncs).toBeGreaterThan(0);
    expect(rec.heard.statuses.filter((s) => s.status === 'lost')).toEqual([]);
    expect(info.status).toBe('online');
    console.info(`[hardware-link] corrupted stream: ${JSON.stringify(info.counters)}`);
  });

  it('carries host commands: LED state merged to the latest, a bad config refused; silence makes the link stale', async () => {
    const { vr, rec, manager } = await setup();
    const c = vr.case('case A');
    await manager.connect(c.path);
    await waitForStatus(rec, c.bridgeUid, 'online');
    for (let level = 0; level <= 255; level++)
      manager.send(c.bridgeUid, { kind: 'set-leds', slot: POD, first: 0, levels: [level, 255 - level] });
    await vi.waitFor(() => expect(c.leds()).toMatchObject({ [`${POD}/0`]: 255, [`${POD}/1`]: 0 }), POLL);
    expect(c.received.filter((f) => f.message.kind === 'set-leds').length).toBeLessThan(256);
    // A config out of range (PROTOCOL.md: heartbeat 100–5000 ms) is refused, and the panel says so.
    const config = { kind: 'config', knobMinIntervalMs: 10, knobDeadband: 2, heartbeatMs: 0 } as const;
    manager.send(c.bridgeUid, config);
    await vi.waitFor(() => expect(manager.links()[0]!.error).toMatch(/^the rack refused .*\(bad-index\)$/), POLL);
    expect(c.received.find((f) => f.message.kind === 'config')!.flags & FLAG_ACK_REQ).toBe(FLAG_ACK_REQ);
    // Heartbeats every 5 s: stale after 1.5 s of silence, the port still open; every 500 ms again: online.
    manager.send(c.bridgeUid, { ...config, heartbeatMs: 5000 });
    const quietAt = performance.now();
    const staleMs = (await waitForStatus(rec, c.bridgeUid, 'stale')) - quietAt;
    manager.send(c.bridgeUid, { ...config, heartbeatMs: 500 });
    await waitForStatus(rec, c.bridgeUid, 'online');
    const info = manager.links()[0]!;
    expect(info.counters.commandsCoalesced).toBeGreaterThan(0);
    console.info(`[hardware-link] heartbeats stopped → stale ${staleMs.toFixed(0)} ms; ${JSON.stringify(info.counters)}`);
  });

  it('USB unplug: lost at once, back online after replug with a snapshot holding what changed meanwhile', async () => {
    const { vr, rec, manager } = await setup();
    const c = vr.case('case A');
    await manager.connect(c.path);
    await waitForStatus(rec, c.bridgeUid, 'online');
    const unplugAt = performance.now();
    await c.unplugUsb();
    const lostMs = (await waitForStatus(rec, c.bridgeUid, 'lost')) - unplugAt;
    // Patched while unplugged: the rack keeps its truth; the host can only learn it from the next snapshot.
    c.plug(LOAD_CABLE.from, LOAD_CABLE.to);
    c.turn(POD, 0, 12_345);
    // A second unplugged: the link tried at 250 and 750 ms and would wait for 1750 ms (backoff),
    // but its watch on the pty folder sees the link come back and tries 100 ms after.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const replugAt = performance.now();
    await c.replugUsb();
    const onlineMs = (await waitForStatus(rec, c.bridgeUid, 'online')) - replugAt;
    await inSync(rec, c);
    expect(rec.heard.snapshots.at(-1)!.state.cables).toContainEqual(LOAD_CABLE);
    expect(rec.lastStatus(c.bridgeUid)!.counters.reconnects).toBe(1);
    const lost = rec.heard.statusTimes.find((t) => t.status === 'lost')!.at;
    console.info(
      `[hardware-link] USB unplug → lost ${lostMs.toFixed(1)} ms; replug after 1 s → online ${onlineMs.toFixed(1)} ms (${(rec.enteredAt(c.bridgeUid, 'online')! - lost).toFixed(0)} ms after lost)`,
    );
    expect(lostMs).toBeLessThan(1000);
    expect(onlineMs).toBeLessThan(600); // the backoff alone would take 750 ms here
  });

  it('kill -9 of socat is an unplug too', async () => {
    const { vr, rec, manager } = await setup();
    const c = vr.case('case A');
    await manager.connect(c.path);
    await waitForStatus(rec, c.bridgeUid, 'online');
    const pid = await socatPid(c.path);
    const killedAt = performance.now();
    process.kill(pid, 'SIGKILL');
    const lostMs = (await waitForStatus(rec, c.bridgeUid, 'lost')) - killedAt;
    await vi.waitFor(() => expect(c.plugged).toBe(false), POLL);
    c.turn(POD, 0, 777);
    const replugAt = performance.now();
    await c.replugUsb();
    const onlineMs = (await waitForStatus(rec, c.bridgeUid, 'online')) - replugAt;
    await inSync(rec, c);
    console.info(
      `[hardware-link] kill -9 socat → lost ${lostMs.toFixed(1)} ms; replug at once → online ${onlineMs.toFixed(1)} ms`,
    );
    expect(lostMs).toBeLessThan(1000);
  });
});

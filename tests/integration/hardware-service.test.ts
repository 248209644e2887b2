/**
 * The hardware mirror end to end: the real rack (createRack behind the WebSocket server), the real
 * LinkManager and serialport stack, and the virtual rack on socat pty pairs. A case is connected,
 * cables are plugged by "hand" on the virtual rack, on-screen edits wait as pending, the simulator
 * lights the case's LEDs, the USB cable is pulled and replugged, and the guide leads to a file.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HardwareChange } from '../../preload/contract';
import { physicalCableId, physicalModuleId } from '../../main/hardware/mirror/module-map';
import { startVirtualRack, type VirtualRack } from '../../main/hardware/virtual-rack/index';
import { serializePatch } from '../../main/patch/file';
import type { Op } from '../../main/patch/ops';
import { webSocketTransport, type Connected } from './helpers/transports';

const CLAIM_1 = { from: { slot: 0, jack: 1 }, to: { slot: 12, jack: 0 } }; // Deployment CLAIM 1 → Pod LIFE
const READY_1 = { from: { slot: 12, jack: 0 }, to: { slot: 0, jack: 1 } }; // Pod READY → Deployment READY 1
const LOAD = { from: { slot: 12, jack: 1 }, to: { slot: 20, jack: 0 } }; // Pod LOAD → Node LOAD
const POLL = { timeout: 8000, interval: 20 };

let c: Connected | undefined;
let vr: VirtualRack | undefined;
afterEach(async () => {
  c?.rack.sim.control('pause');
  await c?.cleanup();
  await vr?.close();
  c = undefined;
  vr = undefined;
});

describe('hardware mirror over a virtual rack (real serial stack)', () => {
  it('mirrors a case, keeps screen edits pending until plugged, lights LEDs, survives a replug, and guides to a file', async () => {
    c = await webSocketTransport();
    const { client, rack } = c;
    vr = await startVirtualRack({
      catalog: rack.catalog,
      cases: [
        {
          name: 'case A',
          modules: [
            { slot: 0, type: 'deployment' },
            { slot: 12, type: 'pod' },
            { slot: 20, type: 'node' },
          ],
          cables: [LOAD],
        },
      ],
    });
    const vcase = vr.case('case A');
    const uid = vcase.bridgeUid;
    const id = (slot: number) => physicalModuleId(uid, slot);
    const cableIds = () => rack.session.patch.cables.map((x) => x.id).sort();
    const hw = () => client.request('hardware.state', {});
    const changes: HardwareChange[] = [];
    client.on('hardware.changed', (s) => changes.push(s));

    // Connect: the modules appear in their row at HP = slot, with the pre-patched cable.
    const connected = await client.request('hardware.connect', { path: vcase.path });
    expect(connected).toMatchObject({ ok: true, link: { id: uid } });
    await expect
      .poll(() => rack.session.patch.modules.map((m) => [m.id, m.row, m.hp]), POLL)
      .toEqual([
        [id(0), 0, 0],
        [id(12), 0, 12],
        [id(20), 0, 20],
      ]);
    expect(cableIds()).toEqual([physicalCableId(uid, LOAD.from, LOAD.to)]);
    await expect.poll(async () => (await hw()).links.map((l) => [l.status, l.row]), POLL).toEqual([['online', 0]]);
    expect(changes.length).toBeGreaterThan(0);

    // A cable plugged on the rack: a hardware op, journaled, not undoable.
    vcase.plug(CLAIM_1.from, CLAIM_1.to);
    await expect.poll(cableIds, POLL).toContain(physicalCableId(uid, CLAIM_1.from, CLAIM_1.to));
    const newest = rack.history!.store.versions().versions.reduce((a, b) => (b.version > a.version ? b : a));
    expect(newest).toMatchObject({ source: 'hardware', label: 'connect cable' });
    expect(await client.request('undo.state', {})).toMatchObject({ canUndo: false });

    // An on-screen connect between physical jacks waits, lit on the rack, until it is plugged by hand.
    const before = rack.session.version;
    const plug: Op = {
      type: 'connect',
      cable: {
        id: 'screen-1',
        from: { module: id(12), jack: 'ready' },
        to: { module: id(0), jack: 'ready-1' },
        color: '#3695ef',
      },
    };
    expect(await client.request('patch.apply', { op: plug, source: 'ui' })).toEqual({ ok: true, version: before });
    expect((await hw()).pending).toMatchObject([{ action: 'plug', from: plug.type === 'connect' && plug.cable.from }]);
    await expect.poll(() => vcase.guide(), POLL).toEqual({ '12/out/0': 'plug', '0/in/1': 'plug' });
    vcase.plug(READY_1.from, READY_1.to);
    await expect.poll(async () => (await hw()).pending, POLL).toEqual([]);
    expect(cableIds()).toContain(physicalCableId(uid, READY_1.from, READY_1.to));
    await expect.poll(() => Object.values(vcase.guide()).every((s) => s === 'off'), POLL).toBe(true);

    // Removing a physical module on screen is refused with a sentence.
    const removed = await client.request('patch.apply', { op: { type: 'remove-module', id: id(12) }, source: 'ui' });
    expect(removed).toMatchObject({ ok: false, error: { message: expect.stringContaining('take it out of the case') } });

    // The simulator runs: the Pod becomes ready and its READY LED (LED 0 of slot 12) lights on the rack.
    await client.request('sim.control', { action: 'run', speed: 10 });
    await expect.poll(() => vcase.leds()['12/0'] ?? 0, { timeout: 15000, interval: 50 }).toBeGreaterThan(200);
    // …and its READY gate output (output 0 of slot 12) goes high on the real jack.
    await expect.poll(() => vcase.gates()['12/0'], POLL).toBe(255);
    await client.request('sim.control', { action: 'pause' });

    // USB pulled: the link is lost, the modules stay. A cable pulled meanwhile is the only change after the replug.
    await vcase.unplugUsb();
    await expect.poll(async () => (await hw()).links[0]?.status, POLL).toBe('lost');
    expect(rack.session.patch.modules).toHaveLength(3);
    vcase.unplug(CLAIM_1.from, CLAIM_1.to);
    const applied: Op[][] = [];
    const stop = rack.session.subscribe(
      (change) => change.kind === 'ops' && change.source === 'hardware' && applied.push(change.ops),
    );
    await vcase.replugUsb();
    await expect.poll(async () => (await hw()).links[0]?.status, POLL).toBe('online');
    await expect
      .poll(() => applied, POLL)
      .toEqual([[{ type: 'disconnect', id: physicalCableId(uid, CLAIM_1.from, CLAIM_1.to) }]]);
    stop();

    // The guide to a saved file: plug CLAIM 1 back, step by step, until done.
    const target = structuredClone(rack.session.patch);
    target.cables.push({
      id: 'x',
      from: { module: id(0), jack: 'claim-1' },
      to: { module: id(12), jack: 'life' },
      color: '#f3374b',
    });
    const file = path.join(c.dir, 'target.k8spatch');
    await writeFile(file, serializePatch({ patch: target, unloaded: { modules: [], cables: [] } }));
    const guide = await client.request('hardware.guideStart', { target: { kind: 'file', path: file } });
    expect(guide).toMatchObject({
      ok: true,
      guide: {
        target: 'target.k8spatch',
        current: 0,
        done: false,
        steps: [{ action: 'plug', label: 'Plug Deployment (slot 0) CLAIM 1 → Pod (slot 12) LIFE' }],
      },
    });
    await expect.poll(() => vcase.guide(), POLL).toEqual({ '0/out/1': 'plug', '12/in/0': 'plug' });
    vcase.plug(CLAIM_1.from, CLAIM_1.to);
    await expect.poll(async () => (await hw()).guide, POLL).toMatchObject({ done: true, current: 1 });
    await expect.poll(() => Object.values(vcase.guide()).every((s) => s === 'off'), POLL).toBe(true);
  });
});

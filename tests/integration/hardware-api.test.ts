/**
 * The hardware.* requests over both real transports: honest answers with no rack, bad input
 * refused by the contract, two cases at once in rows of their own, and a disconnect that leaves
 * the modules on screen as ordinary modules; and the physical rack's rule holding for a history
 * restore as for a screen edit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { physicalCableId, physicalModuleId } from '../../main/hardware/mirror/module-map';
import { startVirtualRack, type VirtualRack } from '../../main/hardware/virtual-rack/index';
import { ipcTransport, webSocketTransport, type Connected } from './helpers/transports';

const POLL = { timeout: 8000, interval: 20 };

describe.each([
  ['WebSocket', webSocketTransport],
  ['IPC', ipcTransport],
])('hardware.* over %s', (_name, connect) => {
  let c: Connected | undefined;
  let vr: VirtualRack | undefined;
  afterEach(async () => {
    await c?.cleanup();
    await vr?.close();
    c = undefined;
    vr = undefined;
  });

  it('answers honestly with no rack, and refuses bad input', async () => {
    c = await connect();
    const { client } = c;
    expect(await client.request('hardware.state', {})).toEqual({
      revision: expect.any(Number),
      mirror: true,
      links: [],
      pending: [],
      pickups: [],
      guide: null,
    });
    const scan = await client.request('hardware.scan', {});
    expect(Array.isArray(scan.ports)).toBe(true);
    const missing = await client.request('hardware.connect', { path: '/dev/no-such-rack' });
    expect(missing).toMatchObject({ ok: false, error: expect.stringContaining('/dev/no-such-rack') });
    expect(await client.request('hardware.disconnect', { link: 'nope' })).toMatchObject({ ok: false });
    expect(await client.request('hardware.guideStart', { target: { kind: 'version', version: 0 } })).toEqual({
      ok: false,
      error: 'Connect the rack first: the patch guide lights jacks on the physical rack.',
    });
    expect(await client.request('hardware.mirror', { on: false })).toMatchObject({ mirror: false });
    await expect(client.request('hardware.connect', { path: '' })).rejects.toThrow(/Invalid input for "hardware\.connect"/);
    await expect(client.request('hardware.mirror', { on: 'yes' } as never)).rejects.toThrow(/Invalid input/);
  });

  it('shows two cases in rows of their own; a disconnected case stays as ordinary modules', async () => {
    c = await connect();
    const { client, rack } = c;
    vr = await startVirtualRack({
      catalog: rack.catalog,
      cases: [
        { name: 'left', modules: [{ slot: 0, type: 'pod' }] },
        { name: 'right', modules: [{ slot: 4, type: 'service' }] },
      ],
    });
    for (const vcase of vr.cases)
      expect(await client.request('hardware.connect', { path: vcase.path })).toMatchObject({ ok: true });
    const left = physicalModuleId(vr.case('left').bridgeUid, 0);
    const right = physicalModuleId(vr.case('right').bridgeUid, 4);
    await expect
      .poll(() => rack.session.patch.modules.map((m) => [m.id, m.row, m.hp]).sort(), POLL)
      .toEqual(
        [
          [left, 0, 0],
          [right, 1, 4],
        ].sort(),
      );
    await expect
      .poll(async () => (await client.request('hardware.state', {})).links.map((l) => l.row).sort(), POLL)
      .toEqual([0, 1]);

    expect(await client.request('patch.apply', { op: { type: 'remove-module', id: left }, source: 'ui' })).toMatchObject({
      ok: false,
    });
    expect(await client.request('hardware.disconnect', { link: vr.case('left').bridgeUid })).toEqual({ ok: true });
    expect(rack.session.patch.modules.map((m) => m.id)).toContain(left);
    expect(await client.request('patch.apply', { op: { type: 'remove-module', id: left }, source: 'ui' })).toMatchObject({
      ok: true,
    });
  });

  it('refuses a restore that would unplug a cable between physical jacks, and changes nothing', async () => {
    c = await connect();
    const { client, rack } = c;
    vr = await startVirtualRack({
      catalog: rack.catalog,
      cases: [
        {
          name: 'case A',
          modules: [
            { slot: 0, type: 'deployment' },
            { slot: 12, type: 'pod' },
          ],
        },
      ],
    });
    const vcase = vr.case('case A');
    const uid = vcase.bridgeUid;
    expect(await client.request('hardware.connect', { path: vcase.path })).toMatchObject({ ok: true });
    await expect.poll(() => rack.session.patch.modules.length, POLL).toBe(2);
    const before = rack.session.version;
    // Deployment CLAIM 1 → Pod LIFE, plugged by hand on the rack.
    const claim = { from: { slot: 0, jack: 1 }, to: { slot: 12, jack: 0 } };
    vcase.plug(claim.from, claim.to);
    const cable = physicalCableId(uid, claim.from, claim.to);
    await expect.poll(() => rack.session.patch.cables.map((x) => x.id), POLL).toEqual([cable]);

    const patch = structuredClone(rack.session.patch);
    const version = rack.session.version;
    const restored = await client.request('history.restore', { version: before });
    expect(restored).toMatchObject({ ok: false, error: { code: 'physical-rack' }, version });
    expect(rack.session.patch).toEqual(patch);
    expect(vcase.guide()).toEqual({});
  });
});

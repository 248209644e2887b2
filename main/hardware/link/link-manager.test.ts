/** The manager over several mock racks: one link per path and per case, rows, scan, replug at another path. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualTimers } from '../../../tests/helpers/manual-timers';
import { ManualClock } from '../../time/clock';
import { LinkManager, type LinkManagerOptions } from './link-manager';
import { LINK_MESSAGES } from './link-policy';
import type { ListedPort } from './port-discovery';
import { advance, MockBinding, MockRack, openPortFor, recordingListener, settle, testCase } from './testing/mock-rack';

let clock: ManualClock;
let timers: ManualTimers;
let manager: LinkManager | null = null;

beforeEach(() => {
  clock = new ManualClock(5_000_000);
  timers = new ManualTimers(clock);
});

afterEach(async () => {
  await manager?.close();
  manager = null;
  MockBinding.reset();
});

function rackAt(path: string, hello: Parameters<typeof testCase>[0] = {}): MockRack {
  return new MockRack({ path, clock, timers, state: testCase(hello) });
}

function managerFor(racks: MockRack[], options: Partial<LinkManagerOptions> = {}) {
  const rec = recordingListener();
  manager = new LinkManager({
    listener: rec.listener,
    openPort: openPortFor(racks),
    list: null,
    watch: null,
    clock,
    timers,
    app: [0, 1, 0],
    ...options,
  });
  return { rec, manager };
}

describe('LinkManager', () => {
  it('runs two cases at once, each under its bridge uid, with rows the service assigns', async () => {
    const a = rackAt('/dev/ttyA');
    const b = rackAt('/dev/ttyB', { bridgeUid: '00000000000000b2', name: 'case B' });
    const { rec, manager } = managerFor([a, b]);
    const [la, lb] = await Promise.all([manager.connect(a.path), manager.connect(b.path)]);
    expect([la.id, lb.id]).toEqual(['00000000000000a1', '00000000000000b2']);
    manager.assignRow(lb.id, 1);
    await settle();
    expect(rec.lastStatus(lb.id)!.row).toBe(1);
    b.device!.turn(8, 1, 77);
    a.device!.flip(0, 0, 0);
    await settle();
    expect(rec.heard.events.map((e) => [e.id, e.event.kind])).toEqual([
      [lb.id, 'knob'],
      [la.id, 'switch'],
    ]);
    expect(manager.links().map((l) => [l.id, l.status, l.row])).toEqual([
      [la.id, 'online', null],
      [lb.id, 'online', 1],
    ]);
  });

  it('returns the existing link for a path already open, and opens the port once', async () => {
    const a = rackAt('/dev/ttyA');
    const { manager } = managerFor([a]);
    const [first, second] = await Promise.all([manager.connect(a.path), manager.connect(a.path)]);
    expect(second.id).toBe(first.id);
    expect((await manager.connect(a.path)).id).toBe(first.id);
    expect(a.ports).toHaveLength(1);
    expect(manager.links()).toHaveLength(1);
  });

  it('rejects a path with no port, telling what to check, and keeps no link', async () => {
    const { manager } = managerFor([]);
    await expect(manager.connect('/dev/ttyNONE')).rejects.toThrow(/^cannot open \/dev\/ttyNONE: Port does not exist/);
    expect(manager.links()).toEqual([]);
  });

  it('refuses the same case on a second path while its first link is up', async () => {
    const a = rackAt('/dev/ttyA');
    const twin = rackAt('/dev/ttyA2');
    const { manager } = managerFor([a, twin]);
    await manager.connect(a.path);
    await expect(manager.connect(twin.path)).rejects.toThrow(LINK_MESSAGES.duplicate('case A', '00000000000000a1', a.path));
    expect(twin.isOpen).toBe(false);
    expect(manager.links().map((l) => l.path)).toEqual([a.path]);
  });

  it('disconnects without reconnecting', async () => {
    const a = rackAt('/dev/ttyA');
    const { rec, manager } = managerFor([a]);
    const info = await manager.connect(a.path);
    await manager.disconnect(info.id);
    expect(rec.lastStatus(info.id)!.status).toBe('closed');
    expect(a.isOpen).toBe(false);
    await advance(timers, 10_000, 500);
    expect(a.ports).toHaveLength(1);
    expect(manager.links()).toEqual([]);
    await expect(manager.disconnect(info.id)).rejects.toThrow(/no hardware link/);
  });

  it('finds a USB bridge at its new path after a replug, by VID/PID/serial', async () => {
    const a = rackAt('/dev/ttyACM0');
    const moved = rackAt('/dev/ttyACM1'); // the same bridge, enumerated again under another name
    const usb = { vendorId: '2E8A', productId: '000A', serialNumber: 'A1' };
    let listing: ListedPort[] = [{ path: a.path, ...usb }];
    const { rec, manager } = managerFor([a, moved], { list: async () => listing });
    const info = await manager.connect(a.path);
    await settle();
    a.unplug();
    listing = [{ path: moved.path, ...usb, vendorId: '2e8a' }];
    await advance(timers, 300);
    expect(rec.lastStatus(info.id)).toMatchObject({ status: 'online', path: moved.path, counters: { reconnects: 1 } });
    expect(a.ports).toHaveLength(1);
  });

  it('shows another case answering on a known path as a new link, and leaves the old one lost', async () => {
    const racks = [rackAt('/dev/ttyA')];
    const { rec, manager } = managerFor(racks);
    const info = await manager.connect('/dev/ttyA');
    await settle();
    racks[0]!.unplug();
    await settle();
    // Someone plugs case B into the same port.
    racks[0] = rackAt('/dev/ttyA', { bridgeUid: '00000000000000b2', name: 'case B' });
    await advance(timers, 300);
    expect(rec.lastStatus(info.id)).toMatchObject({
      status: 'lost',
      error: LINK_MESSAGES.otherCase('/dev/ttyA', 'case B', '00000000000000b2'),
    });
    expect(manager.links().map((l) => [l.id, l.status])).toEqual([
      [info.id, 'lost'],
      ['00000000000000b2', 'online'],
    ]);
    await advance(timers, 10_000, 500);
    expect(manager.links()).toHaveLength(2);
  });

  it('scans: a failed listing comes back as an error to show', async () => {
    const { manager } = managerFor([], { list: () => Promise.reject(new Error('spawn udevadm ENOENT')) });
    expect(await manager.scan()).toEqual({
      ports: [],
      error: expect.stringMatching(/^Cannot list serial ports: udevadm is not installed/),
    });
  });
});

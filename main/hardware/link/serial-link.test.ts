/**
 * The link over @serialport/binding-mock on a manual clock: handshake, snapshot, live events,
 * gaps, heartbeats, unplug and reconnect, host commands. The rack is the virtual rack's
 * RackDevice unless a test plays the rack by hand (device: false).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualTimers } from '../../../tests/helpers/manual-timers';
import { ManualClock } from '../../time/clock';
import {
  type CaseState,
  FLAG_ACK_REQ,
  FLAG_SNAPSHOT,
  type Frame,
  FrameDecoder,
  type HostMessage,
  snapshotMessages,
  PROTOCOL_MAJOR,
} from '../codec';
import { LinkManager, type LinkManagerOptions } from './link-manager';
import { LINK_MESSAGES } from './link-policy';
import { advance, MockBinding, MockRack, type MockRackOptions, recordingListener, settle, testCase } from './testing/mock-rack';

const PATH = '/dev/ttyMOCK0';
const UID = testCase().hello.bridgeUid;

let clock: ManualClock;
let timers: ManualTimers;
let manager: LinkManager | null = null;

beforeEach(() => {
  clock = new ManualClock(1_000_000);
  timers = new ManualTimers(clock);
});

afterEach(async () => {
  await manager?.close();
  manager = null;
  MockBinding.reset();
});

function setup(options: Partial<MockRackOptions> = {}, managerOptions: Partial<LinkManagerOptions> = {}) {
  const rack = new MockRack({ path: PATH, clock, timers, ...options });
  const rec = recordingListener();
  manager = new LinkManager({
    listener: rec.listener,
    openPort: rack.openPort,
    list: null,
    watch: null,
    clock,
    timers,
    app: [0, 1, 0],
    ...managerOptions,
  });
  return { rack, rec, manager };
}

/** Host frames of one kind. */
const sent = (rack: MockRack, kind: HostMessage['kind']): Frame[] => rack.hostFrames().filter((f) => f.message.kind === kind);

/** Plays a whole dump of `state` by hand, answering the last snapshot-req. */
function dumpByHand(rack: MockRack, state: CaseState, between?: () => void): void {
  const reqSeq = sent(rack, 'snapshot-req').at(-1)!.seq;
  const body = snapshotMessages(state);
  const { stateGen, modules, cables } = state;
  rack.send({ kind: 'snap-begin', reqSeq, stateGen, modules: modules.length, cables: cables.length });
  body.forEach((message, i) => {
    rack.send(message, { flags: FLAG_SNAPSHOT });
    if (i === 0) between?.();
  });
  rack.send({ kind: 'snap-end', reqSeq, stateGen, frameCount: body.length });
}

describe('handshake and snapshot', () => {
  it('says hello, loads the snapshot and goes online; the first write is 0x00 + hello-req', async () => {
    const { rack, rec, manager } = setup();
    const info = await manager.connect(PATH);
    expect(info).toMatchObject({
      id: UID,
      path: PATH,
      status: 'syncing',
      name: 'case A',
      firmware: '1.2.3',
      protocol: `${PROTOCOL_MAJOR}.0`,
      error: null,
    });
    await settle();
    expect(rack.writes[0]![0]).toBe(0);
    expect(rack.hostFrames()[0]!.message).toEqual({
      kind: 'hello-req',
      protoMajor: PROTOCOL_MAJOR,
      protoMinor: 0,
      app: [0, 1, 0],
    });
    expect(rec.heard.snapshots).toEqual([{ id: UID, state: rack.device!.state() }]);
    expect(rec.heard.order).toEqual([
      `status:port:${PATH}:opening`,
      `status:port:${PATH}:handshake`,
      `status:${UID}:syncing`,
      `snapshot:${UID}`,
      `status:${UID}:online`,
    ]);
    expect(manager.links()).toEqual([expect.objectContaining({ id: UID, status: 'online', modules: 2 })]);
  });

  it('drops everything before the hello (junk, a stale event) without counting it', async () => {
    const { rack, rec, manager } = setup({ device: false });
    const connected = manager.connect(PATH);
    await settle();
    rack.sendRaw([0x13, 0x37, 0x00, 0xff, 0xfe, 0x01, 0x00]);
    rack.send({ kind: 'knob', slot: 0, knob: 0, value: 99 });
    rack.send({ kind: 'hello', ...testCase().hello });
    await connected;
    await settle();
    dumpByHand(rack, testCase());
    await settle();
    expect(rec.heard.events).toEqual([]);
    expect(rec.heard.snapshots.map((s) => s.state)).toEqual([testCase()]);
    expect(rec.lastStatus(UID)).toMatchObject({ status: 'online', counters: { crcErrors: 0, malformed: 0, seqGaps: 0 } });
  });

  it('asks three times, 300 ms apart, then rejects with a sentence and leaves the port closed', async () => {
    const { rack, manager } = setup({ device: false });
    const connected = manager.connect(PATH);
    const outcome = connected.then(
      () => 'resolved',
      (e: Error) => e.message,
    );
    await advance(timers, 299);
    expect(sent(rack, 'hello-req')).toHaveLength(1);
    await advance(timers, 1);
    expect(sent(rack, 'hello-req')).toHaveLength(2);
    await advance(timers, 600);
    expect(sent(rack, 'hello-req')).toHaveLength(3);
    expect(await outcome).toBe(LINK_MESSAGES.noAnswer(PATH));
    expect(rack.isOpen).toBe(false);
    expect(manager.links()).toEqual([]);
  });

  it('refuses a rack of another protocol major with what to update, closes the port and does not retry', async () => {
    const { rack, rec, manager } = setup({ state: testCase({ protoMajor: PROTOCOL_MAJOR + 1 }) });
    await expect(manager.connect(PATH)).rejects.toThrow(
      `the rack speaks protocol v${PROTOCOL_MAJOR + 1}; this app speaks v${PROTOCOL_MAJOR}: update the rack's firmware (or the app)`,
    );
    expect(rec.heard.statuses.at(-1)).toMatchObject({
      status: 'incompatible',
      error: expect.stringContaining(`protocol v${PROTOCOL_MAJOR + 1}`),
    });
    await advance(timers, 10_000, 100);
    expect(rack.ports).toHaveLength(1);
    expect(rack.isOpen).toBe(false);
  });

  it('takes a NACK version answer to the hello-req as an incompatible rack', async () => {
    const { rack, manager } = setup({ device: false });
    const connected = manager.connect(PATH);
    await settle();
    rack.send({ kind: 'nack', ackedSeq: 0, error: 'version' });
    await expect(connected).rejects.toThrow(LINK_MESSAGES.incompatible(null));
    expect(rack.isOpen).toBe(false);
  });

  it('holds a live event that arrives mid-dump and delivers it after the snapshot', async () => {
    const { rack, rec, manager } = setup({ device: false });
    const connected = manager.connect(PATH);
    await settle();
    rack.send({ kind: 'hello', ...testCase().hello });
    await connected;
    await settle();
    dumpByHand(rack, testCase(), () => rack.send({ kind: 'knob', slot: 8, knob: 0, value: 4096 }));
    await settle();
    expect(rec.heard.order.filter((o) => !o.startsWith('status'))).toEqual([`snapshot:${UID}`, `event:${UID}:knob`]);
    expect(rec.heard.snapshots[0]!.state).toEqual(testCase());
    // The held event moved our stateGen past the dump's, as the rack's heartbeat will say: no resync.
    rack.send({ kind: 'heartbeat', uptimeMs: 1, stateGen: 6, crcErrors: 0, dropped: 0 });
    await advance(timers, 1500);
    expect(sent(rack, 'snapshot-req')).toHaveLength(1);
  });
});

describe('keeping in step', () => {
  it('re-snapshots after a gap in the rack seq, at most once a second', async () => {
    const { rack, rec, manager } = setup();
    await manager.connect(PATH);
    await settle();
    const device = rack.device!;
    let drops = 0;
    // Lose the live knob frames of value 111 (not the dump's copy of that value).
    rack.filter = (f) => (f.message.kind === 'knob' && f.message.value === 111 && f.flags === 0 ? (drops++, 'drop') : 'pass');
    device.turn(0, 0, 111);
    device.turn(0, 1, 222);
    await settle();
    expect(drops).toBe(1);
    expect(sent(rack, 'snapshot-req')).toHaveLength(1); // still within a second of the first snapshot
    await advance(timers, 1000);
    expect(sent(rack, 'snapshot-req')).toHaveLength(2);
    expect(rec.heard.snapshots.at(-1)!.state).toEqual(device.state());
    device.turn(0, 0, 333);
    device.turn(0, 0, 111); // dropped again: a second gap right after the resync waits its second
    device.turn(0, 1, 444);
    await advance(timers, 990);
    expect(sent(rack, 'snapshot-req')).toHaveLength(2);
    await advance(timers, 20);
    expect(sent(rack, 'snapshot-req')).toHaveLength(3);
    expect(rec.lastStatus(UID)!.counters).toMatchObject({ seqGaps: 2, resyncs: 2 });
    expect(rec.heard.snapshots.at(-1)!.state).toEqual(device.state());
  });

  it('does not take the frames of a dump whose snap-begin was lost for live events, and asks again', async () => {
    const { rack, rec, manager } = setup({ device: false });
    const connected = manager.connect(PATH);
    await settle();
    rack.send({ kind: 'hello', ...testCase().hello });
    await connected;
    await settle();
    const reqSeq = sent(rack, 'snapshot-req')[0]!.seq;
    const body = snapshotMessages(testCase());
    rack.sendRaw([0x05, 0xff, 0xff, 0xff, 0xff, 0x00]); // the snap-begin (seq 1), mangled on the way
    body.forEach((message, i) => rack.send(message, { flags: FLAG_SNAPSHOT, seq: i === 0 ? 2 : undefined }));
    rack.send({ kind: 'snap-end', reqSeq, stateGen: 5, frameCount: body.length });
    await settle();
    expect(rec.heard.events).toEqual([]);
    expect(rec.heard.snapshots).toEqual([]);
    await advance(timers, 1000);
    expect(sent(rack, 'snapshot-req')).toHaveLength(2);
    expect(manager.links()[0]!.error).toBe(LINK_MESSAGES.badSnapshot('snap-begin missing'));
    dumpByHand(rack, testCase());
    await advance(timers, 100);
    expect(rec.heard.snapshots.map((s) => s.state)).toEqual([testCase()]);
    // A good snapshot settles the sync problem shown in the panel.
    expect(rec.lastStatus(UID)).toMatchObject({
      status: 'online',
      error: null,
      counters: { seqGaps: 1, resyncs: 1, malformed: 1 },
    });
  });

  it('re-snapshots when a heartbeat stateGen differs from ours', async () => {
    const { rack, rec, manager } = setup({ device: false });
    const connected = manager.connect(PATH);
    await settle();
    rack.send({ kind: 'hello', ...testCase().hello });
    await connected;
    await settle();
    dumpByHand(rack, testCase());
    await advance(timers, 1000);
    rack.send({ kind: 'heartbeat', uptimeMs: 1, stateGen: 5, crcErrors: 0, dropped: 0 });
    await settle();
    expect(sent(rack, 'snapshot-req')).toHaveLength(1);
    rack.send({ kind: 'heartbeat', uptimeMs: 2, stateGen: 7, crcErrors: 3, dropped: 1 });
    await advance(timers, 100);
    expect(sent(rack, 'snapshot-req')).toHaveLength(2);
    expect(rec.lastStatus(UID)!.counters).toMatchObject({ resyncs: 1, seqGaps: 0, rackCrcErrors: 3, rackDropped: 1 });
  });

  it('marks the link stale after 1.5 s without a heartbeat and online again when beats return', async () => {
    const { rack, rec, manager } = setup();
    await manager.connect(PATH);
    await advance(timers, 2000, 50);
    expect(rec.lastStatus(UID)!.status).toBe('online');
    rack.device!.detach();
    await advance(timers, 1400, 50);
    expect(rec.lastStatus(UID)!.status).toBe('online');
    await advance(timers, 600, 50);
    expect(rec.lastStatus(UID)!.status).toBe('stale');
    expect(rack.isOpen).toBe(true);
    rack.device!.attach(); // says hello again (same seq run: no resync) and beats
    await advance(timers, 600, 50);
    expect(rec.lastStatus(UID)!.status).toBe('online');
    expect(rec.lastStatus(UID)!.counters).toMatchObject({ seqGaps: 0, resyncs: 0 });
  });

  it('closes and reopens a link silent for 5 s (a driver that never reports the unplug)', async () => {
    const { rack, rec, manager } = setup();
    await manager.connect(PATH);
    await advance(timers, 2000, 50);
    rack.device!.detach();
    await advance(timers, 4000, 50);
    expect(rec.lastStatus(UID)!.status).toBe('stale');
    await advance(timers, 1100, 50);
    expect(rec.heard.statuses.some((s) => s.status === 'lost' && /no heartbeat for 5 s/.test(s.error ?? ''))).toBe(true);
    rack.device!.attach();
    await advance(timers, 6000, 50);
    expect(rec.lastStatus(UID)!.status).toBe('online');
    expect(rec.lastStatus(UID)!.counters.reconnects).toBe(1);
  });

  it('reports counter changes at most ten times a second, status changes at once', async () => {
    const { rack, rec, manager } = setup();
    await manager.connect(PATH);
    await advance(timers, 200);
    const before = rec.heard.statuses.length;
    for (let i = 0; i < 1000; i++) {
      rack.device!.turn(0, 0, i); // 1 kHz of knob frames for one second
      await advance(timers, 1, 1);
    }
    const reports = rec.heard.statuses.length - before;
    expect(reports).toBeGreaterThanOrEqual(9);
    expect(reports).toBeLessThanOrEqual(11);
    expect(rec.heard.events).toHaveLength(1000);
    rack.unplug();
    await settle();
    expect(rec.lastStatus(UID)!.status).toBe('lost');
  });

  it('measures latency from pings (median of the last round trips)', async () => {
    const { rec, manager } = setup();
    await manager.connect(PATH);
    await advance(timers, 3000, 50);
    // The mock answers within the same manual instant: 0 ms, but measured.
    expect(rec.lastStatus(UID)!.latencyMs).toBe(0);
  });
});

describe('unplug and reconnect', () => {
  it('is lost at once, reconnects with backoff and loads a fresh snapshot with what changed meanwhile', async () => {
    const { rack, rec, manager } = setup();
    await manager.connect(PATH);
    await settle();
    const device = rack.device!;
    rack.unplug();
    await settle();
    expect(rec.lastStatus(UID)).toMatchObject({ status: 'lost', error: LINK_MESSAGES.lost(PATH, 'unplugged') });
    // Patched while unplugged: the rack keeps its truth, the host hears nothing.
    device.plug({ slot: 8, jack: 0 }, { slot: 0, jack: 0 });
    await advance(timers, 250);
    expect(rack.ports).toHaveLength(2); // the attempt at 250 ms failed: still unplugged
    expect(rec.lastStatus(UID)!.status).toBe('lost');
    rack.replug();
    await advance(timers, 499);
    expect(rack.ports).toHaveLength(2);
    await advance(timers, 1); // second attempt 500 ms after the first
    expect(rack.ports).toHaveLength(3);
    await settle();
    expect(rec.lastStatus(UID)).toMatchObject({ status: 'online', error: null, counters: { reconnects: 1 } });
    const latest = rec.heard.snapshots.at(-1)!.state;
    expect(latest).toEqual(device.state());
    expect(latest.cables).toContainEqual({ from: { slot: 8, jack: 0 }, to: { slot: 0, jack: 0 } });
  });

  it('tries at once (100 ms) when a watch sees its port come back, instead of waiting out the backoff', async () => {
    let notify: ((name: string | null) => void) | null = null;
    const watch = (_path: string, onChange: (name: string | null) => void) => {
      notify = onChange;
      return () => void (notify = null);
    };
    const { rack, rec, manager } = setup({}, { watch });
    await manager.connect(PATH);
    await settle();
    rack.unplug();
    await advance(timers, 1000); // attempts at 250 and 750 ms failed; the next is due at 1750 ms
    expect(rack.ports).toHaveLength(3);
    notify!('ttyS3'); // something else in /dev
    await advance(timers, 200);
    expect(rack.ports).toHaveLength(3);
    rack.replug();
    notify!('ttyMOCK0');
    await advance(timers, 99);
    expect(rack.ports).toHaveLength(3);
    await advance(timers, 1);
    expect(rack.ports).toHaveLength(4);
    await settle();
    expect(rec.lastStatus(UID)).toMatchObject({ status: 'online', counters: { reconnects: 1 } });
    expect(notify).toBeNull(); // the watch ends once the link is back
  });

  it('treats a failed write as a loss and reconnects', async () => {
    const { rack, rec, manager } = setup();
    await manager.connect(PATH);
    await settle();
    rack.binding.write = () => Promise.reject(new Error('EIO: i/o error'));
    manager.send(UID, { kind: 'set-led', slot: 0, led: 0, level: 9, mode: 'steady', rgb: [0, 0, 0] });
    await advance(timers, 10);
    expect(rec.lastStatus(UID)).toMatchObject({ status: 'lost', error: expect.stringContaining('EIO') });
    await advance(timers, 250);
    expect(rec.lastStatus(UID)).toMatchObject({ status: 'online', counters: { reconnects: 1 } });
    // The LED state queued on the broken port went out on the new one.
    await advance(timers, 20);
    expect(rack.device!.leds()).toMatchObject({ '0/0': 9 });
  });
});

describe('host commands', () => {
  const led = (slot: number, index: number, level: number): HostMessage => ({
    kind: 'set-led',
    slot,
    led: index,
    level,
    mode: 'steady',
    rgb: [0, 0, 0],
  });

  it('merges LED state per target and sends one write per tick', async () => {
    const { rack, rec, manager } = setup();
    await manager.connect(PATH);
    await advance(timers, 100);
    const writesBefore = rack.writes.length;
    for (let level = 0; level < 50; level++) manager.send(UID, led(0, 1, level));
    manager.send(UID, led(8, 3, 200));
    manager.send(UID, { kind: 'set-leds', slot: 8, first: 0, levels: [1, 2, 3] });
    await advance(timers, 1);
    const leds = rack.hostFrames().filter((f) => f.message.kind === 'set-led' || f.message.kind === 'set-leds');
    expect(leds.map((f) => f.message)).toEqual([
      led(0, 1, 49),
      led(8, 3, 200),
      { kind: 'set-leds', slot: 8, first: 0, levels: [1, 2, 3] },
    ]);
    expect(rack.writes.length - writesBefore).toBe(1);
    expect(rack.device!.leds()).toEqual({ '0/1': 49, '8/3': 200, '8/0': 1, '8/1': 2, '8/2': 3 });
    await advance(timers, 100);
    expect(rec.lastStatus(UID)!.counters.commandsCoalesced).toBe(49);
  });

  it('keeps to LINK_COMMAND_RATE: a burst, then one write per 10 ms tick', async () => {
    const { rack, manager } = setup({ device: false });
    const connected = manager.connect(PATH);
    await settle();
    rack.send({ kind: 'hello', ...testCase().hello });
    await connected;
    await settle();
    const start = rack.writes.length;
    for (let slot = 0; slot < 100; slot++) manager.send(UID, led(slot, 0, 1));
    await advance(timers, 1, 1);
    const countLeds = (w: Buffer) => new FrameDecoder().push(w).filter((f) => f.message.kind === 'set-led').length;
    expect(rack.writes.slice(start).map(countLeds)).toEqual([30]);
    await advance(timers, 50, 1);
    // 600 frames/s = 6 per 10 ms tick.
    expect(
      rack.writes
        .slice(start + 1)
        .map(countLeds)
        .filter((n) => n > 0),
    ).toEqual([6, 6, 6, 6, 6]);
  });

  it('resends an unacknowledged guide command every 100 ms, stops at the ack, reports a nack and a give-up', async () => {
    const { rack, rec, manager } = setup({ device: false });
    const connected = manager.connect(PATH);
    await settle();
    rack.send({ kind: 'hello', ...testCase().hello });
    await connected;
    await settle();
    const guide: HostMessage = { kind: 'guide-jack', slot: 0, direction: 'input', jack: 1, state: 'plug' };
    manager.send(UID, guide);
    await advance(timers, 1, 1);
    const tries = () => rack.hostFrames().filter((f) => f.message.kind === 'guide-jack');
    expect(tries()).toHaveLength(1);
    expect(tries()[0]!.flags & FLAG_ACK_REQ).toBe(FLAG_ACK_REQ);
    await advance(timers, 100, 5);
    expect(tries()).toHaveLength(2);
    expect(tries()[1]!.seq).not.toBe(tries()[0]!.seq);
    rack.send({ kind: 'ack', ackedSeq: tries()[1]!.seq });
    await advance(timers, 500, 5);
    expect(tries()).toHaveLength(2);

    manager.send(UID, { kind: 'guide-clear' });
    await advance(timers, 1, 1);
    const clear = rack.hostFrames().filter((f) => f.message.kind === 'guide-clear');
    rack.send({ kind: 'nack', ackedSeq: clear[0]!.seq, error: 'busy' });
    await advance(timers, 200, 5);
    expect(rec.lastStatus(UID)!.error).toMatch(/^the rack refused .* \(busy\)$/);

    manager.send(UID, { ...guide, state: 'done' });
    await advance(timers, 500, 5);
    expect(tries()).toHaveLength(2 + 4);
    expect(rec.lastStatus(UID)!.error).toMatch(/^the rack did not acknowledge .* after 4 tries$/);
  });
});

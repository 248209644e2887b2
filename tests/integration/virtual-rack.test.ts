/**
 * The virtual rack over real pty pairs (socat) with the real serialport stack on both ends:
 * handshake, snapshot, live events and commands, USB unplug/replug at the same path, fault
 * injection (the host decoder counts the damage and later frames still decode), two cases at
 * once, and a 1 kHz knob sweep that arrives whole and in order.
 */
import { lstat } from 'node:fs/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  applyCaseEvent,
  FLAG_ACK_REQ,
  FLAG_SNAPSHOT,
  PROTOCOL_MAJOR,
  type CaseState,
  type CaseStateEvent,
  type Frame,
} from '../../main/hardware/codec/index';
import { systemLinkTime } from '../../main/hardware/link/link-time';
import { parseScript, runScript, startVirtualRack, type VirtualRack } from '../../main/hardware/virtual-rack/index';
import { HostEnd } from '../../main/hardware/virtual-rack/testing/host-end';
import type { Catalog } from '../../main/patch/catalog';
import { moduleCatalog } from '../helpers/module-catalog';

let catalog: Catalog;
beforeAll(() => {
  catalog = moduleCatalog();
});

// Case "top": deployment@0 (claim-1 = output 1), pod@12 (life = input 0); case "bottom": one pod.
const CLAIM_1 = { slot: 0, jack: 1 };
const POD_LIFE = { slot: 12, jack: 0 };

let rack: VirtualRack | undefined;
const hosts: HostEnd[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.close()));
  await rack?.close();
  rack = undefined;
});

async function start(heartbeatMs = 500) {
  rack = await startVirtualRack({
    catalog,
    cases: [
      {
        name: 'top',
        heartbeatMs,
        modules: [
          { slot: 0, type: 'deployment' },
          { slot: 12, type: 'pod' },
        ],
      },
      { name: 'bottom', heartbeatMs, modules: [{ slot: 0, type: 'pod' }] },
    ],
  });
  return rack;
}

async function connect(path: string): Promise<HostEnd> {
  const host = await HostEnd.open(path);
  hosts.push(host);
  return host;
}

/** Replays a dump onto an empty case, as a host would. */
function rebuild(hello: CaseState['hello'], dump: Frame[]): CaseState {
  let state: CaseState = { hello, modules: [], cables: [], knobs: {}, switches: {}, stateGen: 0 };
  for (const f of dump) state = applyCaseEvent(state, f.message as CaseStateEvent).state;
  return state;
}

describe('virtual rack over a pty pair', () => {
  it('says hello, dumps a snapshot the host can rebuild, sends events and takes commands', async () => {
    const top = (await start()).case('top');
    const host = await connect(top.path);
    // Opening a pty flushes what the rack said at power-up; the app's flush byte (as it sends on
    // open) stands in for DTR and brings the hello unasked. Asking gets another.
    host.write(Uint8Array.of(0));
    const first = await host.next('hello');
    expect(first.message).toMatchObject({ name: 'top', bridgeUid: top.bridgeUid, protoMajor: PROTOCOL_MAJOR });
    await host.handshake();

    const reqSeq = host.send({ kind: 'snapshot-req' });
    const end = await host.next('snap-end');
    const begin = host.frames.findIndex((f) => f.message.kind === 'snap-begin');
    const dump = host.frames.slice(begin + 1, host.frames.indexOf(end));
    expect(end.message).toMatchObject({ reqSeq, frameCount: dump.length });
    expect(dump.every((f) => f.flags & FLAG_SNAPSHOT)).toBe(true);
    const truth = top.state();
    expect({ ...rebuild(truth.hello, dump), stateGen: truth.stateGen }).toEqual(truth);

    const before = host.frames.length;
    top.plug(CLAIM_1, POD_LIFE);
    const cableOn = await host.next('cable-on', before);
    expect(cableOn.message).toEqual({ kind: 'cable-on', from: CLAIM_1, to: POD_LIFE });
    // The rack's seq runs on without a gap from the hello on.
    const seqs = host.frames.map((f) => f.seq);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0]! + i) & 0xff));

    const seen: string[] = [];
    top.onCommand((f) => seen.push(f.message.kind));
    const ledSeq = host.send({ kind: 'set-led', slot: 12, led: 0, level: 255, mode: 'steady', rgb: [0, 0, 0] }, FLAG_ACK_REQ);
    const guideSeq = host.send({ kind: 'guide-jack', slot: 12, direction: 'input', jack: 0, state: 'unplug' }, FLAG_ACK_REQ);
    expect((await host.next('ack', before)).message).toEqual({ kind: 'ack', ackedSeq: ledSeq });
    // Both acks may arrive in one read: wait for the guide-jack's own.
    await host.until(
      () => host.frames.some((f) => f.message.kind === 'ack' && f.message.ackedSeq === guideSeq),
      3_000,
      'the guide-jack ack',
    );
    expect(top.leds()).toEqual({ '12/0': 255 });
    expect(top.guide()).toEqual({ '12/in/0': 'unplug' });
    expect(seen).toEqual(['set-led', 'guide-jack']);
    expect(top.received.map((f) => f.message.kind)).toEqual(['hello-req', 'snapshot-req', 'set-led', 'guide-jack']);
  });

  it('heartbeats with its stateGen', async () => {
    const top = (await start(100)).case('top');
    const host = await connect(top.path);
    top.turn(12, 0, 1234);
    const beat = await host.next('heartbeat', host.frames.length);
    expect(beat.message).toMatchObject({ stateGen: top.state().stateGen, crcErrors: 0, dropped: 0 });
  });

  it('unplugs: the app sees the device vanish; replugs at the same path with a new hello', async () => {
    const top = (await start()).case('top');
    let host = await connect(top.path);
    await host.handshake();
    await top.unplugUsb();
    await host.until(() => host.closed !== null, 3_000, 'the close');
    expect(host.closed).toEqual({ disconnected: true });
    await expect(lstat(top.path)).rejects.toThrow(/ENOENT/);
    // What happens while unplugged is in the next snapshot.
    top.plug(CLAIM_1, POD_LIFE);
    await top.replugUsb();
    host = await connect(top.path);
    host.write(Uint8Array.of(0));
    await host.next('hello');
    host.send({ kind: 'snapshot-req' });
    const begin = await host.next('snap-begin');
    expect(begin.message).toMatchObject({ cables: 1, stateGen: top.state().stateGen });
  });

  it('injects faults: the host counts damaged frames and decodes the ones after', async () => {
    const top = (await start(0)).case('top');
    const host = await connect(top.path);
    await host.handshake();
    top.faults = { dropRate: 0, corruptRate: 0.02, delayMs: 0 };
    for (let i = 0; i < 300; i++) top.turn(12, 0, i);
    const bytesOut = () => top.counters().bytesOut;
    await host.until(() => host.stats.bytesDiscarded > 0 && host.frames.length > 1, 3_000, 'damage');
    const damaged = host.stats.crcErrors + host.stats.malformed + host.stats.badLength;
    expect(damaged).toBeGreaterThan(0);
    expect(host.frames.length - 1).toBeLessThan(300);
    expect(bytesOut()).toBeGreaterThan(0);

    top.faults = { dropRate: 0, corruptRate: 0, delayMs: 0 };
    const at = host.frames.length;
    top.plug(CLAIM_1, POD_LIFE);
    expect((await host.next('cable-on', at)).message).toEqual({ kind: 'cable-on', from: CLAIM_1, to: POD_LIFE });

    // Delay: the bytes arrive late, in order.
    top.faults = { dropRate: 0, corruptRate: 0, delayMs: 80 };
    const sentAt = performance.now();
    const from = host.frames.length;
    top.turn(12, 0, 1);
    top.turn(12, 0, 2);
    const delayed = () => host.frames.slice(from).filter((f) => f.message.kind === 'knob');
    await host.until(() => delayed().length >= 2, 3_000, 'the delayed knobs');
    expect(performance.now() - sentAt).toBeGreaterThanOrEqual(75);
    expect(delayed().map((f) => (f.message as { value: number }).value)).toEqual([1, 2]);
  });

  it('runs two cases at once, each on its own path', async () => {
    rack = await start();
    const [top, bottom] = [rack.case('top'), rack.case('bottom')];
    expect(top.path).not.toBe(bottom.path);
    const [a, b] = await Promise.all([connect(top.path), connect(bottom.path)]);
    a.send({ kind: 'ping', token: 1 });
    b.send({ kind: 'ping', token: 2 });
    expect((await a.next('pong')).message).toEqual({ kind: 'pong', token: 1 });
    expect((await b.next('pong')).message).toEqual({ kind: 'pong', token: 2 });
    expect((await b.handshake()).message).toMatchObject({ name: 'bottom', bridgeUid: bottom.bridgeUid });
  });

  it('tells the user to install socat when it is missing', async () => {
    const saved = process.env['K8S_SYNTH_SOCAT'];
    process.env['K8S_SYNTH_SOCAT'] = '/nonexistent/socat';
    try {
      await expect(startVirtualRack({ catalog, cases: [{ name: 'x', modules: [] }] })).rejects.toThrow(/apt-get install socat/);
    } finally {
      if (saved === undefined) delete process.env['K8S_SYNTH_SOCAT'];
      else process.env['K8S_SYNTH_SOCAT'] = saved;
    }
  });

  it('streams a 1 kHz knob sweep from a script: every sample arrives, in order', async () => {
    rack = await start(0);
    const top = rack.case('top');
    const host = await connect(top.path);
    await host.handshake();
    const parsed = parseScript('sweep 12 cpu 0 100% 1s 1khz', {
      catalog,
      cases: [{ name: 'top', modules: [{ slot: 12, type: 'pod' }] }],
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const at = host.frames.length;
    await runScript(parsed.steps, rack, systemLinkTime).done;
    const knobs = () => host.frames.slice(at).filter((f) => f.message.kind === 'knob');
    await host.until(() => knobs().length >= 1001, 3_000, '1001 knob frames');
    const values = knobs().map((f) => (f.message as { value: number }).value);
    expect(values).toHaveLength(1001);
    expect(values[0]).toBe(0);
    expect(values[1000]).toBe(65535);
    expect(values.every((v, i) => i === 0 || v >= values[i - 1]!)).toBe(true);
  });
});

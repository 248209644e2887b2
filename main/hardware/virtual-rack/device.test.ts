import { describe, expect, it } from 'vitest';
import { moduleCatalog } from '../../../tests/helpers/module-catalog';
import { ManualTimers } from '../../../tests/helpers/manual-timers';
import { ManualClock } from '../../time/clock';
import {
  applyCaseEvent,
  cobsEncode,
  crc16,
  encodeFrame,
  FLAG_ACK_REQ,
  FLAG_SNAPSHOT,
  PROTOCOL_MAJOR,
  type CaseState,
  type Frame,
  type HostMessage,
  type Message,
} from '../codec/index';
import { resolveCase } from './case-spec';
import { RackDevice, type RackOutMessage } from './device';
import { caseModuleFor, physicalDef, restingControls } from './inventory';

const catalog = moduleCatalog();
// deployment@0 (12 HP), pod@12 (8 HP), node@20 (10 HP): deployment claim-1 is output 1, pod life is input 0.
const CLAIM_1 = { slot: 0, jack: 1 };
const CLAIM_2 = { slot: 0, jack: 2 };
const POD_LIFE = { slot: 12, jack: 0 };

function setup(heartbeatMs = 500) {
  const clock = new ManualClock(1_000);
  const timers = new ManualTimers(clock);
  const resolved = resolveCase(
    {
      name: 'bench',
      bridgeUid: '00112233445566ff',
      modules: [
        { slot: 0, type: 'deployment' },
        { slot: 12, type: 'pod', uid: 42 },
        { slot: 20, type: 'node' },
      ],
    },
    catalog,
  );
  const out: Frame<RackOutMessage>[] = [];
  const device = new RackDevice({ state: resolved.state, heartbeatMs, clock, timers, send: (f) => out.push(f) });
  let hostSeq = 0;
  const host = (message: HostMessage, flags = 0) => {
    const frame = { seq: hostSeq++ & 0xff, flags, message };
    device.receive(frame);
    return frame.seq;
  };
  const take = () => out.splice(0).map((f) => f.message);
  return { clock, timers, device, out, host, take };
}

describe('RackDevice', () => {
  it('says hello unasked when attached, and nothing before', () => {
    const { device, out, take } = setup();
    device.turn(12, 0, 100);
    expect(out).toEqual([]);
    device.attach();
    expect(take()).toEqual([
      {
        kind: 'hello',
        protoMajor: PROTOCOL_MAJOR,
        protoMinor: 0,
        firmware: [1, 0, 0],
        bridgeUid: '00112233445566ff',
        maxFrame: 64,
        caps: 0x1f,
        name: 'bench',
      },
    ]);
  });

  it('says hello again when the host flushes on open (a pty has no DTR), not on every delimiter', () => {
    const { device, take } = setup();
    device.attach();
    take();
    device.receiveBytes(Uint8Array.of(0));
    expect(take().map((m) => m.kind)).toEqual(['hello']);
    device.receiveBytes(encodeFrame({ kind: 'ping', token: 1 }, 0));
    device.receiveBytes(encodeFrame({ kind: 'ping', token: 2 }, 1));
    expect(take().map((m) => m.kind)).toEqual(['pong', 'pong']);
    device.receiveBytes(Uint8Array.of(0, 0));
    expect(take().map((m) => m.kind)).toEqual(['hello']);
  });

  it('numbers its frames one by one, wrapping at 255', () => {
    const { device, out } = setup();
    device.attach();
    for (let i = 0; i < 300; i++) device.turn(12, 0, i);
    expect(out.map((f) => f.seq)).toEqual(Array.from({ length: 301 }, (_, i) => i & 0xff));
  });

  it('answers hello-req; another major gets its hello and NACK version, then silence until asked in its own', () => {
    const { device, host, timers, take } = setup();
    device.attach();
    take();
    host({ kind: 'hello-req', protoMajor: PROTOCOL_MAJOR, protoMinor: 0, app: [0, 1, 0] });
    expect(take().map((m) => m.kind)).toEqual(['hello']);
    const seq = host({ kind: 'hello-req', protoMajor: PROTOCOL_MAJOR + 1, protoMinor: 0, app: [9, 0, 0] });
    expect(take()).toEqual([
      expect.objectContaining({ kind: 'hello', protoMajor: PROTOCOL_MAJOR }),
      { kind: 'nack', ackedSeq: seq, error: 'version' },
    ]);
    device.turn(12, 0, 5);
    timers.advance(2000);
    const ping = host({ kind: 'ping', token: 7 });
    expect(take()).toEqual([{ kind: 'nack', ackedSeq: ping, error: 'version' }]);
    host({ kind: 'hello-req', protoMajor: PROTOCOL_MAJOR, protoMinor: 3, app: [0, 1, 0] });
    expect(take().map((m) => m.kind)).toEqual(['hello']);
    device.turn(12, 0, 6);
    expect(take().map((m) => m.kind)).toEqual(['knob']);
  });

  it('dumps a snapshot the host can rebuild the case from, flagged and counted', () => {
    const { device, out, host } = setup();
    device.attach();
    device.plug(CLAIM_1, POD_LIFE);
    device.flip(20, 0, 1);
    out.length = 0;
    const reqSeq = host({ kind: 'snapshot-req' });
    const [begin, ...rest] = out.splice(0);
    const end = rest.pop()!;
    const truth = device.state();
    expect(begin!.message).toEqual({ kind: 'snap-begin', reqSeq, stateGen: truth.stateGen, modules: 3, cables: 1 });
    expect(end.message).toEqual({ kind: 'snap-end', reqSeq, stateGen: truth.stateGen, frameCount: rest.length });
    expect(rest.every((f) => f.flags === FLAG_SNAPSHOT)).toBe(true);
    // A host that applies the dump to an empty case ends up with the rack's truth.
    let rebuilt: CaseState = { ...truth, modules: [], cables: [], knobs: {}, switches: {} };
    for (const f of rest) rebuilt = applyCaseEvent(rebuilt, f.message as Parameters<typeof applyCaseEvent>[1]).state;
    expect({ ...rebuilt, stateGen: truth.stateGen }).toEqual(truth);
  });

  it('sends cable-on, refuses a second source into an input with fault cable-conflict, and bumps stateGen per event', () => {
    const { device, take } = setup();
    device.attach();
    take();
    const gen0 = device.state().stateGen;
    device.plug(CLAIM_1, POD_LIFE);
    device.plug(CLAIM_2, POD_LIFE);
    expect(take()).toEqual([
      { kind: 'cable-on', from: CLAIM_1, to: POD_LIFE },
      { kind: 'fault', code: 'cable-conflict', slot: 12, detail: 0 },
    ]);
    expect(device.state().cables).toEqual([{ from: CLAIM_1, to: POD_LIFE }]);
    expect(device.state().stateGen).toBe(gen0 + 2);
    device.unplug(CLAIM_1, POD_LIFE);
    expect(take()).toEqual([{ kind: 'cable-off', from: CLAIM_1, to: POD_LIFE }]);
    expect(() => device.unplug(CLAIM_1, POD_LIFE)).toThrow(/no such cable/);
    expect(() => device.plug({ slot: 12, jack: 5 }, POD_LIFE)).toThrow(/outputs 0..2, not 5/);
    expect(() => device.turn(0, 3, 1)).toThrow(/knobs 0..0, not 3/);
  });

  it('heartbeats every heartbeatMs with uptime, stateGen and its error counters', () => {
    const { device, timers, take } = setup(250);
    device.attach();
    take();
    device.receiveBytes(Uint8Array.of(0x05, 0x41, 0x99, 0x00)); // a broken frame
    device.countDropped(3);
    device.turn(12, 0, 1);
    take();
    timers.advance(250);
    expect(take()).toEqual([{ kind: 'heartbeat', uptimeMs: 250, stateGen: device.state().stateGen, crcErrors: 1, dropped: 3 }]);
    timers.advance(1000);
    expect(take().length).toBe(4);
    device.detach();
    timers.advance(1000);
    expect(take()).toEqual([]);
  });

  it('answers ping with pong and takes config (a new heartbeat period)', () => {
    const { device, host, timers, take } = setup(500);
    device.attach();
    take();
    host({ kind: 'ping', token: 0xdeadbeef });
    expect(take()).toEqual([{ kind: 'pong', token: 0xdeadbeef }]);
    const bad = host({ kind: 'config', knobMinIntervalMs: 10, knobDeadband: 2, heartbeatMs: 50 }, FLAG_ACK_REQ);
    const seq = host({ kind: 'config', knobMinIntervalMs: 10, knobDeadband: 2, heartbeatMs: 100 }, FLAG_ACK_REQ);
    expect(take()).toEqual([
      { kind: 'nack', ackedSeq: bad, error: 'bad-index' },
      { kind: 'ack', ackedSeq: seq },
    ]);
    timers.advance(300);
    expect(take().map((m) => m.kind)).toEqual(['heartbeat', 'heartbeat', 'heartbeat']);
  });

  it('shows LEDs, gates and guide lights, ACKs on request and NACKs what does not exist', () => {
    const { device, host, timers, take } = setup();
    device.attach();
    take();
    host({ kind: 'set-led', slot: 12, led: 1, level: 200, mode: 'steady', rgb: [0, 0, 0] });
    const ledsSeq = host({ kind: 'set-leds', slot: 0, first: 2, levels: [10, 20] }, FLAG_ACK_REQ);
    const badSeq = host({ kind: 'set-led', slot: 12, led: 3, level: 1, mode: 'blink', rgb: [0, 0, 0] }, FLAG_ACK_REQ);
    host({ kind: 'set-gate', slot: 12, jack: 0, level: 255, pulseMs: 20 });
    host({ kind: 'guide-jack', slot: 12, direction: 'input', jack: 0, state: 'plug' });
    host({ kind: 'guide-jack', slot: 0, direction: 'output', jack: 1, state: 'plug' });
    expect(take()).toEqual([
      { kind: 'ack', ackedSeq: ledsSeq },
      { kind: 'nack', ackedSeq: badSeq, error: 'bad-index' },
    ]);
    expect(device.leds()).toEqual({ '12/1': 200, '0/2': 10, '0/3': 20 });
    expect(device.ledDetails()['12/1']).toEqual({ level: 200, mode: 'steady', rgb: [0, 0, 0] });
    expect(device.gates()).toEqual({ '12/0': 255 });
    expect(device.guide()).toEqual({ '12/in/0': 'plug', '0/out/1': 'plug' });
    timers.advance(20);
    expect(device.gates()).toEqual({ '12/0': 0 });
    host({ kind: 'guide-clear' });
    expect(device.guide()).toEqual({});
    host({ kind: 'guide-jack', slot: 12, direction: 'input', jack: 0, state: 'plug' });
    device.detach();
    expect(device.guide()).toEqual({});
    expect(device.received.map((f) => f.message.kind)).toEqual([
      'set-led',
      'set-leds',
      'set-led',
      'set-gate',
      'guide-jack',
      'guide-jack',
      'guide-clear',
      'guide-jack',
    ]);
  });

  it('NACKs unknown types and rack-side messages, and counts what it cannot decode', () => {
    const { device, take } = setup();
    device.attach();
    take();
    const rackSide: Message = { kind: 'pong', token: 1 };
    device.receiveBytes(encodeFrame(rackSide, 9));
    // A whole frame with a good CRC and a type v1 does not know (0x60).
    const body = Uint8Array.of(0x60, 4, 0, 0, 0);
    const crc = crc16(body, 0, 3);
    body.set([crc >> 8, crc & 0xff], 3);
    device.receiveBytes(Uint8Array.from([...cobsEncode(body), 0]));
    expect(take()).toEqual([
      { kind: 'nack', ackedSeq: 9, error: 'unknown-type' },
      { kind: 'nack', ackedSeq: 4, error: 'unknown-type' },
    ]);
    const corrupted = Uint8Array.from(encodeFrame({ kind: 'ping', token: 5 }, 3));
    corrupted[3] = corrupted[3]! ^ 0x10;
    device.receiveBytes(corrupted);
    device.receiveBytes(encodeFrame({ kind: 'ping', token: 6 }, 4));
    expect(take()).toEqual([{ kind: 'pong', token: 6 }]);
    expect(device.badFrames).toBeGreaterThanOrEqual(1);
  });

  it('NACKs a frame of the wrong length with bad-length and an out-of-range value with bad-index', () => {
    const { device, take } = setup();
    device.attach();
    take();
    const framed = (bytes: number[]) => {
      const body = Uint8Array.of(...bytes, 0, 0);
      const crc = crc16(body, 0, bytes.length);
      body.set([crc >> 8, crc & 0xff], bytes.length);
      return Uint8Array.from([...cobsEncode(body), 0]);
    };
    device.receiveBytes(framed([0x47, 11, 0, 1, 2])); // ping: a 4-byte token, here 2 bytes
    device.receiveBytes(framed([0x43, 12, 0, 12, 0, 255, 7, 0, 0, 0])); // set-led mode 7 does not exist
    expect(take()).toEqual([
      { kind: 'nack', ackedSeq: 11, error: 'bad-length' },
      { kind: 'nack', ackedSeq: 12, error: 'bad-index' },
    ]);
  });

  it('inserts a module with its resting controls, and pulls its cables out before module-gone', () => {
    const { device, take } = setup();
    device.attach();
    device.plug(CLAIM_1, POD_LIFE);
    take();
    const node = physicalDef(catalog, 'node');
    device.insertModule(caseModuleFor(node, 30, 9), restingControls(node, 30, { capacity: 2000 }));
    expect(take().map((m) => m.kind)).toEqual(['module-info', 'knob', 'switch']);
    expect(device.state().knobs['30/0']).toBe(Math.round(((2000 - 500) / (64000 - 500)) * 65535));
    expect(() => device.insertModule(caseModuleFor(node, 30, 9), { knobs: {}, switches: {} })).toThrow(/already holds/);
    device.removeModule(12);
    expect(take()).toEqual([
      { kind: 'cable-off', from: CLAIM_1, to: POD_LIFE },
      { kind: 'module-gone', slot: 12 },
    ]);
    expect(device.state().modules.map((m) => m.slot)).toEqual([0, 20, 30]);
  });
});

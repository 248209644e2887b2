/**
 * Test support (the app never imports it): a rack behind @serialport/binding-mock. The device is
 * the virtual rack's I/O-free RackDevice, so unit tests of the link talk to the same bridge
 * behaviour as the pty integration tests, on a manual clock. A test can also write raw bytes or
 * hand-made frames to the host, drop rack frames, and pull the plug.
 */
import { SerialPortMock } from 'serialport';
import type { Clock } from '../../../time/clock';
import type { TimerPort } from '../../../time/timers';
import {
  type CaseModule,
  type CaseState,
  encodeFrame,
  type Frame,
  FrameDecoder,
  type Message,
  PROTOCOL_MAJOR,
} from '../../codec';
import { RackDevice, type RackOutMessage } from '../../virtual-rack/device';
import { BAUD_RATE } from '../link-policy';
import type { OpenPort } from '../serial-port';

export { recordingListener } from './recording-listener';

export const TEST_HELLO: CaseState['hello'] = {
  protoMajor: PROTOCOL_MAJOR,
  protoMinor: 0,
  firmware: [1, 2, 3],
  bridgeUid: '00000000000000a1',
  maxFrame: 64,
  caps: 0,
  name: 'case A',
};

/** A small module: 2 inputs, 2 outputs, 2 knobs, 1 switch, 4 LEDs. */
export function testModule(slot: number): CaseModule {
  return {
    slot,
    typeId: 7,
    hwRev: 1,
    moduleUid: 0x1000 + slot,
    inputs: 2,
    outputs: 2,
    knobs: 2,
    switches: 1,
    leds: 4,
    knobBits: 12,
  };
}

export function testCase(hello: Partial<CaseState['hello']> = {}): CaseState {
  return {
    hello: { ...TEST_HELLO, ...hello },
    modules: [testModule(0), testModule(8)],
    cables: [{ from: { slot: 0, jack: 0 }, to: { slot: 8, jack: 1 } }],
    knobs: { '0/0': 1000, '8/1': 2000 },
    switches: { '0/0': 1 },
    stateGen: 5,
  };
}

export interface MockRackOptions {
  path: string;
  state?: CaseState;
  heartbeatMs?: number;
  /** False: no RackDevice answers; the test writes everything itself (raw bytes, hand-made frames). */
  device?: boolean;
  clock: Clock;
  timers: TimerPort;
}

type Verdict = 'pass' | 'drop';

/** serialport re-exports the mock binding; its own package's types do not resolve under "exports". */
export const MockBinding = SerialPortMock.binding;
type MockPortBinding = NonNullable<SerialPortMock['port']>;

export class MockRack {
  readonly path: string;
  readonly device: RackDevice | null;
  /** Every port object the link made for this path, newest last. */
  readonly ports: SerialPortMock[] = [];
  /** Host → rack writes as they reached the port (one entry per port.write). */
  readonly writes: Buffer[] = [];
  /** Decides per rack → host frame whether it reaches the host (drop one to make a seq gap). */
  filter: (frame: Frame) => Verdict = () => 'pass';
  private plugged = true;
  private seq = 0;

  constructor(options: MockRackOptions) {
    this.path = options.path;
    MockBinding.createPort(options.path, { record: true });
    this.device =
      options.device === false
        ? null
        : new RackDevice({
            state: options.state ?? testCase(),
            heartbeatMs: options.heartbeatMs ?? 500,
            clock: options.clock,
            timers: options.timers,
            send: (frame) => this.deliver(frame),
          });
  }

  /** The link's port factory: an unplugged rack's path does not exist (open fails as for a missing device). */
  readonly openPort: OpenPort = (path) => {
    const port = new SerialPortMock({ path: this.plugged ? path : `${path}.unplugged`, baudRate: BAUD_RATE, autoOpen: false });
    this.ports.push(port);
    port.on('open', () => {
      const binding = this.binding;
      const write = binding.write.bind(binding);
      binding.write = async (buffer: Buffer) => {
        await write(buffer);
        this.writes.push(Buffer.from(buffer));
        this.device?.receiveBytes(buffer);
      };
      // DTR rises on open: a real bridge says hello unasked and starts beating.
      this.device?.attach();
    });
    return port;
  };

  get port(): SerialPortMock {
    const port = this.ports.at(-1);
    if (!port) throw new Error(`the link has not opened ${this.path}`);
    return port;
  }

  get binding(): MockPortBinding {
    return this.port.port as MockPortBinding;
  }

  get isOpen(): boolean {
    return this.ports.at(-1)?.isOpen ?? false;
  }

  /** Host frames written so far (all ports), decoded. */
  hostFrames(): Frame[] {
    const decoder = new FrameDecoder();
    return this.writes.flatMap((w) => decoder.push(w));
  }

  /** Raw bytes to the host. */
  sendRaw(bytes: Uint8Array | number[]): void {
    this.binding.emitData(Buffer.from(bytes));
  }

  /** A hand-made frame to the host, with the test's own seq counter unless `seq` is given. */
  send(message: Message | RackOutMessage, options: { seq?: number; flags?: number } = {}): number {
    const seq = options.seq ?? this.seq;
    this.seq = (seq + 1) & 0xff;
    this.sendRaw(encodeFrame(message, seq, options.flags ?? 0));
    return seq;
  }

  /** USB unplug: the device goes quiet and the port reports a disconnect, as serialport does. */
  unplug(): void {
    this.plugged = false;
    this.device?.detach();
    this.port._disconnected(new Error('unplugged'));
  }

  replug(): void {
    this.plugged = true;
  }

  private deliver(frame: Frame): void {
    if (this.filter(frame) === 'drop' || !this.isOpen) return;
    this.sendRaw(encodeFrame(frame.message, frame.seq, frame.flags));
  }
}

/** Lets a test wait for the mock binding's nextTick/promise chains to run out. */
export async function settle(rounds = 8): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** One port factory for several mock racks, by path. */
export function openPortFor(racks: MockRack[]): OpenPort {
  return (path) => {
    const rack = racks.find((r) => r.path === path);
    if (!rack) return new SerialPortMock({ path, baudRate: BAUD_RATE, autoOpen: false });
    return rack.openPort(path);
  };
}

/** Moves manual time forward in steps, letting the mock port's I/O run between them. */
export async function advance(timers: { advance(ms: number): void }, ms: number, step = 10): Promise<void> {
  await settle();
  for (let done = 0; done < ms; done += step) {
    timers.advance(Math.min(step, ms - done));
    await settle();
  }
}

/**
 * A bare host for tests of the virtual rack: opens the app's end of a case with serialport's
 * SerialPort, decodes what arrives with the codec's FrameDecoder and sends frames with its own seq.
 * No link logic (no handshake retries, no resync): tests see exactly what the rack sent.
 */
import { SerialPort } from 'serialport';
import {
  encodeFrame,
  FrameDecoder,
  PROTOCOL_MAJOR,
  PROTOCOL_MINOR,
  type DecoderStats,
  type Frame,
  type HostMessage,
} from '../../codec/index';

export class HostEnd {
  readonly frames: Frame[] = [];
  /** Set when the port closed; `disconnected` is serialport's flag for a device that vanished. */
  closed: { disconnected: boolean } | null = null;
  private readonly decoder = new FrameDecoder();
  private seq = 0;
  private waiters = new Set<() => void>();

  private constructor(readonly port: SerialPort) {
    port.on('data', (chunk: Buffer) => {
      this.frames.push(...this.decoder.push(chunk));
      this.wake();
    });
    port.on('error', () => {});
    port.on('close', (error: (Error & { disconnected?: boolean }) | null) => {
      this.closed = { disconnected: !!error?.disconnected };
      this.wake();
    });
  }

  static async open(path: string): Promise<HostEnd> {
    const port = new SerialPort({ path, baudRate: 115_200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    return new HostEnd(port);
  }

  get stats(): DecoderStats {
    return this.decoder.stats;
  }

  /** Sends a frame; returns its seq. */
  send(message: HostMessage, flags = 0): number {
    const seq = this.seq;
    this.seq = (this.seq + 1) & 0xff;
    this.port.write(encodeFrame(message, seq, flags));
    return seq;
  }

  /** Sends hello-req in protocol v1 and resolves with the hello that answers it. */
  async handshake(): Promise<Frame> {
    const from = this.frames.length;
    this.send({ kind: 'hello-req', protoMajor: PROTOCOL_MAJOR, protoMinor: PROTOCOL_MINOR, app: [0, 0, 0] });
    return this.next('hello', from);
  }

  write(bytes: Uint8Array): void {
    this.port.write(bytes);
  }

  /** Resolves with the first frame from index `from` on that matches, or rejects after `ms`. */
  async next<K extends Frame['message']['kind']>(kind: K, from = 0, ms = 3_000): Promise<Frame & { message: { kind: K } }> {
    let found: Frame | undefined;
    await this.until(
      () => (found = this.frames.slice(from).find((f) => f.message.kind === kind)) !== undefined,
      ms,
      `a ${kind} frame`,
    );
    return found as Frame & { message: { kind: K } };
  }

  /** Waits until `test` holds (checked on every arrival and close). */
  until(test: () => boolean, ms = 3_000, what = 'the condition'): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          new Error(`timed out after ${ms} ms waiting for ${what}; got ${this.frames.map((f) => f.message.kind).join(', ')}`),
        );
      }, ms);
      const check = () => {
        if (!test()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  async close(): Promise<void> {
    if (this.port.isOpen) await new Promise<void>((resolve) => this.port.close(() => resolve()));
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

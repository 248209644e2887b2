import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cobsDecode } from './cobs';
import { crc16 } from './crc16';
import { decodeFrameBody, encodeFrame, encodeFrameBody, MAX_FRAME, messageDirection, WIRE_OVERHEAD } from './frame';
import { LOG_TEXT_MAX_BYTES, payloadBytes } from './layouts';
import { PROTOCOL_MAJOR } from './messages';
import { anyFrame, KINDS, messageOf } from './message-arbitraries';
import { type HelloMessage, type Message, MESSAGE_TYPES } from './messages';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const cableOn: Message = { kind: 'cable-on', from: { slot: 3, jack: 1 }, to: { slot: 12, jack: 0 } };

describe('encodeFrame', () => {
  it('lays out header, little-endian payload and big-endian CRC, then COBS and a delimiter', () => {
    const body = encodeFrameBody({ kind: 'knob', slot: 4, knob: 2, value: 0x1234 }, 7, 1);
    const crc = crc16(body, 0, body.length - 2);
    expect(hex(body)).toBe(`200701040234 12${crc.toString(16).padStart(4, '0')}`.replace(' ', ''));
    const wire = encodeFrame({ kind: 'knob', slot: 4, knob: 2, value: 0x1234 }, 7, 1);
    expect(wire.at(-1)).toBe(0);
    expect(wire.subarray(0, -1).includes(0)).toBe(false);
    expect(cobsDecode(wire, 0, wire.length - 1)).toEqual(body);
  });

  it('defaults flags to 0', () => {
    expect(encodeFrameBody(cableOn, 0)[2]).toBe(0);
  });

  it.each<[string, Message, number, number]>([
    ['seq 256', cableOn, 256, 0],
    ['seq -1', cableOn, -1, 0],
    ['flags 1.5', cableOn, 0, 1.5],
    ['slot 256', { kind: 'module-gone', slot: 256 }, 0, 0],
    ['knob value 65536', { kind: 'knob', slot: 0, knob: 0, value: 65536 }, 0, 0],
    ['uptime 2^32', { kind: 'heartbeat', uptimeMs: 2 ** 32, stateGen: 0, crcErrors: 0, dropped: 0 }, 0, 0],
    ['an unknown led mode', { kind: 'set-led', slot: 0, led: 0, level: 0, mode: 'strobe' as 'steady', rgb: [0, 0, 0] }, 0, 0],
    ['log text of 51 bytes', { kind: 'log', level: 'info', text: 'x'.repeat(LOG_TEXT_MAX_BYTES + 1) }, 0, 0],
    ['a name of 17 bytes (é is 2)', helloNamed('é'.repeat(8) + 'x'), 0, 0],
    ['49 levels', { kind: 'set-leds', slot: 0, first: 0, levels: new Array<number>(49).fill(0) }, 0, 0],
    ['a short bridge uid', { ...helloNamed('a'), bridgeUid: '0123' }, 0, 0],
    ['an upper-case bridge uid', { ...helloNamed('a'), bridgeUid: '0123456789ABCDEF' }, 0, 0],
    ['rgb of 2', { kind: 'set-led', slot: 0, led: 0, level: 0, mode: 'steady', rgb: [0, 0] as unknown as [0, 0, 0] }, 0, 0],
    ['inserted as 1', { kind: 'jack', slot: 0, direction: 'input', jack: 0, inserted: 1 as unknown as boolean }, 0, 0],
    ['an unknown kind', { kind: 'reboot' } as unknown as Message, 0, 0],
  ])('throws RangeError on %s', (_, message, seq, flags) => {
    expect(() => encodeFrame(message, seq, flags)).toThrow(RangeError);
  });
});

function helloNamed(name: string): HelloMessage {
  return {
    kind: 'hello',
    protoMajor: PROTOCOL_MAJOR,
    protoMinor: 0,
    firmware: [1, 2, 3],
    bridgeUid: '0123456789abcdef',
    maxFrame: 64,
    caps: 0,
    name,
  };
}

describe('decodeFrameBody', () => {
  it('round-trips every kind over its whole value range', () => {
    fc.assert(
      fc.property(anyFrame, ({ seq, flags, message }) => {
        expect(decodeFrameBody(encodeFrameBody(message, seq, flags))).toEqual({ seq, flags, message });
      }),
      { numRuns: 2000 },
    );
  });

  it('reports a bad CRC, a short body, an unknown type, a wrong payload length and a value out of its set', () => {
    const withCrc = (bytes: number[]): Uint8Array => {
      const crc = crc16(Uint8Array.from(bytes));
      return Uint8Array.of(...bytes, crc >> 8, crc & 0xff);
    };
    const good = encodeFrameBody(cableOn, 9);
    const flipped = good.slice();
    flipped[4]! ^= 0x10;
    expect(decodeFrameBody(flipped)).toEqual({ error: 'crc' });
    expect(decodeFrameBody(good.subarray(0, 4))).toEqual({ error: 'length' });
    expect(decodeFrameBody(withCrc([0x3f, 5, 0, 1, 2]))).toEqual({ error: 'unknown-type', type: 0x3f, seq: 5 });
    expect(decodeFrameBody(withCrc([0x10, 5, 0, 1, 2, 3]))).toEqual({ error: 'length', type: 0x10, seq: 5 });
    expect(decodeFrameBody(withCrc([0x10, 5, 0, 1, 2, 3, 4, 5]))).toEqual({ error: 'length', type: 0x10, seq: 5 });
    expect(decodeFrameBody(withCrc([0x12, 5, 0, 1, 2, 3, 1]))).toEqual({ error: 'value', type: 0x12, seq: 5 });
    expect(decodeFrameBody(withCrc([0x12, 5, 0, 1, 0, 3, 2]))).toEqual({ error: 'value', type: 0x12, seq: 5 });
    expect(decodeFrameBody(withCrc([0x34, 5, 0, 1, 1, 0xc3]))).toEqual({ error: 'value', type: 0x34, seq: 5 });
    expect(decodeFrameBody(withCrc([0x34, 5, 0, 1, 51, ...new Array<number>(51).fill(0x41)]))).toEqual({
      error: 'length',
      type: 0x34,
      seq: 5,
    });
    expect(decodeFrameBody(withCrc([0x44, 5, 0, 1, 0, 2, 9]))).toEqual({ error: 'length', type: 0x44, seq: 5 });
  });

  it('never throws on arbitrary bodies, including ones with a valid CRC', () => {
    const withCrc = fc.uint8Array({ maxLength: 70 }).map((b) => {
      const crc = crc16(b);
      return Uint8Array.of(...b, crc >> 8, crc & 0xff);
    });
    const knownType = fc
      .tuple(fc.constantFrom(...Object.values(MESSAGE_TYPES)), fc.uint8Array({ maxLength: 60 }))
      .map(([type, rest]) => {
        const crc = crc16(Uint8Array.of(type, ...rest));
        return Uint8Array.of(type, ...rest, crc >> 8, crc & 0xff);
      });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 70 }), withCrc, knownType), (body) => void decodeFrameBody(body)),
      {
        numRuns: 3000,
      },
    );
  });
});

describe('frame sizes', () => {
  it(`keeps the largest instance of every kind within ${MAX_FRAME} bytes before COBS`, () => {
    for (const kind of KINDS) {
      const { max } = payloadBytes(kind);
      expect(3 + max + 2, kind).toBeLessThanOrEqual(MAX_FRAME);
    }
  });

  it('measures the size payloadBytes predicts on every encoded message (n + 7 on the wire)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS).chain(messageOf), (message) => {
        const wire = encodeFrame(message, 0);
        const { min, max } = payloadBytes(message.kind);
        expect(wire.length).toBeGreaterThanOrEqual(3 + min + 2 + WIRE_OVERHEAD);
        expect(wire.length).toBeLessThanOrEqual(3 + max + 2 + WIRE_OVERHEAD);
      }),
    );
  });
});

describe('messageDirection', () => {
  it('follows the type ranges', () => {
    expect(messageDirection('cable-on')).toBe('rack→host');
    expect(messageDirection('set-led')).toBe('host→rack');
    expect(messageDirection('ack')).toBe('both');
  });
});

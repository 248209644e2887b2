import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cobsDecode, cobsEncode } from './cobs';
import { crc16, crc16Table } from './crc16';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const run = (length: number, from = 1): Uint8Array => Uint8Array.from({ length }, (_, i) => ((from - 1 + i) % 255) + 1);

describe('COBS', () => {
  // The examples of the COBS article (Cheshire & Baker; Wikipedia "Consistent Overhead Byte Stuffing").
  it.each([
    ['00', '0101'],
    ['0000', '010101'],
    ['001100', '01021101'],
    ['11220033', '03112202 33'.replace(' ', '')],
    ['11223344', '0511223344'],
    ['11000000', '02110101 01'.replace(' ', '')],
  ])('encodes %s as %s', (data, encoded) => {
    expect(hex(cobsEncode(Buffer.from(data, 'hex')))).toBe(encoded);
    expect(hex(cobsDecode(Buffer.from(encoded, 'hex'))!)).toBe(data);
  });

  it('encodes an empty frame as one code byte', () => {
    expect(hex(cobsEncode(new Uint8Array()))).toBe('01');
    expect(cobsDecode(Uint8Array.of(1))).toEqual(new Uint8Array());
  });

  it('ends a final 254-byte run without an empty block, and splits a 255-byte run', () => {
    expect(hex(cobsEncode(run(254)))).toBe(`ff${hex(run(254))}`);
    expect(hex(cobsEncode(Uint8Array.of(0, ...run(254))))).toBe(`01ff${hex(run(254))}`);
    expect(hex(cobsEncode(Uint8Array.of(...run(254), 0)))).toBe(`ff${hex(run(254))}0101`);
    expect(hex(cobsEncode(run(255)))).toBe(`ff${hex(run(254))}02ff`);
    expect(hex(cobsEncode(run(255, 2)))).toBe(`ff${hex(run(254, 2))}0201`);
  });

  it('rejects a zero inside and a code byte pointing past the end (a truncated frame)', () => {
    expect(cobsDecode(Uint8Array.of(0x03, 0x11, 0x00))).toBeNull();
    expect(cobsDecode(Uint8Array.of(0x05, 0x11, 0x22))).toBeNull();
    expect(cobsDecode(Uint8Array.of(0x00))).toBeNull();
  });

  it('decodes a slice of a larger buffer', () => {
    expect(hex(cobsDecode(Uint8Array.of(9, 9, 0x03, 0x11, 0x22, 9), 2, 5)!)).toBe('1122');
  });

  it('round-trips any bytes and never puts a zero in the encoding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1100 }), (data) => {
        const encoded = cobsEncode(data);
        expect(encoded.includes(0)).toBe(false);
        expect(encoded.length).toBeLessThanOrEqual(data.length + Math.ceil(data.length / 254) + 1);
        expect(cobsDecode(encoded)).toEqual(data);
      }),
    );
  });

  it('round-trips zero-heavy and long-run data', () => {
    const biased = fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 255 })), { maxLength: 800 });
    const runs = fc.array(
      fc.oneof(
        fc.constant([0]),
        fc.integer({ min: 250, max: 260 }).map((n) => Array.from(run(n))),
      ),
      {
        maxLength: 5,
      },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          biased,
          runs.map((r) => r.flat()),
        ),
        (bytes) => {
          const data = Uint8Array.from(bytes);
          expect(cobsDecode(cobsEncode(data))).toEqual(data);
        },
      ),
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (data) => void cobsDecode(data)));
  });
});

describe('CRC-16/CCITT-FALSE', () => {
  it('has the check value 0x29B1 for "123456789"', () => {
    expect(crc16(new TextEncoder().encode('123456789'))).toBe(0x29b1);
  });

  it('is 0xFFFF (the init) over no bytes and matches a bitwise reference', () => {
    expect(crc16(new Uint8Array())).toBe(0xffff);
    const bitwise = (data: Uint8Array): number => {
      let crc = 0xffff;
      for (const byte of data) {
        crc ^= byte << 8;
        for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
      }
      return crc;
    };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (data) => {
        expect(crc16(data)).toBe(bitwise(data));
      }),
    );
  });

  it('is 0 over data followed by its CRC big-endian', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (data) => {
        const crc = crc16(data);
        expect(crc16(Uint8Array.of(...data, crc >> 8, crc & 0xff))).toBe(0);
      }),
    );
  });

  it('has the table PROTOCOL.md prints (first entries)', () => {
    expect(crc16Table().slice(0, 4)).toEqual([0x0000, 0x1021, 0x2042, 0x3063]);
  });
});

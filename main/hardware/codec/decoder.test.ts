import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cobsEncode } from './cobs';
import { crc16 } from './crc16';
import { type DecoderStats, FrameDecoder } from './decoder';
import { encodeFrame, encodeFrameBody } from './frame';
import { anyFrame } from './message-arbitraries';
import type { Frame } from './messages';

const concat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};
const wireOf = (frames: Frame[]): Uint8Array[] => frames.map((f) => encodeFrame(f.message, f.seq, f.flags));
const frames = fc.array(anyFrame, { maxLength: 12 });

/** Splits `bytes` at the given cut points into the chunks a serial port might deliver. */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(from, point));
    from = point;
  }
  return chunks;
}

function decodeAll(chunks: Uint8Array[], decoder = new FrameDecoder()): { frames: Frame[]; stats: DecoderStats } {
  const out = chunks.flatMap((chunk) => decoder.push(chunk));
  return { frames: out, stats: decoder.stats };
}

const ZERO_STATS: DecoderStats = {
  frames: 0,
  crcErrors: 0,
  malformed: 0,
  badLength: 0,
  unknownType: 0,
  oversize: 0,
  bytesDiscarded: 0,
};

/**
 * Exact bookkeeping for any stream that ends with a delimiter: every non-empty run between
 * delimiters is counted once (a frame or one error), and every non-delimiter byte is either in a
 * returned frame or discarded.
 */
function expectAccounted(stream: Uint8Array, result: { frames: Frame[]; stats: DecoderStats }): void {
  const { stats } = result;
  const counted = stats.frames + stats.crcErrors + stats.malformed + stats.badLength + stats.unknownType + stats.oversize;
  // A run is non-empty when the byte before its delimiter is not a delimiter too.
  const nonEmptyRuns = stream.filter((byte, i) => byte === 0 && i > 0 && stream[i - 1] !== 0).length;
  expect(counted).toBe(nonEmptyRuns);
  const goodBytes = wireOf(result.frames).reduce((n, w) => n + w.length - 1, 0);
  expect(goodBytes + stats.bytesDiscarded).toBe(stream.filter((b) => b !== 0).length);
  expect(stats.frames).toBe(result.frames.length);
}

describe('FrameDecoder', () => {
  it('decodes a stream of frames the same under any split', () => {
    fc.assert(
      fc.property(frames, fc.array(fc.nat(), { maxLength: 30 }), (sent, cuts) => {
        const stream = concat(wireOf(sent));
        const whole = decodeAll([stream]);
        expect(whole.frames).toEqual(sent);
        expect(whole.stats).toEqual({ ...ZERO_STATS, frames: sent.length });
        expect(decodeAll(split(stream, cuts)).frames).toEqual(sent);
      }),
    );
  });

  it('delivers byte by byte', () => {
    const stream = concat(wireOf([{ seq: 1, flags: 0, message: { kind: 'knob', slot: 0, knob: 0, value: 0 } }]));
    expect(decodeAll(Array.from(stream, (b) => Uint8Array.of(b))).frames).toHaveLength(1);
  });

  it('ignores lone delimiters (the flush a sender writes on open) without counting them', () => {
    const frame = encodeFrame({ kind: 'ping', token: 0 }, 0);
    const result = decodeAll([Uint8Array.of(0, 0), frame, Uint8Array.of(0)]);
    expect(result.frames).toHaveLength(1);
    expect(result.stats).toEqual({ ...ZERO_STATS, frames: 1 });
  });

  it('never throws on random bytes, and accounts for every byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (garbage) => {
        const stream = Uint8Array.of(...garbage, 0);
        expectAccounted(stream, decodeAll([stream]));
      }),
      { numRuns: 500 },
    );
  });

  it('resyncs: after garbage and a delimiter every intact frame decodes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), frames, (garbage, sent) => {
        const stream = concat([garbage, Uint8Array.of(0), ...wireOf(sent)]);
        const result = decodeAll([stream]);
        // Garbage can (about 1 in 65536) form a frame of its own, so compare the tail.
        expect(result.frames.slice(result.frames.length - sent.length)).toEqual(sent);
        expectAccounted(stream, result);
      }),
    );
  });

  it('loses only the frame that garbage without a delimiter runs into', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 60 }).map((g) => g.map((b) => b || 1)),
        fc.array(anyFrame, { minLength: 1, maxLength: 8 }),
        (garbage, sent) => {
          const stream = concat([garbage, ...wireOf(sent)]);
          const result = decodeAll([stream]);
          expect(result.frames.slice(-(sent.length - 1) || result.frames.length)).toEqual(sent.slice(1));
          expect(result.stats.frames).toBeGreaterThanOrEqual(sent.length - 1);
          expectAccounted(stream, result);
        },
      ),
    );
  });

  it('drops a frame with a flipped bit (the CRC catches every 1–3 bit error) and keeps all the others', () => {
    fc.assert(
      fc.property(fc.array(anyFrame, { minLength: 1, maxLength: 8 }), fc.nat(), fc.nat(), (sent, which, bit) => {
        const victim = which % sent.length;
        const parts = sent.map((f, i) => {
          const body = encodeFrameBody(f.message, f.seq, f.flags);
          if (i === victim) body[Math.floor(bit / 8) % body.length]! ^= 1 << (bit % 8);
          return Uint8Array.of(...cobsEncode(body), 0);
        });
        const result = decodeAll([concat(parts)]);
        expect(result.frames).toEqual(sent.filter((_, i) => i !== victim));
        expect(result.stats).toEqual({
          ...ZERO_STATS,
          frames: sent.length - 1,
          crcErrors: 1,
          bytesDiscarded: parts[victim]!.length - 1,
        });
      }),
    );
  });

  it('drops a truncated frame whose delimiter still arrives and keeps the others', () => {
    fc.assert(
      fc.property(fc.array(anyFrame, { minLength: 1, maxLength: 8 }), fc.nat(), fc.nat(), (sent, which, cut) => {
        const victim = which % sent.length;
        const parts = wireOf(sent).map((w, i) => (i === victim ? Uint8Array.of(...w.subarray(0, cut % (w.length - 1)), 0) : w));
        const stream = concat(parts);
        const result = decodeAll([stream]);
        expect(result.frames).toEqual(sent.filter((_, i) => i !== victim));
        expectAccounted(stream, result);
      }),
    );
  });

  it('passes duplicated frames through (the link tells them apart by seq)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(anyFrame, fc.integer({ min: 1, max: 3 })), { maxLength: 8 }), (spec) => {
        const sent = spec.flatMap(([f, times]) => new Array<Frame>(times).fill(f));
        expect(decodeAll([concat(wireOf(sent))]).frames).toEqual(sent);
      }),
    );
  });

  it('never throws on a corrupted stream (flipped, dropped, duplicated, inserted bytes) and accounts for every byte', () => {
    const edit = fc.record({
      at: fc.nat(),
      op: fc.constantFrom('flip', 'drop', 'dup', 'insert'),
      byte: fc.integer({ min: 0, max: 255 }),
    });
    fc.assert(
      fc.property(frames, fc.array(edit, { maxLength: 10 }), fc.array(fc.nat(), { maxLength: 10 }), (sent, edits, cuts) => {
        const bytes = Array.from(concat(wireOf(sent)));
        for (const { at, op, byte } of edits) {
          const i = bytes.length === 0 ? 0 : at % bytes.length;
          if (op === 'flip' && bytes.length > 0) bytes[i]! ^= 1 << (byte % 8);
          if (op === 'drop') bytes.splice(i, 1);
          if (op === 'dup' && bytes.length > 0) bytes.splice(i, 0, bytes[i]!);
          if (op === 'insert') bytes.splice(i, 0, byte);
        }
        const stream = Uint8Array.of(...bytes, 0);
        const result = decodeAll(split(stream, cuts));
        expect(result.frames.length).toBeLessThanOrEqual(sent.length + edits.length);
        expectAccounted(stream, result);
      }),
      { numRuns: 500 },
    );
  });

  it('discards an overlong run without a delimiter in bounded memory and decodes the next frame', () => {
    const decoder = new FrameDecoder({ maxFrame: 64 });
    const junk = new Uint8Array(1000).fill(0x55);
    for (let i = 0; i < 10; i++) expect(decoder.push(junk)).toEqual([]);
    const frame = { seq: 3, flags: 0, message: { kind: 'module-gone', slot: 4 } } satisfies Frame;
    expect(decoder.push(Uint8Array.of(0, ...encodeFrame(frame.message, 3)))).toEqual([frame]);
    expect(decoder.stats).toEqual({ ...ZERO_STATS, frames: 1, oversize: 1, bytesDiscarded: 10_000 });
  });

  it('counts a delimited frame longer than maxFrame as oversize', () => {
    const decoder = new FrameDecoder({ maxFrame: 10 });
    const big = encodeFrame({ kind: 'log', level: 'info', text: 'this is longer than ten' }, 0);
    const small = encodeFrame({ kind: 'ack', ackedSeq: 1 }, 1);
    expect(decoder.push(concat([big, small]))).toEqual([{ seq: 1, flags: 0, message: { kind: 'ack', ackedSeq: 1 } }]);
    expect(decoder.stats).toEqual({ ...ZERO_STATS, frames: 1, oversize: 1, bytesDiscarded: big.length - 1 });
  });

  it('tells the listener about an unknown type with a good CRC, and survives a throwing listener', () => {
    const body = [0x3e, 42, 0, 1, 2];
    const crc = crc16(Uint8Array.from(body));
    const unknown = Uint8Array.of(...cobsEncode(Uint8Array.of(...body, crc >> 8, crc & 0xff)), 0);
    const seen: [number, number][] = [];
    const decoder = new FrameDecoder({ onRejected: (reason, type, seq) => reason === 'unknown-type' && seen.push([type, seq]) });
    expect(decoder.push(unknown)).toEqual([]);
    expect(seen).toEqual([[0x3e, 42]]);
    expect(decoder.stats.unknownType).toBe(1);
    const throwing = new FrameDecoder({
      onRejected: () => {
        throw new Error('listener bug');
      },
    });
    expect(throwing.push(concat([unknown, encodeFrame({ kind: 'ack', ackedSeq: 0 }, 0)]))).toHaveLength(1);
  });

  it('reports a wrong length or an out-of-range value with its seq (the CRC was good), never a bad CRC', () => {
    const framed = (body: number[]) => {
      const crc = crc16(Uint8Array.from(body));
      return Uint8Array.of(...cobsEncode(Uint8Array.of(...body, crc >> 8, crc & 0xff)), 0);
    };
    const seen: [string, number, number][] = [];
    const decoder = new FrameDecoder({ onRejected: (reason, type, seq) => seen.push([reason, type, seq]) });
    const knobTooShort = framed([0x20, 7, 0, 1, 2]); // knob needs 4 payload bytes
    const badDirection = framed([0x12, 8, 0, 1, 9, 0, 1]); // jack direction 9 is neither input nor output
    const badCrc = knobTooShort.slice();
    badCrc[2]! ^= 0x40;
    expect(decoder.push(concat([knobTooShort, badDirection, badCrc]))).toEqual([]);
    expect(seen).toEqual([
      ['length', 0x20, 7],
      ['value', 0x12, 8],
    ]);
    expect(decoder.stats).toMatchObject({ badLength: 1, malformed: 1, crcErrors: 1 });
  });

  it('returns a copy of its stats', () => {
    const decoder = new FrameDecoder();
    const stats = decoder.stats;
    decoder.push(Uint8Array.of(1, 2, 0));
    expect(stats).toEqual(ZERO_STATS);
    expect(decoder.stats.malformed).toBe(1);
  });
});

/**
 * Variable-length fields carry their length: a bit error that turns a frame's closing 00 into 01,
 * with another 00 right after, appends a zero to the COBS-decoded frame, and a CRC-16 without a
 * final XOR still checks over it. Only a layout whose length came from the frame's length (the
 * LOG text, before its length byte) took such a frame as a different message.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameDecoder } from './decoder';
import { encodeFrame } from './frame';
import type { Message } from './messages';

const log = (text: string): Message => ({ kind: 'log', level: 'warn', text });

/** What the decoder makes of `wire` followed by another frame's 00, as messages. */
const decodeAll = (wire: Uint8Array): Message[] =>
  new FrameDecoder().push(Uint8Array.from([...wire, 0x00])).map((f) => f.message);

describe('LOG text has an explicit length', () => {
  it('a closing 00 flipped to 01, with a 00 right after, is not taken as another LOG', () => {
    const wire = encodeFrame(log('I2C retry on slot 12'), 20);
    const flipped = Uint8Array.from(wire);
    flipped[flipped.length - 1] = 0x01;
    const decoded = decodeAll(flipped);
    expect(decoded.filter((m) => m.kind === 'log' && m.text !== 'I2C retry on slot 12')).toEqual([]);
  });

  it('no single bit flip of a LOG frame decodes to a different message (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.nat(), fc.nat(7), fc.nat(255), (text, at, bit, seq) => {
        const message = log(text.slice(0, 16));
        let wire: Uint8Array;
        try {
          wire = encodeFrame(message, seq);
        } catch {
          return; // longer than 50 bytes of UTF-8: not a frame
        }
        const flipped = Uint8Array.from(wire);
        flipped[at % flipped.length]! ^= 1 << bit;
        for (const m of decodeAll(flipped)) expect(m).toEqual(message);
      }),
      { numRuns: 20_000, interruptAfterTimeLimit: 3000 },
    );
  });
});

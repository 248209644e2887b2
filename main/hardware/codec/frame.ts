/**
 * One frame: header (type, seq, flags), payload, CRC-16 big-endian over header + payload; then
 * COBS and a 0x00 delimiter on the wire (PROTOCOL.md §Framing).
 */
import { cobsEncode } from './cobs';
import { crc16 } from './crc16';
import { PayloadError, Reader, Writer } from './fields';
import { readPayload, writePayload } from './layouts';
import { type Frame, type Message, MESSAGE_TYPES, type MessageKind } from './messages';

/** Largest frame in bytes before COBS (header + payload + CRC): one 64-byte USB full-speed packet. */
export const MAX_FRAME = 64;
export const HEADER_BYTES = 3;
export const CRC_BYTES = 2;
/** COBS code byte + 0x00 delimiter: a frame of n bytes is n + 2 on the wire (all v1 frames are < 254 bytes). */
export const WIRE_OVERHEAD = 2;

const KIND_OF_TYPE = new Map<number, MessageKind>(
  Object.entries(MESSAGE_TYPES).map(([kind, type]) => [type, kind as MessageKind]),
);

/** The message kind a type byte stands for, or undefined for a type v1 does not know. */
export function kindOfType(type: number): MessageKind | undefined {
  return KIND_OF_TYPE.get(type);
}

export type MessageDirection = 'rack→host' | 'host→rack' | 'both';

/** Who sends a message kind, from its type range: 0x01–0x3F rack → host, 0x40–0x6F host → rack, 0x7E/0x7F both. */
export function messageDirection(kind: MessageKind): MessageDirection {
  const type = MESSAGE_TYPES[kind];
  if (type < 0x40) return 'rack→host';
  if (type < 0x70) return 'host→rack';
  return 'both';
}

function checkByte(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xff) throw new RangeError(`${name} = ${value}: not an integer in 0..255`);
}

/** Header + payload + CRC of one message: the bytes COBS encodes. Throws RangeError on a value out of range. */
export function encodeFrameBody(message: Message, seq: number, flags = 0): Uint8Array {
  checkByte(seq, 'seq');
  checkByte(flags, 'flags');
  const type = MESSAGE_TYPES[message.kind];
  if (type === undefined) throw new RangeError(`message kind ${JSON.stringify(message.kind)} is not in protocol v1`);
  const body = new Uint8Array(MAX_FRAME);
  const w = new Writer(body.subarray(0, MAX_FRAME - CRC_BYTES));
  w.u8(type);
  w.u8(seq);
  w.u8(flags);
  writePayload(w, message);
  const end = w.written;
  const crc = crc16(body, 0, end);
  body[end] = crc >> 8;
  body[end + 1] = crc & 0xff;
  return body.slice(0, end + CRC_BYTES);
}

/** Wire bytes of one frame: COBS(header+payload+crc) followed by 0x00. Throws RangeError on a value out of range (a bug in the caller, never input from the wire). */
export function encodeFrame(message: Message, seq: number, flags = 0): Uint8Array {
  const encoded = cobsEncode(encodeFrameBody(message, seq, flags));
  const wire = new Uint8Array(encoded.length + 1);
  wire.set(encoded);
  return wire; // the last byte stays 0x00: the delimiter
}

/** Why a frame body was dropped. `value`: an enumeration index or UTF-8 text the layout does not allow. */
export type FrameBodyError = { error: 'crc' | 'length' | 'unknown-type' | 'value'; type?: number; seq?: number };

/** A COBS-decoded frame body (header + payload + CRC) checked and decoded; never throws. */
export function decodeFrameBody(body: Uint8Array): Frame | FrameBodyError {
  if (body.length < HEADER_BYTES + CRC_BYTES) return { error: 'length' };
  // The CRC is sent big-endian after the data, so the CRC over an intact frame, CRC included, is 0.
  if (crc16(body) !== 0) return { error: 'crc' };
  const type = body[0]!;
  const seq = body[1]!;
  const flags = body[2]!;
  const kind = kindOfType(type);
  if (kind === undefined) return { error: 'unknown-type', type, seq };
  try {
    const message = readPayload(kind, new Reader(body, HEADER_BYTES, body.length - CRC_BYTES));
    return { seq, flags, message };
  } catch (error) {
    if (error instanceof PayloadError) return { error: error.reason, type, seq };
    throw error;
  }
}

/**
 * Protocol v1 codec: the public API of main/hardware/codec (pure: runs in main, a worker, the
 * virtual rack or a test). resources/protocol/PROTOCOL.md describes the same bytes for firmware.
 */
export * from './messages';
export * from './case-state';
export { encodeFrame, encodeFrameBody, decodeFrameBody, kindOfType, messageDirection, MAX_FRAME, WIRE_OVERHEAD } from './frame';
export type { FrameBodyError, MessageDirection } from './frame';
export { FrameDecoder } from './decoder';
export type { DecoderStats, FrameDecoderOptions, RejectReason } from './decoder';
export { describeMessage } from './describe';
export { HELLO_NAME_MAX_BYTES, LOG_TEXT_MAX_BYTES, SET_LEDS_MAX_LEVELS, payloadBytes } from './layouts';
export type { MessageOf } from './layouts';
export { cobsDecode, cobsEncode } from './cobs';
export { crc16 } from './crc16';
export { SnapshotAssembler } from './snapshot';
export type { SnapshotProgress } from './snapshot';

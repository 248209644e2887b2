/**
 * Streaming frame decoder: bytes in any split → whole, checked frames. Anything else (garbage,
 * a truncated or corrupted frame, an unknown type) is counted and dropped, and decoding resyncs
 * at the next 0x00 delimiter. Memory is bounded: a run without a delimiter longer than
 * 2 × maxFrame is dropped as it arrives.
 */
import { cobsDecode } from './cobs';
import { decodeFrameBody, MAX_FRAME, WIRE_OVERHEAD } from './frame';
import type { Frame } from './messages';

export interface DecoderStats {
  /** Whole, valid frames returned. */
  frames: number;
  crcErrors: number;
  /** Broken COBS (a truncated frame, a stray byte) or a field value out of its set (enumeration, UTF-8). */
  malformed: number;
  /** A payload shorter or longer than its message kind's layout. */
  badLength: number;
  unknownType: number;
  /** Runs longer than maxFrame (with a delimiter) or 2 × maxFrame (without one). */
  oversize: number;
  /** Every non-delimiter byte that did not end up in a returned frame. */
  bytesDiscarded: number;
}

export interface FrameDecoderOptions {
  /** Largest frame before COBS (default 64, every v1 frame fits). */
  maxFrame?: number;
  /**
   * Called for a frame whose CRC is good (so its type and seq can be trusted) that is still refused:
   * a type v1 does not know, a payload of the wrong length, or a value out of range. The rack NACKs
   * it (unknown-type, bad-length, bad-index); the host ignores it.
   */
  onRejected?: (reason: RejectReason, type: number, seq: number) => void;
}

export type RejectReason = 'unknown-type' | 'length' | 'value';

export class FrameDecoder {
  private readonly maxFrame: number;
  private readonly onRejected: FrameDecoderOptions['onRejected'];
  /** Bytes since the last delimiter; never more than 2 × maxFrame. */
  private readonly pending: Uint8Array;
  private pendingLength = 0;
  /** Inside an overlong run: drop everything up to the next delimiter. */
  private skipping = false;
  private readonly counts: DecoderStats = {
    frames: 0,
    crcErrors: 0,
    malformed: 0,
    badLength: 0,
    unknownType: 0,
    oversize: 0,
    bytesDiscarded: 0,
  };

  constructor(options: FrameDecoderOptions = {}) {
    this.maxFrame = options.maxFrame ?? MAX_FRAME;
    this.onRejected = options.onRejected;
    this.pending = new Uint8Array(this.maxFrame * 2);
  }

  /** A copy of the counters so far. */
  get stats(): DecoderStats {
    return { ...this.counts };
  }

  /** Feeds bytes as they arrive (any split); returns the whole, valid frames completed by them. Never throws. */
  push(chunk: Uint8Array): Frame[] {
    const frames: Frame[] = [];
    let start = 0;
    while (start < chunk.length) {
      const delimiter = chunk.indexOf(0, start);
      const end = delimiter < 0 ? chunk.length : delimiter;
      this.take(chunk, start, end);
      if (delimiter < 0) break;
      this.endOfFrame(frames);
      start = delimiter + 1;
    }
    return frames;
  }

  /** Appends `chunk[start, end)` (no delimiters) to the pending frame, or drops it in an overlong run. */
  private take(chunk: Uint8Array, start: number, end: number): void {
    const length = end - start;
    if (length === 0) return;
    if (this.skipping) {
      this.counts.bytesDiscarded += length;
      return;
    }
    if (this.pendingLength + length > this.pending.length) {
      this.counts.oversize++;
      this.counts.bytesDiscarded += this.pendingLength + length;
      this.pendingLength = 0;
      this.skipping = true;
      return;
    }
    this.pending.set(chunk.subarray(start, end), this.pendingLength);
    this.pendingLength += length;
  }

  private endOfFrame(frames: Frame[]): void {
    const length = this.pendingLength;
    this.pendingLength = 0;
    if (this.skipping) {
      this.skipping = false;
      return;
    }
    // An empty frame is a lone delimiter (the host sends one on open to flush): nothing to count.
    if (length === 0) return;
    const frame = this.decode(length);
    if (frame) {
      this.counts.frames++;
      frames.push(frame);
    } else {
      this.counts.bytesDiscarded += length;
    }
  }

  private decode(length: number): Frame | null {
    if (length > this.maxFrame + WIRE_OVERHEAD - 1) {
      this.counts.oversize++;
      return null;
    }
    const body = cobsDecode(this.pending, 0, length);
    if (!body) {
      this.counts.malformed++;
      return null;
    }
    const result = decodeFrameBody(body);
    if (!('error' in result)) return result;
    switch (result.error) {
      case 'crc':
        this.counts.crcErrors++;
        return null;
      case 'length':
        this.counts.badLength++;
        break;
      case 'value':
        this.counts.malformed++;
        break;
      case 'unknown-type':
        this.counts.unknownType++;
        break;
    }
    // A body too short to hold a header has no type or seq to report.
    if (result.type !== undefined && result.seq !== undefined) this.notifyRejected(result.error, result.type, result.seq);
    return null;
  }

  private notifyRejected(reason: RejectReason, type: number, seq: number): void {
    try {
      this.onRejected?.(reason, type, seq);
    } catch {
      // A throwing listener must not break decoding: push() never throws.
    }
  }
}

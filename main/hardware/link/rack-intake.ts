/**
 * The receiving end of one connection: bytes → frames, the rack's sequence numbers (duplicates,
 * gaps, frames skipped for an unknown type) and the decoder's counters folded into the link's.
 * LinkSession decides what a gap means; this only tells it one happened.
 */
import { type DecoderStats, type Frame, FrameDecoder } from '../codec';
import type { LinkCounters } from '../mirror/types';

export type SeqVerdict = 'next' | 'duplicate' | 'gap';

export class RackIntake {
  private readonly decoder: FrameDecoder;
  private seenStats: DecoderStats;
  /** Seqs of frames skipped for an unknown type (a newer minor version): not gaps. */
  private readonly unknownSeqs = new Set<number>();
  private lastSeq: number | null = null;

  constructor() {
    this.decoder = new FrameDecoder({
      onRejected: (reason, _type, seq) => reason === 'unknown-type' && this.unknownSeqs.add(seq),
    });
    this.seenStats = this.decoder.stats;
  }

  push(chunk: Uint8Array): Frame[] {
    return this.decoder.push(chunk);
  }

  /** Where `seq` stands against the previous frame; it becomes the previous frame. */
  check(seq: number): SeqVerdict {
    const last = this.lastSeq;
    if (last === seq) return 'duplicate';
    this.lastSeq = seq;
    if (last === null) return 'next';
    let expected = (last + 1) & 0xff;
    while (this.unknownSeqs.delete(expected)) expected = (expected + 1) & 0xff;
    if (this.unknownSeqs.size > 256) this.unknownSeqs.clear();
    return seq === expected ? 'next' : 'gap';
  }

  /**
   * A hello at `seq`: true when it continues the rack's seq run (another answer to a hello-req),
   * false when it breaks it (the bridge rebooted) or is the first. Starts a fresh run either way.
   */
  helloContinuesRun(seq: number): boolean {
    const continues = this.lastSeq !== null && seq === ((this.lastSeq + 1) & 0xff);
    this.lastSeq = seq;
    this.unknownSeqs.clear();
    return continues;
  }

  /** Adds what the decoder counted since the last call to `counters` (when `count`); true if they moved. */
  foldStats(counters: LinkCounters, count: boolean): boolean {
    const stats = this.decoder.stats;
    const seen = this.seenStats;
    this.seenStats = stats;
    if (!count) return false;
    const before = counters.framesIn + counters.crcErrors + counters.malformed;
    counters.framesIn += stats.frames - seen.frames;
    counters.crcErrors += stats.crcErrors - seen.crcErrors;
    counters.malformed +=
      stats.malformed - seen.malformed + (stats.badLength - seen.badLength) + (stats.oversize - seen.oversize);
    return counters.framesIn + counters.crcErrors + counters.malformed !== before;
  }
}

/**
 * Fault injection on the rack → host byte stream, as a USB bridge with an overflowing buffer or a
 * bad cable would do it: each byte is dropped or has one bit flipped with the given probability.
 * Seeded (the simulator's mulberry32), so a failing test replays exactly.
 */
import { Rng } from '../../sim/core/rng';
import type { FaultSettings } from './types';

export const NO_FAULTS: FaultSettings = { dropRate: 0, corruptRate: 0, delayMs: 0 };

export interface FaultCounts {
  bytesDropped: number;
  bytesCorrupted: number;
}

export class ByteFaults {
  private readonly rng: Rng;
  readonly counts: FaultCounts = { bytesDropped: 0, bytesCorrupted: 0 };

  constructor(seed: number) {
    this.rng = new Rng(seed);
  }

  /** The bytes as they reach the host; the input is not changed. */
  apply(bytes: Uint8Array, settings: FaultSettings): Uint8Array {
    if (settings.dropRate <= 0 && settings.corruptRate <= 0) return bytes;
    const out = new Uint8Array(bytes.length);
    let n = 0;
    for (const byte of bytes) {
      if (settings.dropRate > 0 && this.rng.next() < settings.dropRate) {
        this.counts.bytesDropped++;
        continue;
      }
      if (settings.corruptRate > 0 && this.rng.next() < settings.corruptRate) {
        this.counts.bytesCorrupted++;
        out[n++] = byte ^ (1 << Math.floor(this.rng.next() * 8));
        continue;
      }
      out[n++] = byte;
    }
    return out.subarray(0, n);
  }
}

/** Fault settings checked: rates 0..1, delay ≥ 0. Throws a message naming the field. */
export function checkFaults(settings: FaultSettings): FaultSettings {
  for (const key of ['dropRate', 'corruptRate'] as const)
    if (!(settings[key] >= 0 && settings[key] <= 1))
      throw new RangeError(`faults.${key} is a probability 0..1, got ${settings[key]}`);
  if (!(settings.delayMs >= 0)) throw new RangeError(`faults.delayMs is ≥ 0 ms, got ${settings.delayMs}`);
  return settings;
}

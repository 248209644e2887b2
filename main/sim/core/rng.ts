/**
 * The simulator's one random source: mulberry32, a 32-bit seeded generator whose whole state is
 * one integer, so a simulation can be copied, compared and replayed exactly.
 */

export class Rng {
  constructor(private state: number) {
    this.state = state >>> 0;
  }

  /** The next value in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** `ms` scaled by a factor in 1 ± jitter. */
  jittered(ms: number, jitter: number): number {
    return ms * (1 + jitter * (this.next() * 2 - 1));
  }

  /** The generator's state, to hash or restore. */
  get seed(): number {
    return this.state;
  }
}

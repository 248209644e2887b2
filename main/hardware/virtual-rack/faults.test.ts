import { describe, expect, it } from 'vitest';
import { ByteFaults, checkFaults, NO_FAULTS } from './faults';

const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => i & 0xff);

describe('ByteFaults', () => {
  it('passes bytes through untouched without faults', () => {
    expect(new ByteFaults(1).apply(bytes, NO_FAULTS)).toBe(bytes);
  });

  it('drops and corrupts about the asked share of bytes, the same way for the same seed', () => {
    const settings = { dropRate: 0.01, corruptRate: 0.02, delayMs: 0 };
    const a = new ByteFaults(7);
    const out = a.apply(bytes, settings);
    expect(Array.from(out)).toEqual(Array.from(new ByteFaults(7).apply(bytes, settings)));
    expect(out.length).toBe(bytes.length - a.counts.bytesDropped);
    expect(a.counts.bytesDropped).toBeGreaterThan(50);
    expect(a.counts.bytesDropped).toBeLessThan(150);
    expect(a.counts.bytesCorrupted).toBeGreaterThan(120);
    expect(a.counts.bytesCorrupted).toBeLessThan(280);
    expect(Array.from(new ByteFaults(8).apply(bytes, settings))).not.toEqual(Array.from(out));
  });

  it('flips exactly one bit of a corrupted byte', () => {
    const out = new ByteFaults(3).apply(new Uint8Array(1000), { dropRate: 0, corruptRate: 1, delayMs: 0 });
    expect(Array.from(out).every((b) => b !== 0 && (b & (b - 1)) === 0)).toBe(true);
  });

  it('checks its settings', () => {
    expect(() => checkFaults({ dropRate: 2, corruptRate: 0, delayMs: 0 })).toThrow(/dropRate is a probability/);
    expect(() => checkFaults({ dropRate: 0, corruptRate: 0, delayMs: -1 })).toThrow(/delayMs/);
  });
});

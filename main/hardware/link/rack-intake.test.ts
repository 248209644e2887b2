import { describe, expect, it } from 'vitest';
import { cobsEncode, crc16, encodeFrame } from '../codec';
import { emptyCounters } from '../mirror/types';
import { RackIntake } from './rack-intake';

/** A frame with a good CRC and a type v1 does not know (a newer minor version's message). */
function unknownTypeFrame(seq: number): Uint8Array {
  const body = [0x3e, seq, 0, 7];
  const crc = crc16(Uint8Array.from(body));
  return Uint8Array.of(...cobsEncode(Uint8Array.of(...body, crc >> 8, crc & 0xff)), 0);
}

describe('RackIntake', () => {
  it('tells duplicates and gaps apart, wraps at 255, and does not count a skipped unknown type as a gap', () => {
    const intake = new RackIntake();
    expect(intake.check(254)).toBe('next');
    expect(intake.check(255)).toBe('next');
    expect(intake.check(255)).toBe('duplicate');
    expect(intake.check(0)).toBe('next');
    expect(intake.push(unknownTypeFrame(1))).toEqual([]);
    expect(intake.check(2)).toBe('next');
    expect(intake.check(4)).toBe('gap');
  });

  it('starts a new run at a hello that breaks the old one (a rebooted bridge)', () => {
    const intake = new RackIntake();
    expect(intake.helloContinuesRun(9)).toBe(false);
    expect(intake.check(10)).toBe('next');
    expect(intake.helloContinuesRun(11)).toBe(true);
    expect(intake.helloContinuesRun(0)).toBe(false);
    expect(intake.check(1)).toBe('next');
  });

  it('folds decoder counts into the link counters only when asked to count', () => {
    const intake = new RackIntake();
    const counters = emptyCounters();
    intake.push(Uint8Array.of(1, 2, 3, 0)); // junk before the hello
    expect(intake.foldStats(counters, false)).toBe(false);
    expect(counters).toEqual(emptyCounters());
    const good = encodeFrame({ kind: 'pong', token: 1 }, 5);
    const body = Uint8Array.of(0x35, 6, 0, 1, 0, 0, 0); // a pong, then a CRC that does not match
    const bad = Uint8Array.of(...cobsEncode(Uint8Array.of(...body, 0x12, 0x34)), 0);
    intake.push(Uint8Array.of(...good, ...bad));
    expect(intake.foldStats(counters, true)).toBe(true);
    expect(counters).toMatchObject({ framesIn: 1, crcErrors: 1, malformed: 0 });
  });
});

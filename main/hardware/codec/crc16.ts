/**
 * CRC-16/CCITT-FALSE (a.k.a. CRC-16/IBM-3740, AUTOSAR): poly 0x1021, init 0xFFFF, no reflection,
 * xorout 0x0000; check value 0x29B1 for ASCII "123456789". Hamming distance 4 far beyond our
 * ≤ 64-byte frames, and every burst ≤ 16 bits (../../../../shared/reference/serial-link.md §1).
 * Sent big-endian after the data, so the CRC over a whole intact frame is 0.
 *
 * Table-driven, one table lookup per byte (the same 256-entry table as PROTOCOL.md's C snippet).
 */
const POLY = 0x1021;

const TABLE = (() => {
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ POLY) & 0xffff : (crc << 1) & 0xffff;
    table[byte] = crc;
  }
  return table;
})();

export const CRC16_INIT = 0xffff;

/** CRC-16/CCITT-FALSE of `data[start, end)`. */
export function crc16(data: Uint8Array, start = 0, end = data.length): number {
  let crc = CRC16_INIT;
  for (let i = start; i < end; i++) crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ data[i]!) & 0xff]!;
  return crc;
}

/** The 256-entry table, for the doc's C snippet test. */
export function crc16Table(): readonly number[] {
  return Array.from(TABLE);
}

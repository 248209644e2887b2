/**
 * Consistent Overhead Byte Stuffing (Cheshire & Baker, 1999): removes every 0x00 from a frame so
 * 0x00 can delimit frames on the wire and a receiver resyncs at the next one after garbage.
 * Overhead is one code byte per started 254 non-zero bytes (+1 byte for any v1 frame, all ≤ 64 B).
 *
 * Owned here rather than taken from npm: the `cobs` package is unmaintained and Buffer-based, and
 * this code must stay pure (Uint8Array only) to run in the renderer and in workers too.
 */

/** Largest run a code byte can describe: 0xFF = 254 data bytes and no zero after them. */
const MAX_CODE = 0xff;

/** COBS-encodes `data` (without the trailing 0x00 delimiter). Canonical form: no empty block after a final 254-byte run. */
export function cobsEncode(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length + Math.ceil(data.length / 254) + 1);
  let codeAt = 0;
  let code = 1;
  let o = 1;
  for (let i = 0; i < data.length; i++) {
    const byte = data[i]!;
    if (byte === 0) {
      out[codeAt] = code;
      codeAt = o++;
      code = 1;
      continue;
    }
    out[o++] = byte;
    code++;
    // A full block ends here; open another only if bytes follow (the canonical encoding).
    if (code === MAX_CODE && i < data.length - 1) {
      out[codeAt] = code;
      codeAt = o++;
      code = 1;
    }
  }
  out[codeAt] = code;
  return out.subarray(0, o);
}

/**
 * Decodes one COBS block sequence `data[start, end)` (the bytes between two delimiters).
 * Returns null when it is malformed: a 0x00 inside, or a code byte pointing past the end
 * (a truncated frame).
 */
export function cobsDecode(data: Uint8Array, start = 0, end = data.length): Uint8Array | null {
  const out = new Uint8Array(Math.max(0, end - start));
  let o = 0;
  let i = start;
  while (i < end) {
    const code = data[i++]!;
    if (code === 0 || i + code - 1 > end) return null;
    for (let k = 1; k < code; k++) {
      const byte = data[i++]!;
      if (byte === 0) return null;
      out[o++] = byte;
    }
    // Every block but a full one stands for a zero after its data, except the implicit one at the very end.
    if (code !== MAX_CODE && i < end) out[o++] = 0;
  }
  return out.subarray(0, o);
}

/**
 * RIFF/WAVE for 16-bit PCM: the offline render's file, and its reader for tests and tools.
 * Pure: bytes in, bytes out.
 */

export interface Pcm {
  rate: number;
  channels: number;
  /** Interleaved samples. */
  samples: Int16Array;
}

/** A canonical 44-byte-header WAV around `pcm` (little-endian 16-bit samples). */
export function encodeWav(pcm: Uint8Array, rate: number, channels = 2): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * channels * 2, 28);
  header.writeUInt16LE(channels * 2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}

/** Reads a 16-bit PCM WAV; throws naming what is wrong. */
export function decodeWav(bytes: Uint8Array): Pcm {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE')
    throw new Error('not a RIFF/WAVE file');
  let rate = 0;
  let channels = 0;
  for (let at = 12; at + 8 <= buf.length;) {
    const id = buf.toString('ascii', at, at + 4);
    const size = buf.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === 'fmt ') {
      if (buf.readUInt16LE(body) !== 1 || buf.readUInt16LE(body + 14) !== 16) throw new Error('only 16-bit PCM is read');
      channels = buf.readUInt16LE(body + 2);
      rate = buf.readUInt32LE(body + 4);
    } else if (id === 'data') {
      if (!rate) throw new Error('the data chunk comes before fmt');
      const end = Math.min(buf.length, body + size);
      const copy = new Int16Array(Math.floor((end - body) / 2));
      for (let i = 0; i < copy.length; i++) copy[i] = buf.readInt16LE(body + i * 2);
      return { rate, channels, samples: copy };
    }
    at = body + size + (size & 1);
  }
  throw new Error('no data chunk');
}

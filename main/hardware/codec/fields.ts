/**
 * Field codecs: how one field of a payload is written and read. Payload layouts (layouts.ts) are
 * lists of these, so every message kind shares the same range checks and byte order
 * (little-endian for multi-byte numbers, as PROTOCOL.md §Header says).
 */

/** A field value the wire cannot carry: a bug in the caller, never input from the wire. */
function outOfRange(path: string, value: unknown, what: string): RangeError {
  return new RangeError(`${path} = ${JSON.stringify(value)}: ${what}`);
}

/** Payload bytes that do not match the layout: too few, too many, or a value outside its set. */
export class PayloadError extends Error {
  constructor(readonly reason: 'length' | 'value') {
    super(reason);
  }
}

export class Writer {
  private length = 0;
  constructor(private readonly bytes: Uint8Array) {}

  u8(value: number): void {
    if (this.length >= this.bytes.length) throw new RangeError(`frame longer than ${this.bytes.length} bytes`);
    this.bytes[this.length++] = value;
  }

  get written(): number {
    return this.length;
  }
}

export class Reader {
  private at: number;
  constructor(
    private readonly bytes: Uint8Array,
    start: number,
    private readonly end: number,
  ) {
    this.at = start;
  }

  u8(): number {
    if (this.at >= this.end) throw new PayloadError('length');
    return this.bytes[this.at++]!;
  }

  get remaining(): number {
    return this.end - this.at;
  }
}

export interface FieldCodec<T> {
  write(w: Writer, value: T, path: string): void;
  read(r: Reader): T;
  /** Largest encoded size in bytes (for the doc's byte budgets). */
  readonly maxBytes: number;
  /** Smallest encoded size in bytes. */
  readonly minBytes: number;
}

function unsigned(bytes: 1 | 2 | 4): FieldCodec<number> {
  const max = 2 ** (8 * bytes) - 1;
  return {
    maxBytes: bytes,
    minBytes: bytes,
    write(w, value, path) {
      if (!Number.isInteger(value) || value < 0 || value > max) throw outOfRange(path, value, `not an integer in 0..${max}`);
      for (let i = 0; i < bytes; i++) w.u8(Math.floor(value / 2 ** (8 * i)) & 0xff);
    },
    read(r) {
      let value = 0;
      for (let i = 0; i < bytes; i++) value += r.u8() * 2 ** (8 * i);
      return value;
    },
  };
}

export const u8 = unsigned(1);
export const u16 = unsigned(2);
export const u32 = unsigned(4);

/** An enumeration sent as its index in `values` (one byte). */
export function enumeration<T extends string>(values: readonly T[]): FieldCodec<T> {
  return {
    maxBytes: 1,
    minBytes: 1,
    write(w, value, path) {
      const index = values.indexOf(value);
      if (index < 0) throw outOfRange(path, value, `not one of ${values.join(', ')}`);
      w.u8(index);
    },
    read(r) {
      const value = values[r.u8()];
      if (value === undefined) throw new PayloadError('value');
      return value;
    },
  };
}

export const bool: FieldCodec<boolean> = {
  maxBytes: 1,
  minBytes: 1,
  write(w, value, path) {
    if (typeof value !== 'boolean') throw outOfRange(path, value, 'not a boolean');
    w.u8(value ? 1 : 0);
  },
  read(r) {
    const byte = r.u8();
    if (byte > 1) throw new PayloadError('value');
    return byte === 1;
  },
};

/** A fixed number of bytes as a tuple of numbers (firmware version, rgb). */
export function byteTuple<T extends number[]>(length: T['length'] & number): FieldCodec<T> {
  return {
    maxBytes: length,
    minBytes: length,
    write(w, value, path) {
      if (!Array.isArray(value) || value.length !== length) throw outOfRange(path, value, `not ${length} bytes`);
      value.forEach((byte, i) => u8.write(w, byte, `${path}[${i}]`));
    },
    read(r) {
      return Array.from({ length }, () => r.u8()) as T;
    },
  };
}

/** An opaque id of `bytes` bytes written in the order its lowercase hex digits read (not a number: no byte swap). */
export function hexId(bytes: number): FieldCodec<string> {
  const pattern = new RegExp(`^[0-9a-f]{${bytes * 2}}$`);
  return {
    maxBytes: bytes,
    minBytes: bytes,
    write(w, value, path) {
      if (typeof value !== 'string' || !pattern.test(value))
        throw outOfRange(path, value, `not ${bytes * 2} lowercase hex digits`);
      for (let i = 0; i < bytes; i++) w.u8(parseInt(value.slice(2 * i, 2 * i + 2), 16));
    },
    read(r) {
      let hex = '';
      for (let i = 0; i < bytes; i++) hex += r.u8().toString(16).padStart(2, '0');
      return hex;
    },
  };
}

const utf8 = new TextEncoder();
// fatal: a cut or invalid sequence rejects the frame instead of growing into U+FFFD replacements
// that would no longer fit the field when sent on.
const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8Strict.decode(bytes);
  } catch {
    throw new PayloadError('value');
  }
}

function encodeText(value: string, maxBytes: number, path: string): Uint8Array {
  if (typeof value !== 'string') throw outOfRange(path, value, 'not a string');
  const bytes = utf8.encode(value);
  if (bytes.length > maxBytes) throw outOfRange(path, value, `${bytes.length} bytes of UTF-8, at most ${maxBytes}`);
  return bytes;
}

/**
 * UTF-8 text after a one-byte length (the HELLO name, the LOG text). Never "the rest of the
 * payload": a frame that grew by a byte (a flipped delimiter) must fail its length check.
 */
export function shortText(maxBytes: number): FieldCodec<string> {
  return {
    maxBytes: 1 + maxBytes,
    minBytes: 1,
    write(w, value, path) {
      const bytes = encodeText(value, maxBytes, path);
      w.u8(bytes.length);
      bytes.forEach((byte) => w.u8(byte));
    },
    read(r) {
      const length = r.u8();
      if (length > maxBytes) throw new PayloadError('length');
      return decodeUtf8(Uint8Array.from({ length }, () => r.u8()));
    },
  };
}

/** Bytes after a one-byte count (SET_LEDS levels). */
export function countedBytes(maxCount: number): FieldCodec<number[]> {
  return {
    maxBytes: 1 + maxCount,
    minBytes: 1,
    write(w, value, path) {
      if (!Array.isArray(value) || value.length > maxCount) throw outOfRange(path, value, `not a list of at most ${maxCount}`);
      w.u8(value.length);
      value.forEach((byte, i) => u8.write(w, byte, `${path}[${i}]`));
    },
    read(r) {
      const count = r.u8();
      if (count > maxCount) throw new PayloadError('length');
      return Array.from({ length: count }, () => r.u8());
    },
  };
}

/** A jack address: slot then jack, one byte each. */
export const jackAddress: FieldCodec<{ slot: number; jack: number }> = {
  maxBytes: 2,
  minBytes: 2,
  write(w, value, path) {
    if (typeof value !== 'object' || value === null) throw outOfRange(path, value, 'not a jack address');
    u8.write(w, value.slot, `${path}.slot`);
    u8.write(w, value.jack, `${path}.jack`);
  },
  read(r) {
    return { slot: r.u8(), jack: r.u8() };
  },
};

/**
 * The one way a file given by the user is read (open, import, the CLI's inputs): only a regular
 * file, and at most `maxBytes` of it. A device such as /dev/zero would be read until memory runs
 * out, and a FIFO would block one of libuv's four file threads forever (four of them and every
 * save hangs), so the file is opened with O_NONBLOCK (opening a FIFO then returns at once) and
 * checked with fstat on the open handle (no race with a rename) before one byte is read.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { formatBytes } from '../patch/input-budget';
import { describeFsError } from './fs-errors';

export type BoundedRead = { ok: true; bytes: Buffer } | { ok: false; reason: string };

/** O_NONBLOCK is POSIX; Windows has no FIFOs to block on. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Reads a regular file of at most `maxBytes`; the reason is a phrase ("it is a folder, not a file"). */
export async function readRegularFile(path: string, maxBytes: number): Promise<BoundedRead> {
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    return { ok: false, reason: describeFsError(error) };
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) return { ok: false, reason: 'it is a folder, not a file' };
    if (!info.isFile()) return { ok: false, reason: 'it is not a regular file (a device, FIFO or socket)' };
    if (info.size > maxBytes) return { ok: false, reason: tooLarge(info.size, maxBytes) };
    // The size can change while reading: never read past the limit whatever stat said.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) return { ok: false, reason: tooLarge(total, maxBytes) };
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return { ok: true, bytes: Buffer.concat(chunks, total) };
  } catch (error) {
    return { ok: false, reason: describeFsError(error) };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function tooLarge(size: number, limit: number): string {
  return `at ${formatBytes(size)} it is over the limit of ${formatBytes(limit)}`;
}

/**
 * UTF-8 bytes as text, without a leading byte-order mark. Invalid sequences become U+FFFD as
 * before, but now with a warning: the file will not be saved back as it was.
 */
export function decodeText(bytes: Uint8Array, name: string): { text: string; warnings: string[] } {
  let text: string;
  const warnings: string[] = [];
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    let replaced = 0;
    for (const c of text) if (c === '\ufffd') replaced++;
    warnings.push(
      `${name} is not valid UTF-8: ${replaced === 1 ? 'one character was' : `${replaced} characters were`} replaced with "\ufffd". Saving writes the replacement, not the original bytes.`,
    );
  }
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, warnings };
}

/** Reads a regular UTF-8 text file of at most `maxBytes`. */
export async function readTextFile(
  path: string,
  name: string,
  maxBytes: number,
): Promise<{ ok: true; text: string; warnings: string[] } | { ok: false; reason: string }> {
  const read = await readRegularFile(path, maxBytes);
  return read.ok ? { ok: true, ...decodeText(read.bytes, name) } : read;
}

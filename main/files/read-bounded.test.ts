import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeText, readRegularFile } from './read-bounded';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'read-bounded-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('readRegularFile', () => {
  it('refuses a FIFO without blocking, a device, and a folder', async () => {
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    expect(await readRegularFile(fifo, 1024)).toEqual({ ok: false, reason: expect.stringContaining('not a regular file') });
    expect(await readRegularFile('/dev/urandom', 1024)).toEqual({
      ok: false,
      reason: expect.stringContaining('not a regular file'),
    });
    expect(await readRegularFile(dir, 1024)).toEqual({ ok: false, reason: 'it is a folder, not a file' });
  });

  it('reads at most the limit, naming it', async () => {
    const file = path.join(dir, 'big');
    await writeFile(file, 'x'.repeat(2048));
    expect(await readRegularFile(file, 2048)).toMatchObject({ ok: true });
    expect(await readRegularFile(file, 2047)).toEqual({ ok: false, reason: expect.stringContaining('over the limit of 2 KiB') });
  });

  it('names a missing file', async () => {
    expect(await readRegularFile(path.join(dir, 'none'), 10)).toEqual({ ok: false, reason: 'no such file or folder (ENOENT)' });
  });
});

describe('decodeText', () => {
  it('drops a byte-order mark and warns about invalid UTF-8', () => {
    expect(decodeText(Buffer.from('\ufeff{}'), 'a')).toEqual({ text: '{}', warnings: [] });
    const bad = decodeText(Uint8Array.of(0x7b, 0xe9, 0x7d), 'b.k8spatch');
    expect(bad.text).toBe('{\ufffd}');
    expect(bad.warnings).toEqual([expect.stringContaining('b.k8spatch is not valid UTF-8: one character')]);
  });
});

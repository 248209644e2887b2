import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadNativeAudio } from './native-audio';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('loadNativeAudio (the silent path)', () => {
  it('gives a reason, not an exception, when the addon is not built', () => {
    const result = loadNativeAudio(path.join(tmpdir(), 'no-such-dir', 'native_audio.node'));
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/is not built .*npm run build:audio/) });
  });

  it('gives a reason when the file is not a loadable addon, and another when it lacks the interface', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'native-audio-'));
    dirs.push(dir);
    const broken = path.join(dir, 'broken.node');
    await writeFile(broken, 'not an ELF file');
    expect(loadNativeAudio(broken)).toEqual({
      ok: false,
      reason: expect.stringMatching(/^the native-audio addon did not load \(/),
    });
    const old = path.join(dir, 'old.cjs');
    await writeFile(old, 'module.exports = { render() {} };');
    expect(loadNativeAudio(old)).toEqual({ ok: false, reason: expect.stringMatching(/is out of date \(no open, close, push/) });
  });
});

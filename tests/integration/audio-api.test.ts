/**
 * The sound's requests through the real rack's dispatcher (zod schemas in front, a real
 * history.sqlite): Export audio renders an imported performance to the same bytes as the offline
 * render, refuses what it cannot do with a reason, and master volume is validated.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPerformance } from '../../main/audio/offline-render';
import type { Rack } from '../../main/rack';
import { addonOrSkip, DEMO_FILE, demoPerformance } from '../helpers/audio';
import { moduleCatalog } from '../helpers/module-catalog';
import { tempDir, testRack } from './helpers/transports';

const addon = addonOrSkip('Export audio');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function rackIn(): Promise<{ rack: Rack; dir: string }> {
  const { dir, remove } = await tempDir();
  const { rack } = await testRack(dir);
  cleanups.push(remove, () => rack.close());
  return { rack, dir };
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.skipIf(!addon)('performance.exportAudio', () => {
  it('renders an imported performance to a WAV, the same bytes as the offline render', async () => {
    const { rack, dir } = await rackIn();
    const call = (name: string, input: unknown) => rack.dispatcher.dispatch(name, input);
    const imported = (await call('performance.import', { path: DEMO_FILE })) as { ok: true; performance: { id: number } };
    expect(imported).toMatchObject({ ok: true });
    const out = path.join(dir, 'take');
    const result = await call('performance.exportAudio', { id: imported.performance.id, path: out });
    expect(result).toEqual({ ok: true, path: `${out}.wav`, seconds: 62 });
    const direct = renderPerformance(addon!, demoPerformance(moduleCatalog()), moduleCatalog(), { rate: 48000 }).wav;
    expect(sha(await readFile(`${out}.wav`))).toBe(sha(direct));
    expect(await call('performance.exportAudio', { id: 99, path: out })).toEqual({
      ok: false,
      error: 'There is no performance 99.',
    });
  }, 60_000);

  it('rejects a bad rate or volume at the contract, and reports the output state', async () => {
    const { rack } = await rackIn();
    const call = (name: string, input: unknown) => rack.dispatcher.dispatch(name, input);
    await expect(call('performance.exportAudio', { id: 1, path: '/tmp/x.wav', rate: 3 })).rejects.toThrow(/rate/);
    await expect(call('audio.master', { volume: 7 })).rejects.toThrow(/volume/);
    expect(await call('audio.state', {})).toMatchObject({ state: 'off', volume: 0.8, muted: false });
    expect(await call('audio.master', { volume: 0.5, muted: true })).toMatchObject({ volume: 0.5, muted: true });
  });
});

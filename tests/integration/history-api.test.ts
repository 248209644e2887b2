/**
 * The history and performance requests through the real rack's dispatcher (the contract's zod
 * schemas in front, a real history.sqlite in a temp data dir): versions, preview, restore as an
 * undoable step, diff, renaming and deleting performances, and the transport refusing what the
 * renderer must not send.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Op } from '../../main/patch/ops';
import type { Rack } from '../../main/rack';
import { tempDir, testRack } from './helpers/transports';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function rackIn(): Promise<Rack> {
  const { dir, remove } = await tempDir();
  const { rack } = await testRack(dir);
  cleanups.push(remove, () => rack.close());
  return rack;
}

const pod = (id: string, hp: number): Op => ({
  type: 'add-module',
  module: { id, type: 'pod', row: 0, hp, params: {}, data: {} },
});

describe('history requests', () => {
  it('lists versions, previews one without changing anything, restores it as one undoable step, diffs two', async () => {
    const rack = await rackIn();
    const call = (name: string, input: unknown) => rack.dispatcher.dispatch(name, input);
    await call('patch.apply', { op: pod('p1', 0), source: 'ui' });
    await call('patch.apply', { op: pod('p2', 8), source: 'ui' });
    await call('patch.apply', { op: { type: 'set-param', id: 'p1', param: 'cpu', value: 500 }, source: 'ui', gesture: 'k' });
    await call('patch.apply', { op: { type: 'set-param', id: 'p1', param: 'cpu', value: 800 }, source: 'ui', gesture: 'k' });
    const list = (await call('history.versions', {})) as { head: number; versions: { version: number; label: string }[] };
    expect(list.head).toBe(4);
    expect(list.versions.map((v) => [v.version, v.label])).toEqual([
      [4, 'set cpu'],
      [2, 'add pod'],
      [1, 'add pod'],
      [0, 'start'],
    ]);
    const before = rack.session.patch;
    expect(await call('history.preview', { version: 1 })).toMatchObject({ ok: true, patch: { modules: [{ id: 'p1' }] } });
    expect(rack.session.patch).toBe(before);
    expect(await call('history.diff', { from: 1, to: 4 })).toMatchObject({
      ok: true,
      lines: ['+ pod p2', expect.stringMatching(/^pod p1 cpu: .* → 800$/)],
    });
    expect(await call('history.restore', { version: 1 })).toMatchObject({ ok: true });
    expect(rack.session.patch.modules.map((m) => m.id)).toEqual(['p1']);
    expect(rack.session.history().undoLabel).toBe('restore version 1');
    await call('undo.undo', {});
    expect(rack.session.patch).toEqual(before);
    expect(await call('history.preview', { version: 99 })).toEqual({ ok: false, error: 'There is no version 99 of this patch.' });
  });

  it('renames and deletes a performance; the one being recorded cannot be deleted', async () => {
    const rack = await rackIn();
    const call = (name: string, input: unknown) => rack.dispatcher.dispatch(name, input);
    const list = async () => ((await call('performance.list', {})) as { id: number; name: string }[]).map((p) => p.name);
    expect(await call('deck.record', { name: 'take' })).toMatchObject({ ok: true });
    await call('patch.apply', { op: pod('p1', 0), source: 'ui' });
    const id = ((await call('performance.list', {})) as { id: number }[])[0]!.id;
    expect(await call('performance.delete', { id })).toEqual({ ok: false, error: 'Stop the recording before deleting it.' });
    expect(await call('performance.rename', { id, name: 'first take' })).toEqual({ ok: true });
    expect(await call('deck.stop', {})).toMatchObject({ ok: true, state: { performance: null } });
    expect(await list()).toEqual(['first take']);
    // Loaded for replay (paused at its end): deleting unloads it from the transport too.
    expect(await call('deck.play', { id })).toMatchObject({ ok: true });
    expect(await call('performance.delete', { id })).toEqual({ ok: true });
    expect(await list()).toEqual([]);
    expect(await call('deck.state', {})).toMatchObject({ performance: null });
    expect(await call('performance.delete', { id })).toEqual({ ok: false, error: `There is no performance ${id}.` });
    await expect(call('performance.delete', { id: 0 })).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('refuses transport input outside the contract before any handler runs', async () => {
    const rack = await rackIn();
    await expect(rack.dispatcher.dispatch('deck.speed', { speed: 8 })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(rack.dispatcher.dispatch('deck.seek', { position: -1 })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(rack.dispatcher.dispatch('performance.import', { path: '' })).rejects.toMatchObject({ code: 'invalid-input' });
    expect(await rack.dispatcher.dispatch('deck.play', {})).toEqual({
      ok: false,
      error: 'There is no performance to play: record one first.',
    });
    expect(await rack.dispatcher.dispatch('performance.import', { path: path.join('/nonexistent', 'x.k8sperf') })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Could not import x\.k8sperf: no such file/),
    });
  });
});

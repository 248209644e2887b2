/**
 * Flow control of sim frames over Electron IPC (which has no backpressure): through the
 * fake Electron, a renderer that never acknowledges gets MAX_UNACKED_FRAMES frames and then
 * nothing, while main keeps one merged frame whose size is bounded by the patch, not by time; an
 * acknowledgement (`sim.ack`, validated) brings it the merged present at once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { APP_START_URL } from '../../main/app/app-protocol';
import type { SimEvent, SimFrame } from '../../main/sim/core/types';
import { MAX_PENDING_EVENTS } from '../../main/sim/frame-pacer';
import { attachIpcTransport, MAX_UNACKED_FRAMES } from '../../main/transport/ipc-main-transport';
import { createIpcClient } from '../../preload/ipc-client';
import { FakeIpcMain, FakeWebContents } from './helpers/fake-electron';
import { tempDir, testRack } from './helpers/transports';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const settle = () => new Promise((r) => setTimeout(r, 20));

async function setup() {
  const { dir, remove } = await tempDir();
  cleanups.push(remove);
  const { rack } = await testRack(dir);
  cleanups.push(() => rack.close());
  const ipcMain = new FakeIpcMain();
  const webContents = new FakeWebContents(ipcMain, APP_START_URL);
  attachIpcTransport({ ipcMain, webContents, dispatcher: rack.dispatcher, hub: rack.hub });
  cleanups.push(() => webContents.destroy());
  const client = createIpcClient(webContents.ipcRenderer);
  const frames: SimFrame[] = [];
  const events: SimEvent[][] = [];
  client.on('sim.frame', (f) => frames.push(f));
  client.on('sim.event', (e) => events.push(e.events));
  return { rack, client, frames, events };
}

/** Delta frame `seq` lighting one of 50 keys: 10,000 of them name at most 50 keys in all. */
const frame = (seq: number): SimFrame => ({
  seq,
  time: seq * 10,
  running: true,
  speed: 1,
  full: false,
  lights: { [`pod-${seq % 50}/ready`]: seq % 2 },
});

const event = (n: number): SimEvent => ({
  time: n,
  type: 'Normal',
  reason: 'Scheduled',
  object: 'pod-1',
  kind: 'pod',
  message: `event ${n}`,
  count: 1,
});

describe('sim frames over Electron IPC', () => {
  it('a renderer that never acknowledges keeps main to a few frames out and one merged frame pending', async () => {
    const { rack, client, frames, events } = await setup();
    for (let seq = 1; seq <= 10_000; seq++) {
      rack.hub.emit('sim.frame', frame(seq));
      rack.hub.emit('sim.event', { events: [event(seq)] });
    }
    await settle();
    // Only the window went out; the 9,992 others merged into one, bounded by the 50 keys.
    expect(frames.map((f) => f.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].slice(0, MAX_UNACKED_FRAMES));
    expect(events.length).toBeLessThanOrEqual(MAX_UNACKED_FRAMES); // they wait on the same window

    // Acknowledging frees the window: the merged frame brings the renderer to the present.
    expect(await client.request('sim.ack', { seq: frames.at(-1)!.seq })).toBeNull();
    await settle();
    const merged = frames.at(-1)!;
    expect(frames).toHaveLength(MAX_UNACKED_FRAMES + 1);
    expect(merged.seq).toBe(10_000);
    expect(Object.keys(merged.lights!)).toHaveLength(50);
    expect(merged.lights!['pod-0/ready']).toBe(0); // the newest value of each key: 10,000 % 2
    expect(merged.lights!['pod-49/ready']).toBe(1); // 9,999
    // Events: the newest rows only.
    expect(events.at(-1)).toHaveLength(MAX_PENDING_EVENTS);
    expect(events.at(-1)!.at(-1)!.message).toBe('event 10000');
  });

  it('paces the running simulator and validates acknowledgements', async () => {
    const { rack, client, frames } = await setup();
    await rack.dispatcher.dispatch('file.openExample', { name: 'hello-web' });
    await client.request('sim.control', { action: 'run', speed: 10 });
    await new Promise((r) => setTimeout(r, 400));
    // About 24 frames were made; a renderer that shows none gets the window's worth.
    expect(frames).toHaveLength(MAX_UNACKED_FRAMES);
    const { frame: now } = await client.request('sim.state', {});
    // A resync's full frame acknowledges everything before it.
    await client.request('sim.ack', { seq: now.seq });
    await new Promise((r) => setTimeout(r, 100));
    expect(frames.length).toBeGreaterThan(MAX_UNACKED_FRAMES);
    expect(frames.length).toBeLessThanOrEqual(2 * MAX_UNACKED_FRAMES);
    await expect(client.request('sim.ack', { seq: -1 })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(client.request('sim.ack', { seq: 1.5 } as never)).rejects.toMatchObject({ code: 'invalid-input' });
    await client.request('sim.control', { action: 'pause' });
  });
});

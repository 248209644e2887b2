/**
 * The simulator's requests and events over both real transports (WebSocket and IPC): bad input is
 * refused by the contract's schemas with nothing changed, faults on missing modules are refused
 * with a clear message, and a running simulation reaches the client as frames and events.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SimEvent, SimFrame } from '../../preload/contract';
import { ipcTransport, webSocketTransport, type Connected } from './helpers/transports';

describe.each([
  ['WebSocket', webSocketTransport],
  ['IPC', ipcTransport],
])('sim.* over %s', (_name, connect) => {
  let c: Connected | undefined;
  afterEach(async () => {
    c?.rack.sim.control('pause');
    await c?.cleanup();
    c = undefined;
  });

  it('refuses a speed out of 0.1..10, an unknown action or fault kind; the state is unchanged', async () => {
    c = await connect();
    const before = await c.client.request('sim.state', {});
    const refused = (p: Promise<unknown>) => expect(p).rejects.toThrow(/Invalid input for "sim\./);
    await refused(c.client.request('sim.control', { action: 'run', speed: 20 }));
    await refused(c.client.request('sim.control', { action: 'explode' } as never));
    await refused(c.client.request('sim.fault', { kind: 'delete-cluster', target: 'x' } as never));
    await refused(c.client.request('sim.fault', { kind: 'kill-pod', target: '../etc' }));
    const after = await c.client.request('sim.state', {});
    expect({ ...after, frame: undefined }).toEqual({ ...before, frame: undefined });
    expect(after.running).toBe(false);
  });

  it('runs hello-web: frames and events reach the client; a fault on a missing Pod is refused', async () => {
    c = await connect();
    const frames: SimFrame[] = [];
    const events: SimEvent[] = [];
    const client = c.client;
    client.on('sim.frame', (f) => {
      frames.push(f);
      // As the renderer does (simStore.ts): over IPC, main sends only a few frames ahead of the acks.
      client.request('sim.ack', { seq: f.seq }).catch(() => undefined); // after cleanup: no window
    });
    client.on('sim.event', (e) => events.push(...e.events));
    await c.client.request('file.openExample', { name: 'hello-web' });
    expect(await c.client.request('sim.control', { action: 'run', speed: 10 })).toMatchObject({ running: true, speed: 10 });
    await expect.poll(() => events.some((e) => e.reason === 'Scheduled'), { timeout: 5000 }).toBe(true);
    expect(frames.length).toBeGreaterThan(0);
    expect(await c.client.request('sim.fault', { kind: 'kill-pod', target: 'pod-9' })).toEqual({
      ok: false,
      error: 'There is no Pod "pod-9" in the patch.',
    });
    expect(await c.client.request('sim.describe', { module: 'node-a' })).toContain('Capacity:');
    expect(await c.client.request('sim.describe', { module: 'nope' })).toBeNull();
  });
});

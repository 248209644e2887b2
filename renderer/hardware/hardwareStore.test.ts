import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HardwareState, RackClient } from '../../preload/contract';
import { connectHardware, connectPath, EMPTY_HARDWARE, keepUnchanged, scanPorts, startGuide, useHardware } from './hardwareStore';

/** A client whose requests answer from `answers` (a function may throw) and whose events the test fires. */
function fakeClient(answers: Record<string, (input: unknown) => unknown>) {
  const listeners = new Map<string, (payload: unknown) => void>();
  const requests: [string, unknown][] = [];
  const client = {
    on: (name: string, fn: (payload: unknown) => void) => {
      listeners.set(name, fn);
      return () => listeners.delete(name);
    },
    request: async (name: string, input: unknown) => {
      requests.push([name, input]);
      const answer = answers[name];
      if (!answer) throw new Error(`unexpected request ${name}`);
      return answer(input);
    },
  } as unknown as RackClient;
  return { client, requests, fire: (name: string, payload: unknown) => listeners.get(name)?.(payload), listeners };
}

const state = (mirror: boolean): HardwareState => ({ ...EMPTY_HARDWARE, mirror });

beforeEach(() =>
  useHardware.setState({
    hardware: EMPTY_HARDWARE,
    scan: null,
    scanning: false,
    connecting: null,
    connectError: null,
    guideError: null,
  }),
);

describe('hardwareStore', () => {
  it('takes main’s state at start, but a newer change that came first wins over the slower answer', async () => {
    let release!: (s: HardwareState) => void;
    const slow = new Promise<HardwareState>((resolve) => (release = resolve));
    const { client, fire, listeners } = fakeClient({ 'hardware.state': () => slow });
    const stop = connectHardware(client);
    fire('hardware.changed', { revision: 1, changed: { mirror: false } });
    release(state(true));
    await slow;
    await Promise.resolve();
    expect(useHardware.getState().hardware).toMatchObject({ revision: 1, mirror: false });
    stop();
    expect(listeners.size).toBe(0);
  });

  it('merges the parts a change carries, drops an old one, and asks for the whole state after a gap', async () => {
    const whole: HardwareState = { ...EMPTY_HARDWARE, revision: 7, mirror: false };
    const { client, fire, requests } = fakeClient({ 'hardware.state': async () => whole });
    const stop = connectHardware(client);
    await vi.waitFor(() => expect(useHardware.getState().hardware.revision).toBe(7));
    const links = useHardware.getState().hardware.links;
    fire('hardware.changed', { revision: 8, changed: { mirror: true } });
    expect(useHardware.getState().hardware).toMatchObject({ revision: 8, mirror: true });
    expect(useHardware.getState().hardware.links).toBe(links);
    fire('hardware.changed', { revision: 8, changed: { mirror: false } });
    expect(useHardware.getState().hardware.mirror).toBe(true);
    const asked = requests.filter(([name]) => name === 'hardware.state').length;
    fire('hardware.changed', { revision: 10, changed: { mirror: false } });
    expect(requests.filter(([name]) => name === 'hardware.state').length).toBe(asked + 1);
    stop();
  });

  it('keeps the identity of parts that did not change, so the canvas does not re-render for counters', () => {
    const pending = [
      { id: 'p1', action: 'plug' as const, from: { module: 'a', jack: 'x' }, to: { module: 'b', jack: 'y' }, color: '#f00' },
    ];
    const prev: HardwareState = { ...EMPTY_HARDWARE, pending };
    const copy = JSON.parse(JSON.stringify(prev)) as HardwareState;
    expect(keepUnchanged(prev, copy)).toBe(prev);
    const next = keepUnchanged(prev, { ...copy, pickups: [{ key: 'b/cpu', target: 1, physical: 2 }] });
    expect(next.pending).toBe(prev.pending);
    expect(next.pickups).toEqual([{ key: 'b/cpu', target: 1, physical: 2 }]);
    expect(keepUnchanged(prev, { ...copy, pending: [] }).pending).toEqual([]);
  });

  it('keeps a refused connect’s reason for the path field, and clears it on success', async () => {
    const refusal = 'No rack answered on /dev/pts/4 within 2 s: is the virtual rack still running?';
    let ok = false;
    const { client, requests } = fakeClient({
      'hardware.connect': () => (ok ? { ok: true, link: {} } : { ok: false, error: refusal }),
    });
    expect(await connectPath(client, '  ')).toBe(false);
    expect(requests).toEqual([]);
    expect(await connectPath(client, ' /dev/pts/4 ')).toBe(false);
    expect(requests).toEqual([['hardware.connect', { path: '/dev/pts/4' }]]);
    expect(useHardware.getState()).toMatchObject({ connectError: refusal, connecting: null });
    ok = true;
    expect(await connectPath(client, '/dev/pts/4')).toBe(true);
    expect(useHardware.getState().connectError).toBeNull();
  });

  it('shows a failed port listing as the scan’s error', async () => {
    const { client } = fakeClient({
      'hardware.scan': () => {
        throw new Error('disconnected');
      },
    });
    await scanPorts(client);
    expect(useHardware.getState()).toMatchObject({ scan: { ports: [], error: 'disconnected' }, scanning: false });
  });

  it('starts the guide, or keeps why it could not', async () => {
    const guide = { target: 'version 3', steps: [], current: 0, done: true, notes: [] };
    const { client } = fakeClient({
      'hardware.guideStart': (input) =>
        (input as { target: { version: number } }).target.version === 3
          ? { ok: true, guide }
          : { ok: false, error: 'No version 9.' },
    });
    expect(await startGuide(client, { kind: 'version', version: 9 })).toBeNull();
    expect(useHardware.getState().guideError).toBe('No version 9.');
    expect(await startGuide(client, { kind: 'version', version: 3 })).toEqual(guide);
    expect(useHardware.getState()).toMatchObject({ guideError: null, hardware: { guide } });
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayloads, RackClient } from '../../preload/contract';
import { connectHistory } from './historyStore';

/** A client that counts version-list requests and lets the test emit patch.changed. */
function countingClient() {
  const listeners = new Map<EventName, ((payload: never) => void)[]>();
  let versionRequests = 0;
  const client = {
    request: (name: string) => {
      if (name === 'history.versions') versionRequests++;
      const answers: Record<string, unknown> = {
        'history.versions': { document: null, head: 0, versions: [] },
        'performance.list': [],
        'deck.state': { mode: 'idle' },
      };
      return Promise.resolve(answers[name]);
    },
    on: <E extends EventName>(name: E, listener: (payload: EventPayloads[E]) => void) => {
      listeners.set(name, [...(listeners.get(name) ?? []), listener as (payload: never) => void]);
      return () => undefined;
    },
  } as unknown as RackClient;
  const change = () => listeners.get('patch.changed')?.forEach((l) => l(undefined as never));
  return { client, change, versionRequests: () => versionRequests };
}

describe('history view refresh', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('refetches the version list once changes pause, and every 2 s while a stream goes on', async () => {
    const { client, change, versionRequests } = countingClient();
    const stop = connectHistory(client);
    expect(versionRequests()).toBe(1); // the first load

    change();
    await vi.advanceTimersByTimeAsync(300);
    expect(versionRequests()).toBe(2); // one edit: 250 ms later

    for (let ms = 0; ms < 5000; ms += 10) {
      change(); // a 100 Hz knob stream for 5 s
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(versionRequests()).toBeGreaterThanOrEqual(4); // at 2 s and 4 s
    expect(versionRequests()).toBeLessThanOrEqual(5);
    const during = versionRequests();
    await vi.advanceTimersByTimeAsync(300);
    expect(versionRequests()).toBe(during + 1); // and once when it stops
    stop();
  });
});

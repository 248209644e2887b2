import { describe, expect, it } from 'vitest';
import { EventHub } from './event-hub';

const notice = (message: string) => ({ level: 'info' as const, message });

describe('EventHub', () => {
  it('calls named and any-listeners until disposed', () => {
    const hub = new EventHub();
    const named: string[] = [];
    const any: string[] = [];
    const stopNamed = hub.on('notice', (n) => named.push(n.message));
    const stopAny = hub.onAny((name) => any.push(name));
    hub.emit('notice', notice('a'));
    hub.emit('file.changed', { path: null, dirty: false, recent: [] });
    stopNamed();
    stopAny();
    hub.emit('notice', notice('b'));
    expect({ named, any }).toEqual({ named: ['a'], any: ['notice', 'file.changed'] });
  });

  it('keeps going when a listener throws', () => {
    const errors: string[] = [];
    const hub = new EventHub((m) => errors.push(m));
    const seen: string[] = [];
    hub.on('notice', () => {
      throw new Error('boom');
    });
    hub.on('notice', (n) => seen.push(n.message));
    hub.emit('notice', notice('still here'));
    expect(seen).toEqual(['still here']);
    expect(errors).toEqual([expect.stringContaining('boom')]);
  });

  it('holds notices raised while no client is attached and hands them to the next client once', () => {
    const hub = new EventHub();
    hub.on('notice', () => undefined); // an internal listener does not count as a client
    hub.emit('notice', notice('recovered'));
    hub.emit('patch.changed', { kind: 'ops', version: 1, source: 'ui', time: 0, ops: [] });
    const first: string[] = [];
    const detach = hub.attachClient((name, payload) => first.push(`${name}:${'message' in payload ? payload.message : ''}`));
    const second: string[] = [];
    hub.attachClient((name) => second.push(name));
    hub.emit('notice', notice('live'));
    expect(first).toEqual(['notice:recovered', 'notice:live']);
    expect(second).toEqual(['notice']);
    detach();
  });
});

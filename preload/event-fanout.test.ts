import { describe, expect, it } from 'vitest';
import { EventFanout } from './event-fanout';

describe('EventFanout', () => {
  it('delivers to listeners until each one is disposed', () => {
    const fanout = new EventFanout();
    const seen: string[] = [];
    const listener = (n: { message: string }) => seen.push(n.message);
    const a = fanout.on('notice', listener);
    const b = fanout.on('notice', listener);
    fanout.deliver('notice', { level: 'info', message: 'x' });
    a();
    a();
    fanout.deliver('notice', { level: 'info', message: 'y' });
    b();
    fanout.deliver('notice', { level: 'info', message: 'z' });
    expect(seen).toEqual(['x', 'x', 'y']);
  });

  it('holds notices until the first notice listener, but not other events', () => {
    const fanout = new EventFanout();
    fanout.deliver('notice', { level: 'info', message: 'early' });
    fanout.deliver('undo.changed', { canUndo: true, canRedo: false });
    const notices: string[] = [];
    const histories: unknown[] = [];
    fanout.on('undo.changed', (h) => histories.push(h));
    fanout.on('notice', (n) => notices.push(n.message));
    expect(notices).toEqual(['early']);
    expect(histories).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { AckTracker } from './ack-tracker';
import type { QueuedCommand } from './command-queue';

const command = (key: string): QueuedCommand => ({ key, message: { kind: 'guide-clear' }, ack: true });
const limits = { timeoutMs: 100, retries: 3, maxOutstanding: 2 };

describe('AckTracker', () => {
  it('settles an acked seq and frees its slot', () => {
    const t = new AckTracker(limits);
    t.sent(command('a'), 7, 0);
    t.sent(command('b'), 8, 0);
    expect(t.freeSlots).toBe(0);
    expect(t.settle(7)?.key).toBe('a');
    expect(t.settle(7)).toBeUndefined();
    expect(t.freeSlots).toBe(1);
  });

  it('resends after the timeout and gives up after the retries', () => {
    const t = new AckTracker(limits);
    const c = command('a');
    t.sent(c, 1, 0);
    expect(t.nextDueIn(40)).toBe(60);
    expect(t.due(99)).toEqual({ resend: [], failed: [] });
    let seq = 1;
    for (let tries = 1; tries <= 3; tries++) {
      const due = t.due(tries * 100);
      expect(due).toEqual({ resend: [{ command: c, tries }], failed: [] });
      t.sent(c, ++seq, tries * 100, tries + 1);
    }
    expect(t.due(400)).toEqual({ resend: [], failed: [{ command: c, tries: 4 }] });
    expect(t.outstanding).toBe(0);
    expect(t.nextDueIn(400)).toBeNull();
  });

  it('stops resending a command a newer one for the same target replaced', () => {
    const t = new AckTracker(limits);
    t.sent(command('a'), 1, 0);
    t.sent(command('b'), 2, 0);
    t.supersede('a');
    expect(t.due(100).resend.map((r) => r.command.key)).toEqual(['b']);
  });
});

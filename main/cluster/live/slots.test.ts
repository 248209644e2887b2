import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignSlots, type SlotPod } from './slots';

const pod = fc.record({
  uid: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'),
  created: fc.constantFrom('2026-12-03T10:00:00Z', '2026-12-03T10:00:01Z', '2026-12-03T10:00:02Z'),
  name: fc.string({ minLength: 1, maxLength: 3 }),
  terminating: fc.boolean(),
});
const pods = fc.uniqueArray(pod, { selector: (p) => p.uid, maxLength: 8 });
const modules = fc.uniqueArray(fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5'), { maxLength: 5 });

describe('the slots of a Deployment’s live Pods', () => {
  it('shows each Pod in at most one module, fills modules while Pods remain, and counts the rest', () => {
    fc.assert(
      fc.property(modules, pods, (ms, ps) => {
        const { slots, extras } = assignSlots(ms, ps);
        const uids = [...slots.values()];
        expect(new Set(uids).size).toBe(uids.length);
        expect(slots.size).toBe(Math.min(ms.length, ps.length));
        expect(extras).toBe(ps.length - slots.size);
        for (const id of slots.keys()) expect(ms).toContain(id);
      }),
    );
  });

  it('keeps a Pod in its module while it exists, whatever else comes and goes', () => {
    fc.assert(
      fc.property(modules, pods, pods, (ms, before, after) => {
        const first = assignSlots(ms, before);
        const second = assignSlots(ms, after, first.slots);
        const alive = new Set<string>(after.map((p) => p.uid));
        for (const [id, uid] of first.slots) if (alive.has(uid)) expect(second.slots.get(id)).toBe(uid);
      }),
    );
  });

  it('gives free modules the oldest running Pods first, in module order', () => {
    const at = (uid: string, created: string, terminating = false): SlotPod => ({ uid, created, name: uid, terminating });
    const { slots, extras } = assignSlots(
      ['p1', 'p2'],
      [at('new', '2026-12-03T10:00:09Z'), at('old', '2026-12-03T10:00:01Z'), at('going', '2026-12-03T09:00:00Z', true)],
    );
    expect([...slots]).toEqual([
      ['p1', 'old'],
      ['p2', 'new'],
    ]);
    expect(extras).toBe(1);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyCaseEvent,
  type CaseModule,
  type CaseState,
  type CaseStateEvent,
  emptyCaseState,
  snapshotMessages,
} from './case-state';
import { applyAll, HELLO, moduleAt } from './test-fixtures';

const info = (m: CaseModule): CaseStateEvent => ({ kind: 'module-info', ...m });
const cable = (kind: 'cable-on' | 'cable-off', from: [number, number], to: [number, number]): CaseStateEvent => ({
  kind,
  from: { slot: from[0], jack: from[1] },
  to: { slot: to[0], jack: to[1] },
});

const patched = applyAll(emptyCaseState(HELLO), [
  info(moduleAt(8)),
  info(moduleAt(0)),
  cable('cable-on', [0, 1], [8, 0]),
  cable('cable-on', [8, 0], [0, 1]),
  { kind: 'knob', slot: 8, knob: 1, value: 4096 },
  { kind: 'switch', slot: 0, switch: 0, position: 2 },
]);

describe('applyCaseEvent', () => {
  it('builds a case from events, modules by slot, stateGen counting every event', () => {
    expect(patched).toEqual({
      hello: HELLO,
      modules: [moduleAt(0), moduleAt(8)],
      cables: [
        { from: { slot: 0, jack: 1 }, to: { slot: 8, jack: 0 } },
        { from: { slot: 8, jack: 0 }, to: { slot: 0, jack: 1 } },
      ],
      knobs: { '8/1': 4096 },
      switches: { '0/0': 2 },
      stateGen: 6,
    } satisfies CaseState);
  });

  it('drops a gone module with its cables, knobs and switches', () => {
    const { state, changed } = applyCaseEvent(patched, { kind: 'module-gone', slot: 8 });
    expect(changed).toBe(true);
    expect(state).toEqual({ ...patched, modules: [moduleAt(0)], cables: [], knobs: {}, switches: { '0/0': 2 }, stateGen: 7 });
  });

  it('refuses a cable into an occupied input and leaves the state as it was', () => {
    const result = applyCaseEvent(patched, cable('cable-on', [0, 0], [8, 0]));
    expect(result).toEqual({ state: patched, changed: false, error: 'input 8.0 already patched from 0.1' });
  });

  it('lets one output feed several inputs', () => {
    const { state, error } = applyCaseEvent(patched, cable('cable-on', [0, 1], [8, 1]));
    expect(error).toBeUndefined();
    expect(state.cables).toHaveLength(3);
  });

  it('counts but does not change on jack, fault and repeated values', () => {
    for (const event of [
      { kind: 'jack', slot: 0, direction: 'input', jack: 0, inserted: true },
      { kind: 'fault', code: 'cable-conflict', slot: 8, detail: 0 },
      { kind: 'knob', slot: 8, knob: 1, value: 4096 },
      { kind: 'switch', slot: 0, switch: 0, position: 2 },
      cable('cable-on', [0, 1], [8, 0]),
      info(moduleAt(8)),
    ] satisfies CaseStateEvent[]) {
      expect(applyCaseEvent(patched, event), event.kind).toEqual({ state: { ...patched, stateGen: 7 }, changed: false });
    }
  });

  it('wraps stateGen at 65536', () => {
    expect(applyCaseEvent({ ...patched, stateGen: 0xffff }, { kind: 'module-gone', slot: 0 }).state.stateGen).toBe(0);
  });

  it('keeps only the parts a module swapped into the same slot still has', () => {
    const { state } = applyCaseEvent(patched, info(moduleAt(8, { typeId: 2, inputs: 0, knobs: 1 })));
    expect(state.cables).toEqual([{ from: { slot: 8, jack: 0 }, to: { slot: 0, jack: 1 } }]);
    expect(state.knobs).toEqual({});
    expect(state.modules[1]!.typeId).toBe(2);
  });

  it.each<[string, CaseStateEvent, string]>([
    ['module-gone of an empty slot', { kind: 'module-gone', slot: 3 }, 'no module in slot 3'],
    ['a cable from an empty slot', cable('cable-on', [3, 0], [8, 1]), 'no module in slot 3'],
    ['a cable from a missing output', cable('cable-on', [0, 2], [8, 1]), 'the module in slot 0 has 2 outputs, not output 2'],
    ['a cable into a missing input', cable('cable-on', [0, 0], [8, 5]), 'the module in slot 8 has 2 inputs, not input 5'],
    ['cable-off of no cable', cable('cable-off', [0, 0], [8, 1]), 'no cable 0.0 → 8.1'],
    ['a knob the module lacks', { kind: 'knob', slot: 0, knob: 2, value: 1 }, 'the module in slot 0 has 2 knobs, not #2'],
    ['a switch of an empty slot', { kind: 'switch', slot: 4, switch: 0, position: 1 }, 'no module in slot 4'],
  ])('refuses %s', (_, event, error) => {
    expect(applyCaseEvent(patched, event)).toEqual({ state: patched, changed: false, error });
  });
});

describe('snapshotMessages', () => {
  it('lists modules, cables, knobs and switches in dump order', () => {
    const state = applyAll(patched, [
      { kind: 'knob', slot: 0, knob: 1, value: 7 },
      { kind: 'knob', slot: 8, knob: 0, value: 9 },
    ]);
    expect(
      snapshotMessages(state).map((m) => `${m.kind}${'slot' in m ? ` ${m.slot}` : ''}${'knob' in m ? `/${m.knob}` : ''}`),
    ).toEqual(['module-info 0', 'module-info 8', 'cable-on', 'cable-on', 'knob 0/1', 'knob 8/0', 'knob 8/1', 'switch 0']);
  });

  it('rebuilds the same state when its messages are applied to an empty case', () => {
    const events = fc.array(
      fc.oneof(
        fc.integer({ min: 0, max: 3 }).map((i): CaseStateEvent => info(moduleAt(i * 8))),
        fc.integer({ min: 0, max: 3 }).map((i): CaseStateEvent => ({ kind: 'module-gone', slot: i * 8 })),
        fc
          .tuple(fc.integer({ min: 0, max: 3 }), fc.nat(1), fc.integer({ min: 0, max: 3 }), fc.nat(1), fc.boolean())
          .map(([a, j, b, k, on]) => cable(on ? 'cable-on' : 'cable-off', [a * 8, j], [b * 8, k])),
        fc
          .tuple(fc.integer({ min: 0, max: 3 }), fc.nat(1), fc.integer({ min: 0, max: 0xffff }))
          .map(([s, knob, value]): CaseStateEvent => ({ kind: 'knob', slot: s * 8, knob, value })),
        fc
          .tuple(fc.integer({ min: 0, max: 3 }), fc.nat(3))
          .map(([s, position]): CaseStateEvent => ({ kind: 'switch', slot: s * 8, switch: 0, position })),
      ),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(events, (list) => {
        const state = list.reduce((s, event) => applyCaseEvent(s, event).state, emptyCaseState(HELLO));
        const rebuilt = applyAll(emptyCaseState(HELLO), snapshotMessages(state));
        expect({ ...rebuilt, stateGen: state.stateGen }).toEqual(state);
      }),
    );
  });
});

/** Small cases for the codec's tests (and anyone else's): a hello, modules, events applied in order. */
import { PROTOCOL_MAJOR } from './messages';
import { applyCaseEvent, type CaseHello, type CaseModule, type CaseState, type CaseStateEvent } from './case-state';

export const HELLO: CaseHello = {
  protoMajor: PROTOCOL_MAJOR,
  protoMinor: 0,
  firmware: [1, 0, 0],
  bridgeUid: '00000000000000b2',
  maxFrame: 64,
  caps: 0,
  name: 'case B',
};

export function moduleAt(slot: number, counts: Partial<CaseModule> = {}): CaseModule {
  return {
    slot,
    typeId: 1,
    hwRev: 1,
    moduleUid: 100 + slot,
    inputs: 2,
    outputs: 2,
    knobs: 2,
    switches: 1,
    leds: 4,
    knobBits: 12,
    ...counts,
  };
}

/** Applies events in order and fails on the first refused one. */
export function applyAll(state: CaseState, events: CaseStateEvent[]): CaseState {
  return events.reduce((s, event) => {
    const result = applyCaseEvent(s, event);
    if (result.error) throw new Error(result.error);
    return result.state;
  }, state);
}

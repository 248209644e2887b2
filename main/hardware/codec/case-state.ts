/**
 * The physical state of one case as the host knows it: what the snapshot dump carries and what
 * live events change. The virtual rack holds the same shape as its truth.
 */
import { jsonEqual } from '../../patch/json-equal';
import { assertNever } from '../../patch/ops';
import type {
  CableMessage,
  HelloMessage,
  JackAddress,
  JackDirection,
  KnobMessage,
  ModuleInfoMessage,
  RackMessage,
  SwitchMessage,
} from './messages';

export type CaseModule = Omit<ModuleInfoMessage, 'kind'>;
export type CaseHello = Omit<HelloMessage, 'kind'>;

/** A cable from an output jack to an input jack (an output may feed several inputs). */
export interface CaseCable {
  from: JackAddress;
  to: JackAddress;
}

export interface CaseState {
  hello: CaseHello;
  /** Modules by slot, ascending. */
  modules: CaseModule[];
  cables: CaseCable[];
  /** Knob values 0..65535 keyed `slot/knob`. */
  knobs: Record<string, number>;
  /** Switch positions keyed `slot/switch`. */
  switches: Record<string, number>;
  /** The rack's count of state events (mod 65536), as in its heartbeat. */
  stateGen: number;
}

/** Live events that a case counts in its stateGen; all but jack and fault can change its state. */
export type CaseStateEvent = Extract<
  RackMessage,
  { kind: 'module-info' | 'module-gone' | 'cable-on' | 'cable-off' | 'jack' | 'knob' | 'switch' | 'fault' }
>;

export interface CaseEventResult {
  /** The new state; `state` itself when the event was refused. */
  state: CaseState;
  /** Whether modules, cables, knobs or switches differ (stateGen moves for every accepted event). */
  changed: boolean;
  /** Why the event does not fit the state (the host re-snapshots; the rack reports a FAULT instead). */
  error?: string;
}

/** A case with nothing in it, as a rack reports right after its hello. */
export function emptyCaseState(hello: CaseHello): CaseState {
  return { hello, modules: [], cables: [], knobs: {}, switches: {}, stateGen: 0 };
}

export const partKey = (slot: number, index: number): string => `${slot}/${index}`;

const sameJack = (a: JackAddress, b: JackAddress): boolean => a.slot === b.slot && a.jack === b.jack;
const describeJack = (a: JackAddress): string => `${a.slot}.${a.jack}`;

/** Why `address` is not a jack of that direction in the case, or undefined. */
function jackProblem(state: CaseState, address: JackAddress, direction: JackDirection): string | undefined {
  const module = state.modules.find((m) => m.slot === address.slot);
  if (!module) return `no module in slot ${address.slot}`;
  const count = direction === 'input' ? module.inputs : module.outputs;
  return address.jack < count
    ? undefined
    : `the module in slot ${address.slot} has ${count} ${direction}s, not ${direction} ${address.jack}`;
}

/** Why part `index` of kind `parts` is not on the module in `slot`, or undefined. */
function partProblem(state: CaseState, slot: number, parts: 'knobs' | 'switches', index: number): string | undefined {
  const module = state.modules.find((m) => m.slot === slot);
  if (!module) return `no module in slot ${slot}`;
  return index < module[parts] ? undefined : `the module in slot ${slot} has ${module[parts]} ${parts}, not #${index}`;
}

function withoutKeys(record: Record<string, number>, drop: (slot: number, index: number) => boolean): Record<string, number> {
  return Object.fromEntries(
    Object.entries(record).filter(([key]) => {
      const [slot, index] = key.split('/').map(Number);
      return !drop(slot!, index!);
    }),
  );
}

/** The state with only its parts changed; stateGen is bumped by applyCaseEvent. */
type Change = Partial<Omit<CaseState, 'hello' | 'stateGen'>> | { error: string } | null;

function change(state: CaseState, event: CaseStateEvent): Change {
  switch (event.kind) {
    case 'module-info': {
      const { kind: _, ...module } = event;
      const old = state.modules.find((m) => m.slot === module.slot);
      if (old && jsonEqual(old, module)) return null;
      const modules = [...state.modules.filter((m) => m.slot !== module.slot), module].sort((a, b) => a.slot - b.slot);
      // A module swapped in the same slot keeps only the cables and parts it still has.
      const fits = (a: JackAddress, count: number): boolean => a.slot !== module.slot || a.jack < count;
      return {
        modules,
        cables: state.cables.filter((c) => fits(c.from, module.outputs) && fits(c.to, module.inputs)),
        knobs: withoutKeys(state.knobs, (slot, index) => slot === module.slot && index >= module.knobs),
        switches: withoutKeys(state.switches, (slot, index) => slot === module.slot && index >= module.switches),
      };
    }
    case 'module-gone': {
      const { slot } = event;
      if (!state.modules.some((m) => m.slot === slot)) return { error: `no module in slot ${slot}` };
      return {
        modules: state.modules.filter((m) => m.slot !== slot),
        cables: state.cables.filter((c) => c.from.slot !== slot && c.to.slot !== slot),
        knobs: withoutKeys(state.knobs, (s) => s === slot),
        switches: withoutKeys(state.switches, (s) => s === slot),
      };
    }
    case 'cable-on': {
      const problem = jackProblem(state, event.from, 'output') ?? jackProblem(state, event.to, 'input');
      if (problem) return { error: problem };
      const present = state.cables.find((c) => sameJack(c.to, event.to));
      if (present && sameJack(present.from, event.from)) return null;
      if (present) return { error: `input ${describeJack(event.to)} already patched from ${describeJack(present.from)}` };
      return { cables: [...state.cables, { from: event.from, to: event.to }] };
    }
    case 'cable-off': {
      const cables = state.cables.filter((c) => !(sameJack(c.from, event.from) && sameJack(c.to, event.to)));
      if (cables.length === state.cables.length)
        return { error: `no cable ${describeJack(event.from)} → ${describeJack(event.to)}` };
      return { cables };
    }
    case 'knob': {
      const problem = partProblem(state, event.slot, 'knobs', event.knob);
      if (problem) return { error: problem };
      const key = partKey(event.slot, event.knob);
      return state.knobs[key] === event.value ? null : { knobs: { ...state.knobs, [key]: event.value } };
    }
    case 'switch': {
      const problem = partProblem(state, event.slot, 'switches', event.switch);
      if (problem) return { error: problem };
      const key = partKey(event.slot, event.switch);
      return state.switches[key] === event.position ? null : { switches: { ...state.switches, [key]: event.position } };
    }
    case 'jack':
    case 'fault':
      return null;
    default:
      return assertNever(event);
  }
}

/**
 * A live event applied to a case's state. Every accepted event moves stateGen by one (mod 65536),
 * as the rack counts it; a refused one leaves the state as it was. An input has at most one
 * source: a cable-on into an occupied input is refused (the rack reports FAULT cable-conflict).
 */
export function applyCaseEvent(state: CaseState, event: CaseStateEvent): CaseEventResult {
  const result = change(state, event);
  if (result && 'error' in result) return { state, changed: false, error: result.error };
  const stateGen = (state.stateGen + 1) & 0xffff;
  return { state: { ...state, ...result, stateGen }, changed: result !== null };
}

/** `slot/index` keys in slot, then index order. */
function sortedParts(record: Record<string, number>): [slot: number, index: number, value: number][] {
  return Object.entries(record)
    .map(([key, value]): [number, number, number] => {
      const [slot, index] = key.split('/').map(Number);
      return [slot!, index!, value];
    })
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/**
 * The frames of a snapshot dump, in dump order: module-info per module, cable-on per cable, knob
 * per knob, switch per switch. The caller sends them with FLAG_SNAPSHOT between its snap-begin
 * and snap-end.
 */
export function snapshotMessages(state: CaseState): SnapshotMessage[] {
  return [
    ...state.modules.map((module): SnapshotMessage => ({ kind: 'module-info', ...module })),
    ...state.cables.map((cable): SnapshotMessage => ({ kind: 'cable-on', from: cable.from, to: cable.to })),
    ...sortedParts(state.knobs).map(([slot, knob, value]): SnapshotMessage => ({ kind: 'knob', slot, knob, value })),
    ...sortedParts(state.switches).map(([slot, index, position]): SnapshotMessage => ({
      kind: 'switch',
      slot,
      switch: index,
      position,
    })),
  ];
}

/** What a dump carries between snap-begin and snap-end (cable messages are always cable-on there). */
export type SnapshotMessage = ModuleInfoMessage | CableMessage | KnobMessage | SwitchMessage;

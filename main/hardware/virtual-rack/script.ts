/**
 * The virtual rack's script format (resources/virtual-rack/README.md): one command per line,
 * `#` comments, `repeat N { … }` blocks. Parsing resolves catalog names against the cases'
 * modules as the script changes them (insert/remove), so a script with a typo fails before it
 * runs, with the line and what was expected there.
 */
import type { Catalog, ModuleDef } from '../../patch/catalog';
import type { CaseModule } from '../codec/case-state';
import { LOG_LEVELS, LOG_TEXT_MAX_BYTES, type LogLevel } from '../codec/index';
import { defForTypeId } from '../mirror/module-map';
import { moduleAt } from './case-rules';
import { placeModule, resolveCases } from './case-spec';
import {
  jackAddress,
  knobWireValue,
  parseDuration,
  parseInteger,
  parseRate,
  parseRate01,
  resolveJack,
  resolveKnob,
  resolveSwitch,
  splitJackRef,
  switchPosition,
} from './refs';
import type { RackAction, ScriptStep, VirtualCaseSpec } from './types';

/** Default rate of `sweep`: what firmware sends at most per knob (serial-link.md §3). */
export const DEFAULT_SWEEP_HZ = 100;

const USAGE: Record<string, string> = {
  case: 'case NAME',
  wait: 'wait DURATION (e.g. wait 200, wait 1.5s)',
  plug: 'plug OUT IN (e.g. plug 18.claim-1 44.life or plug 18.1 44.0)',
  unplug: 'unplug OUT IN (e.g. unplug 18.claim-1 44.life)',
  turn: 'turn SLOT KNOB VALUE (e.g. turn 44 cpu 500m, turn 44 0 32768, turn 44 cpu 50%)',
  sweep: 'sweep SLOT KNOB FROM TO DURATION [RATE] (e.g. sweep 44 cpu 0m 4000m 2s 100hz)',
  flip: 'flip SLOT SWITCH POSITION (e.g. flip 68 cordon cordon, flip 68 0 1)',
  jack: 'jack SLOT input|output JACK inserted|removed (e.g. jack 44 input life inserted)',
  insert: 'insert SLOT TYPE [UID] (e.g. insert 88 pod)',
  remove: 'remove SLOT',
  usb: 'usb unplug|replug',
  fault: 'fault drop RATE | fault corrupt RATE | fault delay DURATION | fault off (e.g. fault corrupt 1%)',
  log: `log ${LOG_LEVELS.join('|')} TEXT`,
  say: 'say TEXT',
  repeat: 'repeat N { … } or repeat forever { … }, with "}" on its own line',
};

export interface ScriptContext {
  catalog: Catalog;
  cases: VirtualCaseSpec[];
}

export type ParsedScript = { ok: true; steps: ScriptStep[] } | { ok: false; errors: string[] };

/** Each case's bridge uid and modules as the script has changed them so far. */
interface CaseLayout {
  bridgeUid: string;
  modules: CaseModule[];
}
type Layout = Map<string, CaseLayout>;

class LineError extends Error {}

/**
 * Parses a script; never throws. Errors read `line N: <what is wrong>; expected <usage>`.
 * The cases must be valid (see resolveCases): a bad case is reported as one error.
 */
export function parseScript(text: string, context: ScriptContext): ParsedScript {
  let layout: Layout;
  try {
    layout = new Map(
      resolveCases(context.cases, context.catalog).map((c) => [c.name, { bridgeUid: c.bridgeUid, modules: c.state.modules }]),
    );
  } catch (error) {
    return { ok: false, errors: [(error as Error).message] };
  }
  const errors: string[] = [];
  const root: ScriptStep[] = [];
  const blocks: { steps: ScriptStep[]; line: number; forever: boolean }[] = [{ steps: root, line: 0, forever: false }];
  let current = context.cases[0]?.name;
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = i + 1;
    const words = raw
      .replace(/(^|\s)#.*$/, '')
      .trim()
      .split(/\s+/)
      .filter(Boolean);
    const [command, ...args] = words;
    if (!command) continue;
    const into = blocks[blocks.length - 1]!.steps;
    try {
      if (command === '}') {
        if (args.length || blocks.length === 1) throw new LineError('"}" closes a repeat block and stands alone on its line');
        const block = blocks.pop()!;
        if (block.forever && !takesTime(block.steps))
          throw new LineError(
            `the "repeat forever" block of line ${block.line} needs a wait or a sweep, or it would never let go`,
          );
      } else if (command === 'repeat') {
        const [times, brace, ...rest] = args;
        if (brace !== '{' || rest.length || !times) throw usage('repeat');
        const body: ScriptStep[] = [];
        into.push({ kind: 'repeat', times: times === 'forever' ? Infinity : parseInteger(times, 'N', 1, 1_000_000), body, line });
        blocks.push({ steps: body, line, forever: times === 'forever' });
      } else if (command === 'case') {
        if (args.length !== 1) throw usage('case');
        if (!layout.has(args[0]!)) throw new LineError(`no case "${args[0]}"; the cases are ${[...layout.keys()].join(', ')}`);
        current = args[0]!;
      } else if (command === 'wait') {
        if (args.length !== 1) throw usage('wait');
        into.push({ kind: 'wait', ms: parseDuration(args[0]!), line });
      } else if (command === 'say') {
        into.push({ kind: 'say', text: args.join(' '), line });
      } else if (command in USAGE) {
        if (current === undefined) throw new LineError('there is no case to act on');
        const action = parseAction(command, args, layout.get(current)!, context.catalog, current);
        into.push({ kind: 'do', caseName: current, action, line });
      } else {
        throw new LineError(`unknown command "${command}"; commands are ${Object.keys(USAGE).join(', ')}`);
      }
    } catch (error) {
      errors.push(`line ${line}: ${(error as Error).message}`);
    }
  }
  for (const open of blocks.slice(1)) errors.push(`line ${open.line}: this repeat block is never closed with "}"`);
  return errors.length ? { ok: false, errors } : { ok: true, steps: root };
}

function takesTime(steps: readonly ScriptStep[]): boolean {
  return steps.some(
    (s) =>
      (s.kind === 'wait' && s.ms > 0) ||
      (s.kind === 'do' && s.action.kind === 'sweep' && s.action.ms > 0) ||
      (s.kind === 'repeat' && takesTime(s.body)),
  );
}

function usage(command: string): LineError {
  return new LineError(`expected ${USAGE[command]}`);
}

/** Runs a ref resolver and adds the command's usage to what it reports. */
function withUsage<T>(command: string, resolve: () => T): T {
  try {
    return resolve();
  } catch (error) {
    if (error instanceof LineError) throw error;
    throw new LineError(`${(error as Error).message}; expected ${USAGE[command]}`);
  }
}

/** The catalog entry of the module in `slot`, or an error listing the slots that hold one. */
function defAt(modules: readonly CaseModule[], slot: number, catalog: Catalog, caseName: string): ModuleDef {
  const module = moduleAt(modules, slot);
  const def = module && defForTypeId(catalog, module.typeId);
  if (!def) {
    const slots = modules.map((m) => `${m.slot} (${defForTypeId(catalog, m.typeId)?.type ?? `type ${m.typeId}`})`).join(', ');
    throw new LineError(`case "${caseName}" has no module in slot ${slot}; its modules are at ${slots || 'no slots'}`);
  }
  return def;
}

function parseAction(command: string, args: string[], layout: CaseLayout, catalog: Catalog, caseName: string): RackAction {
  const arity: Record<string, number[]> = {
    plug: [2],
    unplug: [2],
    turn: [3],
    sweep: [5, 6],
    flip: [3],
    jack: [4],
    insert: [2, 3],
    remove: [1],
    usb: [1],
    fault: [1, 2],
  };
  if (arity[command] && !arity[command].includes(args.length)) throw usage(command);
  const slotArg = () => withUsage(command, () => parseInteger(args[0]!, 'SLOT', 0, 255));
  const at = (slot: number) => defAt(layout.modules, slot, catalog, caseName);
  return withUsage(command, (): RackAction => {
    switch (command) {
      case 'plug':
      case 'unplug': {
        const out = splitJackRef(args[0]!);
        const inp = splitJackRef(args[1]!);
        return { kind: command, from: jackAddress(at(out.slot), out, 'output'), to: jackAddress(at(inp.slot), inp, 'input') };
      }
      case 'turn': {
        const slot = slotArg();
        const knob = resolveKnob(at(slot), args[1]!);
        return { kind: 'turn', slot, knob: knob.index, value: knobWireValue(knob.def, args[2]!, knob.byId) };
      }
      case 'sweep': {
        const slot = slotArg();
        const knob = resolveKnob(at(slot), args[1]!);
        const [from, to] = [args[2]!, args[3]!].map((v) => knobWireValue(knob.def, v, knob.byId)) as [number, number];
        const hz = args[5] === undefined ? DEFAULT_SWEEP_HZ : parseRate(args[5]);
        return { kind: 'sweep', slot, knob: knob.index, from, to, ms: parseDuration(args[4]!), hz };
      }
      case 'flip': {
        const slot = slotArg();
        const sw = resolveSwitch(at(slot), args[1]!);
        return { kind: 'flip', slot, switch: sw.index, position: switchPosition(sw.def, args[2]!) };
      }
      case 'jack': {
        const slot = slotArg();
        const [direction, jack, state] = args.slice(1) as [string, string, string];
        if ((direction !== 'input' && direction !== 'output') || (state !== 'inserted' && state !== 'removed'))
          throw usage('jack');
        return {
          kind: 'jack',
          slot,
          direction,
          jack: resolveJack(at(slot), slot, jack, direction),
          inserted: state === 'inserted',
        };
      }
      case 'insert':
        return insertAction(args, layout, catalog);
      case 'remove': {
        const slot = slotArg();
        at(slot);
        layout.modules = layout.modules.filter((m) => m.slot !== slot);
        return { kind: 'remove', slot };
      }
      case 'usb':
        if (args[0] !== 'unplug' && args[0] !== 'replug') throw usage('usb');
        return { kind: 'usb', plugged: args[0] === 'replug' };
      case 'fault':
        return faultAction(args);
      case 'log': {
        const [level, ...words] = args;
        if (!LOG_LEVELS.includes(level as LogLevel) || !words.length) throw usage('log');
        const text = words.join(' ');
        if (new TextEncoder().encode(text).length > LOG_TEXT_MAX_BYTES)
          throw new LineError(`a log text is at most ${LOG_TEXT_MAX_BYTES} bytes`);
        return { kind: 'log', level: level as LogLevel, text };
      }
      default:
        throw new LineError(`unknown command "${command}"`);
    }
  });
}

function insertAction(args: string[], layout: CaseLayout, catalog: Catalog): RackAction {
  const slot = parseInteger(args[0]!, 'SLOT', 0, 255);
  const uid = args[2] === undefined ? undefined : Number(args[2]);
  if (uid !== undefined && !(Number.isInteger(uid) && uid > 0 && uid <= 0xffffffff))
    throw new LineError(`UID must be a whole number from 1 to 4294967295 (0x… allowed), got "${args[2]}"`);
  const module = uid === undefined ? { slot, type: args[1]! } : { slot, type: args[1]!, uid };
  const placed = placeModule(module, layout.modules, catalog, layout.bridgeUid);
  layout.modules = [...layout.modules, placed.module];
  return { kind: 'insert', module };
}

function faultAction(args: string[]): RackAction {
  const [what, value] = args;
  if (what === 'off' && value === undefined) return { kind: 'fault', settings: { dropRate: 0, corruptRate: 0, delayMs: 0 } };
  if (value === undefined) throw usage('fault');
  if (what === 'drop') return { kind: 'fault', settings: { dropRate: parseRate01(value, 'a drop rate') } };
  if (what === 'corrupt') return { kind: 'fault', settings: { corruptRate: parseRate01(value, 'a corrupt rate') } };
  if (what === 'delay') return { kind: 'fault', settings: { delayMs: parseDuration(value, 'a delay') } };
  throw usage('fault');
}

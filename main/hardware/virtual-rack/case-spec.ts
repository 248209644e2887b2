/**
 * A case spec (from a test, a case file or `--modules`) checked against the catalog and turned
 * into the case's starting state: the hello it sends and the modules, cables and controls it has.
 * Errors name the case and what to change.
 */
import type { Catalog } from '../../patch/catalog';
import type { CaseCable, CaseModule, CaseState } from '../codec/case-state';
import { CAPS, HELLO_NAME_MAX_BYTES, MAX_FRAME, PROTOCOL_MAJOR, PROTOCOL_MINOR } from '../codec/index';
import { cableInto, cableProblem } from './case-rules';
import {
  BRIDGE_UID,
  caseModuleFor,
  deriveBridgeUid,
  deriveModuleUid,
  MAX_SLOT_HP,
  physicalDef,
  restingControls,
} from './inventory';
import type { VirtualCaseSpec, VirtualModuleSpec } from './types';

export const DEFAULT_HEARTBEAT_MS = 500;
export const DEFAULT_FIRMWARE: [number, number, number] = [1, 0, 0];
/** The virtual rack can do everything v1 describes: cable and jack sensing, RGB LEDs, gates, guide lights. */
export const VIRTUAL_CAPS = CAPS.cableSense | CAPS.jackSense | CAPS.rgbLeds | CAPS.gates | CAPS.guide;

export interface ResolvedCase {
  name: string;
  bridgeUid: string;
  heartbeatMs: number;
  /** File name of the app's pty link (the case name made safe for a path and for socat's address syntax). */
  linkName: string;
  state: CaseState;
}

export interface HelloOptions {
  firmware?: [number, number, number];
  protoMajor?: number;
}

/** Checks every case and that names, links and bridge uids are unique; throws the first problem. */
export function resolveCases(specs: readonly VirtualCaseSpec[], catalog: Catalog, hello: HelloOptions = {}): ResolvedCase[] {
  if (!specs.length) throw new Error('a virtual rack needs at least one case');
  const cases = specs.map((spec) => resolveCase(spec, catalog, hello));
  for (const key of ['name', 'linkName', 'bridgeUid'] as const) {
    const seen = new Set<string>();
    for (const c of cases) {
      if (seen.has(c[key]))
        throw new Error(`two cases share the ${key === 'linkName' ? 'pty link name' : key} "${c[key]}": give each case its own`);
      seen.add(c[key]);
    }
  }
  return cases;
}

export function resolveCase(spec: VirtualCaseSpec, catalog: Catalog, hello: HelloOptions = {}): ResolvedCase {
  try {
    return resolveChecked(spec, catalog, hello);
  } catch (error) {
    throw new Error(`case "${spec.name}": ${(error as Error).message}`);
  }
}

function resolveChecked(spec: VirtualCaseSpec, catalog: Catalog, hello: HelloOptions): ResolvedCase {
  const nameBytes = new TextEncoder().encode(spec.name).length;
  if (nameBytes === 0 || nameBytes > HELLO_NAME_MAX_BYTES)
    throw new Error(`a case name is 1 to ${HELLO_NAME_MAX_BYTES} bytes of UTF-8`);
  const bridgeUid = spec.bridgeUid ?? deriveBridgeUid(spec.name);
  if (!BRIDGE_UID.test(bridgeUid)) throw new Error(`bridgeUid must be 16 lowercase hex digits, got "${bridgeUid}"`);
  const heartbeatMs = spec.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  if (!Number.isInteger(heartbeatMs) || heartbeatMs < 0 || heartbeatMs > 65535)
    throw new Error(`heartbeatMs must be a whole number from 0 (off) to 65535, got ${heartbeatMs}`);

  const modules: CaseModule[] = [];
  const knobs: Record<string, number> = {};
  const switches: Record<string, number> = {};
  for (const module of [...spec.modules].sort((a, b) => a.slot - b.slot)) {
    const placed = placeModule(module, modules, catalog, bridgeUid);
    modules.push(placed.module);
    Object.assign(knobs, placed.knobs);
    Object.assign(switches, placed.switches);
  }
  const cables: CaseCable[] = [];
  for (const cable of spec.cables ?? []) {
    const problem = cableProblem(modules, cable.from, cable.to) ?? conflict(cables, cable);
    if (problem) throw new Error(`cable ${cable.from.slot}.${cable.from.jack} → ${cable.to.slot}.${cable.to.jack}: ${problem}`);
    cables.push({ from: { ...cable.from }, to: { ...cable.to } });
  }
  const state: CaseState = {
    hello: {
      protoMajor: hello.protoMajor ?? PROTOCOL_MAJOR,
      protoMinor: PROTOCOL_MINOR,
      firmware: hello.firmware ?? DEFAULT_FIRMWARE,
      bridgeUid,
      maxFrame: MAX_FRAME,
      caps: VIRTUAL_CAPS,
      name: spec.name,
    },
    modules,
    cables,
    knobs,
    switches,
    stateGen: 0,
  };
  return { name: spec.name, bridgeUid, heartbeatMs, linkName: linkNameFor(spec.name), state };
}

function conflict(cables: CaseCable[], cable: CaseCable): string | undefined {
  const taken = cableInto(cables, cable.to);
  return (
    taken &&
    `input ${cable.to.slot}.${cable.to.jack} already has a cable from ${taken.from.slot}.${taken.from.jack} (hardware senses one source per input)`
  );
}

/**
 * A module placed into a case: its module-info and resting controls. Throws when the slot is off
 * the case or the module would overlap another (`modules` are the ones already there).
 */
export function placeModule(
  spec: VirtualModuleSpec,
  modules: readonly CaseModule[],
  catalog: Catalog,
  bridgeUid: string,
): { module: CaseModule; knobs: Record<string, number>; switches: Record<string, number> } {
  const def = physicalDef(catalog, spec.type);
  if (!Number.isInteger(spec.slot) || spec.slot < 0 || spec.slot + def.hp > MAX_SLOT_HP)
    throw new Error(`a ${def.hp} HP ${def.type} needs a slot from 0 to ${MAX_SLOT_HP - def.hp}, got ${spec.slot}`);
  const uid = spec.uid ?? deriveModuleUid(bridgeUid, spec.slot);
  if (!Number.isInteger(uid) || uid < 0 || uid > 0xffffffff) throw new Error(`a module uid is 0..4294967295, got ${uid}`);
  for (const other of modules) {
    const otherDef = catalog.entries.find((e) => e.hardwareId === other.typeId);
    const otherHp = otherDef?.hp ?? 1;
    if (spec.slot < other.slot + otherHp && other.slot < spec.slot + def.hp)
      throw new Error(
        `the ${def.hp} HP ${def.type} at slot ${spec.slot} overlaps the ${otherDef?.type ?? 'module'} at slot ${other.slot}`,
      );
  }
  return { module: caseModuleFor(def, spec.slot, uid), ...restingControls(def, spec.slot, spec.params) };
}

/** The case name as a file name that socat's address syntax takes as is (no `,` `:` `!` or spaces). */
export function linkNameFor(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  return safe || 'case';
}

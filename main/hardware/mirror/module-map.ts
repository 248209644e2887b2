/**
 * How a physical module and its parts are named on screen and numbered on the wire. One place, so
 * the mirror, the patch guide and the virtual rack agree:
 *
 * - a case's module at `slot` (its left edge in HP) is patch module `hw-<bridgeUid>-<slot>`;
 * - a cable the case senses is patch cable `hw-<bridgeUid>-<outSlot>.<outJack>-<inSlot>.<inJack>`
 *   (dots are not allowed in ids, so `_` separates slot and jack);
 * - inputs and outputs are numbered separately, in the order the catalog entry lists them; knobs
 *   and switches likewise among the params; LEDs are the lights in order, a bargraph's segments
 *   consecutive from the bottom;
 * - a knob's 16-bit value spans the param's min..max, rounded to its step.
 */
import type { Catalog, KnobDef, ModuleDef, SwitchDef } from '../../patch/catalog';
import type { JackAddress, JackDirection } from '../codec/messages';

const MODULE_ID = /^hw-([0-9a-f]{16})-(\d{1,3})$/;
const CABLE_ID = /^hw-([0-9a-f]{16})-(\d{1,3})_(\d{1,3})-(\d{1,3})_(\d{1,3})$/;

export function physicalModuleId(bridgeUid: string, slot: number): string {
  return `hw-${bridgeUid}-${slot}`;
}

/** The case and slot of a physical module's id; null for an on-screen-only module. */
export function parsePhysicalModuleId(id: string): { bridgeUid: string; slot: number } | null {
  const m = MODULE_ID.exec(id);
  return m ? { bridgeUid: m[1]!, slot: Number(m[2]) } : null;
}

/**
 * The Name a physical module gets when it first appears (`pod-12`): what its nameplate and its
 * manifests' metadata.name show until someone renames it. `taken` names get `-2`, `-3`, …
 */
export function physicalModuleName(type: string, slot: number, taken: ReadonlySet<string>): string {
  const base = `${type}-${slot}`;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  return name;
}

export function physicalCableId(bridgeUid: string, from: JackAddress, to: JackAddress): string {
  return `hw-${bridgeUid}-${from.slot}_${from.jack}-${to.slot}_${to.jack}`;
}

export function parsePhysicalCableId(id: string): { bridgeUid: string; from: JackAddress; to: JackAddress } | null {
  const m = CABLE_ID.exec(id);
  if (!m) return null;
  return {
    bridgeUid: m[1]!,
    from: { slot: Number(m[2]), jack: Number(m[3]) },
    to: { slot: Number(m[4]), jack: Number(m[5]) },
  };
}

/** The catalog entry a module-info's type id names, or undefined for a type this app does not know. */
export function defForTypeId(catalog: Catalog, typeId: number): ModuleDef | undefined {
  return catalog.entries.find((e) => e.hardwareId === typeId);
}

export function jackIds(def: ModuleDef, direction: JackDirection): string[] {
  return def.jacks.filter((j) => j.direction === direction).map((j) => j.id);
}

/** The catalog jack id of wire jack `index` in `direction`; undefined when the module has no such jack. */
export function jackIdAt(def: ModuleDef, direction: JackDirection, index: number): string | undefined {
  return jackIds(def, direction)[index];
}

/** The wire number of a catalog jack, or undefined when the module has no such jack. */
export function jackIndexOf(def: ModuleDef, jackId: string): { direction: JackDirection; index: number } | undefined {
  const jack = def.jacks.find((j) => j.id === jackId);
  if (!jack) return undefined;
  return { direction: jack.direction, index: jackIds(def, jack.direction).indexOf(jackId) };
}

export function knobs(def: ModuleDef): KnobDef[] {
  return def.params.filter((p): p is KnobDef => p.kind === 'knob');
}

export function switches(def: ModuleDef): SwitchDef[] {
  return def.params.filter((p): p is SwitchDef => p.kind === 'switch');
}

/** Each wire LED in order: the light it belongs to and the segment within it. */
export function leds(def: ModuleDef): { light: string; segment: number }[] {
  return def.lights.flatMap((l) => Array.from({ length: l.segments }, (_, segment) => ({ light: l.id, segment })));
}

export const KNOB_FULL_SCALE = 65535;

/** A knob's 16-bit wire value as the param's value (min..max, rounded to its step). */
export function knobValueFromWire(knob: KnobDef, wire: number): number {
  const raw = knob.min + (Math.min(Math.max(wire, 0), KNOB_FULL_SCALE) / KNOB_FULL_SCALE) * (knob.max - knob.min);
  const stepped = knob.step ? knob.min + Math.round((raw - knob.min) / knob.step) * knob.step : raw;
  return Math.min(Math.max(stepped, knob.min), knob.max);
}

/** A param value as the 16-bit wire value a knob in that position would send. */
export function knobValueToWire(knob: KnobDef, value: number): number {
  const t = (Math.min(Math.max(value, knob.min), knob.max) - knob.min) / (knob.max - knob.min);
  return Math.round(t * KNOB_FULL_SCALE);
}

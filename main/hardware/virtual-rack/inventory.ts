/**
 * What the virtual rack needs from the catalog: a physical module's module-info, its knobs and
 * switches at rest, and the ids the emulator makes up when a spec leaves them out (a bridge uid
 * from the case name, a module uid from the case and slot), so the same case file always shows
 * up as the same case on screen.
 */
import { createHash } from 'node:crypto';
import type { Catalog, ModuleDef } from '../../patch/catalog';
import type { CaseModule } from '../codec/case-state';
import { knobs, knobValueToWire, leds, switches } from '../mirror/module-map';

/** The virtual rack's knobs report full 16-bit values: it has no ADC, so nothing is lost to resolution. */
export const VIRTUAL_KNOB_BITS = 16;
export const VIRTUAL_HW_REV = 1;
/** A slot is one byte on the wire; a module must also fit there with its width. */
export const MAX_SLOT_HP = 255;

/** The catalog entry of a module that exists in hardware; throws with the types that do. */
export function physicalDef(catalog: Catalog, type: string): ModuleDef & { hardwareId: number } {
  const def = catalog.get(type);
  if (def?.hardwareId !== undefined) return def as ModuleDef & { hardwareId: number };
  const known = physicalTypes(catalog).join(', ');
  throw new Error(
    def
      ? `"${type}" exists only on screen (no hardwareId); physical types: ${known}`
      : `unknown module type "${type}"; physical types: ${known}`,
  );
}

export function physicalTypes(catalog: Catalog): string[] {
  return catalog.entries.filter((e) => e.hardwareId !== undefined).map((e) => e.type);
}

/** The module-info a module of this type reports from `slot`. */
export function caseModuleFor(def: ModuleDef & { hardwareId: number }, slot: number, moduleUid: number): CaseModule {
  return {
    slot,
    typeId: def.hardwareId,
    hwRev: VIRTUAL_HW_REV,
    moduleUid,
    inputs: def.jacks.filter((j) => j.direction === 'input').length,
    outputs: def.jacks.filter((j) => j.direction === 'output').length,
    knobs: knobs(def).length,
    switches: switches(def).length,
    leds: leds(def).length,
    knobBits: VIRTUAL_KNOB_BITS,
  };
}

/**
 * Knob and switch positions of a freshly inserted module, keyed `slot/index` as in CaseState:
 * the catalog defaults, overridden by `params` (catalog param id → value in the param's units).
 */
export function restingControls(
  def: ModuleDef,
  slot: number,
  params: Record<string, number> = {},
): { knobs: Record<string, number>; switches: Record<string, number> } {
  const known = new Set(def.params.map((p) => p.id));
  const unknown = Object.keys(params).filter((id) => !known.has(id));
  if (unknown.length)
    throw new Error(
      `${def.type} has no param ${unknown.map((id) => `"${id}"`).join(', ')}; it has ${[...known].join(', ') || 'none'}`,
    );
  return {
    knobs: Object.fromEntries(knobs(def).map((k, i) => [`${slot}/${i}`, knobValueToWire(k, params[k.id] ?? k.default)])),
    switches: Object.fromEntries(
      switches(def).map((s, i) => {
        const position = params[s.id] ?? s.default;
        if (!Number.isInteger(position) || position < 0 || position >= s.positions.length)
          throw new Error(`${def.type} switch "${s.id}" has positions 0..${s.positions.length - 1}, got ${position}`);
        return [`${slot}/${i}`, position];
      }),
    ),
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** A stable 64-bit bridge uid (16 lowercase hex digits) for a case that does not name one. */
export function deriveBridgeUid(caseName: string): string {
  return digest(`k8s-synth virtual rack:${caseName}`).subarray(0, 8).toString('hex');
}

/** A stable, non-zero 32-bit module uid for a module that does not name one. */
export function deriveModuleUid(bridgeUid: string, slot: number): number {
  return digest(`${bridgeUid}/${slot}`).readUInt32LE(0) || 1;
}

export const BRIDGE_UID = /^[0-9a-f]{16}$/;

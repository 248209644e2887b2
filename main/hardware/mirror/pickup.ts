/**
 * Knob pickup (VCV Rack's and Ableton's "takeover"): when the screen value of a physical knob
 * differs from where the knob physically is (an on-screen edit, a loaded file), turning the knob
 * does nothing until it passes through the screen value; from then on it drives the value. So a
 * knob never makes the value jump. Nothing is stored: a knob is "picked up" exactly when the
 * screen value equals its physical value.
 */
import type { Catalog, KnobDef } from '../../patch/catalog';
import type { Patch } from '../../patch/model';
import type { CaseState } from '../codec/case-state';
import type { KnobPickup } from './types';
import { KNOB_FULL_SCALE, knobValueFromWire, knobs, physicalModuleId } from './module-map';
import { caseModuleDef } from './physical';

/** Two knob values are the same position when they are within one wire step (or half a param step). */
export function sameKnobValue(knob: KnobDef, a: number, b: number): boolean {
  const tolerance = Math.max((knob.max - knob.min) / KNOB_FULL_SCALE, (knob.step ?? 0) / 2);
  return Math.abs(a - b) <= tolerance;
}

/**
 * The value the screen should take after the knob moved from `prevWire` to `nextWire`, or
 * undefined when nothing changes: the screen already shows it, or the knob has not reached the
 * screen value yet. `prevWire` undefined (a knob never seen before) takes over only at equality.
 */
export function knobTakeover(knob: KnobDef, screen: number, prevWire: number | undefined, nextWire: number): number | undefined {
  const next = knobValueFromWire(knob, nextWire);
  if (sameKnobValue(knob, next, screen)) return undefined;
  if (prevWire === undefined) return undefined;
  const prev = knobValueFromWire(knob, prevWire);
  // Picked up already, or this move passed through the screen value.
  if (sameKnobValue(knob, prev, screen) || (prev - screen) * (next - screen) <= 0) return next;
  return undefined;
}

/** Every physical knob whose screen value differs from its position: what the panel shows as "turn to pick up". */
export function knobPickups(
  patch: Patch,
  catalog: Catalog,
  cases: readonly { bridgeUid: string; state: CaseState }[],
): KnobPickup[] {
  const pickups: KnobPickup[] = [];
  for (const { bridgeUid, state } of cases) {
    for (const { slot } of state.modules) {
      const def = caseModuleDef(state, catalog, slot);
      const module = patch.modules.find((m) => m.id === physicalModuleId(bridgeUid, slot));
      if (!def || !module || module.type !== def.type) continue;
      knobs(def).forEach((knob, index) => {
        const wire = state.knobs[`${slot}/${index}`];
        const screen = module.params[knob.id] ?? knob.default;
        if (wire === undefined) return;
        const physical = knobValueFromWire(knob, wire);
        if (!sameKnobValue(knob, physical, screen)) pickups.push({ key: `${module.id}/${knob.id}`, target: screen, physical });
      });
    }
  }
  return pickups;
}

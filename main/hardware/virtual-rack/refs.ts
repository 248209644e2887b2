/**
 * How people name the parts of a physical module in scripts and case files: by wire number (as
 * the protocol does) or by catalog id (as the screen does), with values in the param's units.
 * Every function throws an Error whose message says what was expected; callers add the line.
 *
 *   jack    `24.claim-1` or `24.1`   (slot.jack; a number is the wire index in the direction asked for)
 *   knob    `cpu` or `0`             value `500m`/`500` (param units), `50%` (of travel), or raw `0..65535` after an index
 *   switch  `cordon` or `0`          position `cordon` (label) or `1`
 */
import type { KnobDef, ModuleDef, SwitchDef } from '../../patch/catalog';
import type { JackAddress, JackDirection } from '../codec/messages';
import { jackIds, KNOB_FULL_SCALE, knobs, knobValueToWire, switches } from '../mirror/module-map';

const INDEX = /^\d{1,3}$/;
const NUMBER = /^(-?\d+(?:\.\d+)?)(.*)$/;

/** A whole number in min..max, or an error naming `what`. */
export function parseInteger(text: string, what: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^-?\d+$/.test(text) || n < min || n > max)
    throw new Error(`${what} must be a whole number from ${min} to ${max}, got "${text}"`);
  return n;
}

/** `200`, `200ms`, `1.5s` → milliseconds. */
export function parseDuration(text: string, what = 'a duration'): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text);
  if (!m) throw new Error(`${what} must be milliseconds like 200, 200ms or 1.5s, got "${text}"`);
  return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
}

/** A rate: `100`, `100hz`, `1khz` → events per second (1..10000). */
export function parseRate(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(hz|khz)?$/i.exec(text);
  const hz = m ? Number(m[1]) * (m[2]?.toLowerCase() === 'khz' ? 1000 : 1) : NaN;
  if (!(hz >= 1 && hz <= 10_000))
    throw new Error(`a rate must be 1 to 10000 events per second, like 100hz or 1khz, got "${text}"`);
  return hz;
}

/** A probability 0..1, also as a percentage (`1%`). */
export function parseRate01(text: string, what: string): number {
  const m = /^(\d+(?:\.\d+)?)(%)?$/.exec(text);
  const p = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!(p >= 0 && p <= 1)) throw new Error(`${what} must be a probability from 0 to 1 (or 0% to 100%), got "${text}"`);
  return p;
}

/** `SLOT.JACK` split into the slot and the jack part (not yet resolved against a module). */
export function splitJackRef(text: string): { slot: number; jack: string } {
  const dot = text.indexOf('.');
  if (dot <= 0 || dot === text.length - 1) throw new Error(`a jack is SLOT.JACK, like 24.claim-1 or 24.1, got "${text}"`);
  return { slot: parseInteger(text.slice(0, dot), 'a slot', 0, 255), jack: text.slice(dot + 1) };
}

/** The wire index of a jack given by index or catalog id; the jack must face `direction`. */
export function resolveJack(def: ModuleDef, slot: number, jack: string, direction: JackDirection): number {
  const ids = jackIds(def, direction);
  const where = `${def.type} in slot ${slot}`;
  if (INDEX.test(jack)) {
    const index = Number(jack);
    if (index >= ids.length) throw new Error(`${where} has ${direction}s 0..${ids.length - 1} (${ids.join(', ')}), not ${index}`);
    return index;
  }
  const index = ids.indexOf(jack);
  if (index >= 0) return index;
  const other = def.jacks.find((j) => j.id === jack);
  if (other)
    throw new Error(`${slot}.${jack} is an ${other.direction}, but an ${direction} is expected here (cables run output → input)`);
  throw new Error(`${where} has no jack "${jack}"; its ${direction}s are ${ids.join(', ') || 'none'}`);
}

export function jackAddress(def: ModuleDef, ref: { slot: number; jack: string }, direction: JackDirection): JackAddress {
  return { slot: ref.slot, jack: resolveJack(def, ref.slot, ref.jack, direction) };
}

function resolveControl<T extends { id: string }>(
  list: T[],
  ref: string,
  what: string,
  def: ModuleDef,
): { index: number; def: T } {
  if (INDEX.test(ref)) {
    const index = Number(ref);
    const found = list[index];
    if (!found)
      throw new Error(`${def.type} has ${list.length ? `${what}s 0..${list.length - 1}` : `no ${what}s`}, not ${index}`);
    return { index, def: found };
  }
  const index = list.findIndex((item) => item.id === ref);
  if (index < 0)
    throw new Error(`${def.type} has no ${what} "${ref}"; its ${what}s are ${list.map((i) => i.id).join(', ') || 'none'}`);
  return { index, def: list[index]! };
}

export function resolveKnob(def: ModuleDef, ref: string): { index: number; def: KnobDef; byId: boolean } {
  return { ...resolveControl(knobs(def), ref, 'knob', def), byId: !INDEX.test(ref) };
}

export function resolveSwitch(def: ModuleDef, ref: string): { index: number; def: SwitchDef } {
  return resolveControl(switches(def), ref, 'switch', def);
}

/**
 * A knob value as the 16-bit wire value: `N%` of travel; `N<unit>` in the param's units; a bare
 * number in the param's units when the knob was named by id, else a raw wire value.
 */
export function knobWireValue(knob: KnobDef, text: string, byId: boolean): number {
  const m = NUMBER.exec(text);
  const unit = knob.unit;
  const hint = `${knob.min}${unit}..${knob.max}${unit}, 0%..100%${byId ? '' : ' or a raw 0..65535'}`;
  if (!m) throw new Error(`knob "${knob.id}" takes ${hint}, got "${text}"`);
  const n = Number(m[1]);
  const suffix = m[2]!;
  if (suffix === '%') {
    if (n < 0 || n > 100) throw new Error(`a knob percentage is 0%..100%, got "${text}"`);
    return Math.round((n / 100) * KNOB_FULL_SCALE);
  }
  if (suffix !== '' && suffix !== unit)
    throw new Error(`knob "${knob.id}" is in ${unit ? `"${unit}"` : 'plain numbers'}: ${hint}, got "${text}"`);
  if (suffix === '' && !byId) {
    if (!Number.isInteger(n) || n < 0 || n > KNOB_FULL_SCALE) throw new Error(`a raw knob value is 0..65535, got "${text}"`);
    return n;
  }
  if (n < knob.min || n > knob.max) throw new Error(`knob "${knob.id}" takes ${hint}, got "${text}"`);
  return knobValueToWire(knob, n);
}

/** A switch position by label or index. */
export function switchPosition(sw: SwitchDef, text: string): number {
  const byLabel = sw.positions.indexOf(text);
  if (byLabel >= 0) return byLabel;
  if (INDEX.test(text) && Number(text) < sw.positions.length) return Number(text);
  throw new Error(`switch "${sw.id}" has positions ${sw.positions.map((p, i) => `${i}=${p}`).join(', ')}, got "${text}"`);
}

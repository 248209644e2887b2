/**
 * The arithmetic of a knob: drag distance to value, step snapping, detent attraction, the
 * pointer's angle and the tooltip text. Pure, so the feel can be tested without a browser.
 */
import type { KnobDef } from '../../main/patch/catalog';

/** Vertical drag in px that sweeps the whole range (VCV: about 200 px at normal speed). */
export const FULL_SWEEP_PX = 200;
/** Fine mode (Shift or Ctrl held) turns ten times slower. */
export const FINE_FACTOR = 0.1;
/** A detent pulls the value in when within this fraction of the range. */
export const DETENT_PULL = 0.03;
/** The pointer's travel: −135° at min to +135° at max, like a real pot's 270° sweep. */
export const SWEEP_DEG = 270;

type Range = Pick<KnobDef, 'min' | 'max' | 'step' | 'detents'>;

/** The raw (unsnapped) value after dragging `dyPx` upwards from `raw`. */
export function dragValue(knob: Range, raw: number, dyPx: number, fine: boolean): number {
  const span = knob.max - knob.min;
  const next = raw + (dyPx / FULL_SWEEP_PX) * span * (fine ? FINE_FACTOR : 1);
  return clamp(next, knob.min, knob.max);
}

/**
 * The value the knob shows and sends for a raw value: pulled to a detent when close, else
 * rounded to the step (counted from min, as main checks it), always within range.
 */
export function settle(knob: Range, raw: number): number {
  const span = knob.max - knob.min;
  const v = clamp(raw, knob.min, knob.max);
  for (const d of knob.detents ?? []) if (Math.abs(v - d) <= span * DETENT_PULL && onGrid(knob, d)) return d;
  if (!knob.step) return v;
  let stepped = knob.min + Math.round((v - knob.min) / knob.step) * knob.step;
  // When max is not on the step grid, rounding up may pass it: take the step below.
  if (stepped > knob.max + 1e-9) stepped -= knob.step;
  // Trim float noise (0.1 + 0.2) so the op carries the number a person would type.
  return Number(stepped.toPrecision(12));
}

function onGrid(knob: Range, value: number): boolean {
  if (!knob.step) return true;
  const k = (value - knob.min) / knob.step;
  return Math.abs(k - Math.round(k)) < 1e-9;
}

/** One keyboard or wheel step: the knob's step, else 1/100 of the range (1/1000 when fine). */
export function nudge(knob: Range, value: number, direction: 1 | -1, fine: boolean): number {
  const step = knob.step ?? ((knob.max - knob.min) / 100) * (fine ? FINE_FACTOR : 1);
  return settleStep(knob, value + direction * step);
}

/** Like settle, but without detent pull (a nudge must be able to leave a detent). */
function settleStep(knob: Range, raw: number): number {
  return settle({ ...knob, detents: [] }, raw);
}

/** The pointer angle in degrees for a value: −135 at min, +135 at max. */
export function knobAngle(knob: Pick<KnobDef, 'min' | 'max'>, value: number): number {
  const t = (clamp(value, knob.min, knob.max) - knob.min) / (knob.max - knob.min);
  return -SWEEP_DEG / 2 + t * SWEEP_DEG;
}

/** "1000 ms", "0.25 cores": whole numbers for whole steps, else up to 3 significant decimals. */
export function formatValue(knob: Pick<KnobDef, 'step' | 'unit'>, value: number): string {
  const whole = knob.step !== undefined && Number.isInteger(knob.step);
  const text = whole
    ? String(Math.round(value))
    : String(Number(value.toFixed(Math.abs(value) >= 100 ? 1 : Math.abs(value) >= 10 ? 2 : 3)));
  return knob.unit ? `${text} ${knob.unit}` : text;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(Math.max(n, lo), hi);
}

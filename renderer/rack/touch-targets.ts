/**
 * Touch targets on the faceplates. A finger needs 24 × 24 CSS px (WCAG 2.2, 2.5.8 Target Size
 * Minimum), but a jack's nut is 20 flow px and the Controller's jacks sit 9.3 mm (27.6 flow px)
 * apart: at the zoom that fits a whole 84 HP rack into a 1024 px window (about 0.5) a jack is
 * 10 px and its neighbour 14 px away, so no hit slop can give each its own 24 px. On a coarse
 * pointer the rack therefore never zooms out below `touchZoom`: the lowest zoom at which every
 * control's target, grown to 24 screen px, stays clear of every other control's on the same
 * faceplate and of the faceplate's edges (so of the next module's too). Pure: no DOM.
 */
import type { Catalog } from '../../main/patch/catalog';
import { SWITCH_H_MM, SWITCH_W_MM } from './faceplate-art';
import { JACK_PX, KNOB_PX, MAX_ZOOM, MIN_ZOOM, mmToPx, moduleSize } from './geometry';

/** The smallest target a finger can hit reliably, CSS px (WCAG 2.2 SC 2.5.8). */
export const TOUCH_TARGET_PX = 24;
/** Screen px kept between two touch areas: hit-testing rounds to whole pixels, so areas that only touch would share a row of them. */
export const TOUCH_GAP_PX = 1;

/** A control on a faceplate, flow px from its top-left corner: centre and drawn size. */
export interface Target {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Round targets (jacks, knobs) take presses in a circle; switches in a rectangle. */
  round: boolean;
}

export interface Faceplate {
  width: number;
  height: number;
  targets: readonly Target[];
}

/** A target's side at a zoom, flow px: its drawn size, grown so it is TOUCH_TARGET_PX on screen. */
export function touchSide(drawn: number, zoom: number): number {
  return Math.max(drawn, TOUCH_TARGET_PX / zoom);
}

/** Radius of the circle that holds a target's touch area at a zoom, flow px. */
function reach(t: Target, zoom: number): number {
  const w = touchSide(t.width, zoom);
  const h = touchSide(t.height, zoom);
  return t.round ? Math.max(w, h) / 2 : Math.hypot(w, h) / 2;
}

/**
 * True when, at this zoom, no two touch areas of a faceplate come within TOUCH_GAP_PX of each
 * other and none comes within half of it of the faceplate's edges (the next module's are as far).
 */
export function targetsClear(plate: Faceplate, zoom: number): boolean {
  const { targets } = plate;
  const gap = TOUCH_GAP_PX / zoom;
  for (let i = 0; i < targets.length; i++) {
    const a = targets[i]!;
    const ra = reach(a, zoom) + gap / 2;
    if (a.x < ra || a.y < ra || plate.width - a.x < ra || plate.height - a.y < ra) return false;
    for (let j = i + 1; j < targets.length; j++) {
      const b = targets[j]!;
      if (Math.hypot(a.x - b.x, a.y - b.y) < ra + reach(b, zoom) + gap / 2) return false;
    }
  }
  return true;
}

/**
 * The lowest zoom (to 0.01, within MIN_ZOOM..MAX_ZOOM) at which every faceplate's targets are
 * clear; MAX_ZOOM when even that is not enough, 1 when there is nothing to measure.
 */
export function touchZoom(plates: readonly Faceplate[]): number {
  if (plates.every((p) => p.targets.length === 0)) return 1;
  const clear = (z: number) => plates.every((p) => targetsClear(p, z));
  if (clear(MIN_ZOOM)) return MIN_ZOOM;
  if (!clear(MAX_ZOOM)) return MAX_ZOOM;
  // Touch areas only shrink as the zoom grows, so clearance is monotonic: bisect, then round up.
  let lo = MIN_ZOOM;
  let hi = MAX_ZOOM;
  while (hi - lo > 0.001) {
    const mid = (lo + hi) / 2;
    if (clear(mid)) hi = mid;
    else lo = mid;
  }
  const rounded = Math.ceil(hi * 100) / 100;
  return clear(rounded) ? rounded : rounded + 0.01;
}

/** Every module's controls as touch targets, from the catalog (jacks, knobs, switches). */
export function faceplates(catalog: Catalog): Faceplate[] {
  const sw = mmToPx(SWITCH_W_MM);
  const sh = mmToPx(SWITCH_H_MM);
  return catalog.entries.map((entry) => ({
    ...moduleSize(entry.hp),
    targets: [
      ...entry.jacks.map((j) => ({ x: mmToPx(j.x), y: mmToPx(j.y), width: JACK_PX, height: JACK_PX, round: true })),
      ...entry.params.map((p) =>
        p.kind === 'switch'
          ? { x: mmToPx(p.x), y: mmToPx(p.y), width: sw, height: sh, round: false }
          : { x: mmToPx(p.x), y: mmToPx(p.y), width: KNOB_PX, height: KNOB_PX, round: true },
      ),
    ],
  }));
}

const cache = new WeakMap<Catalog, number>();
/** touchZoom of a catalog, computed once per catalog. */
export function catalogTouchZoom(catalog: Catalog): number {
  let zoom = cache.get(catalog);
  if (zoom === undefined) {
    zoom = touchZoom(faceplates(catalog));
    cache.set(catalog, zoom);
  }
  return zoom;
}

/**
 * Rack geometry in screen pixels at zoom 1, after VCV Rack's grid (include/app/common.hpp):
 * one 3U row is 380 px (a 128.5 mm panel) and one HP is 15 px. Panel coordinates in the catalog
 * are millimetres from the panel's top-left corner. Pure: no DOM, no React.
 */
import { PANEL_HEIGHT_MM } from '../../main/patch/catalog';
import { MAX_RACK_ROWS } from '../../main/patch/model';

/** Height of one rack row (a 3U panel), px. */
export const ROW_PX = 380;
/** Width of one HP, px. */
export const HP_PX = 15;
/** Pixels per millimetre of panel (380 / 128.5 ≈ 2.957; 1 HP = 5.08 mm ≈ 15 px). */
export const PX_PER_MM = ROW_PX / PANEL_HEIGHT_MM;
/** Side of a jack's hit box (the handle): a 3.5 mm jack's hex nut is about 6.5 mm across. */
export const JACK_PX = Math.round(6.6 * PX_PER_MM);
/** Diameter of a knob cap (inside the panel's scale ticks, which start about 7 mm out). */
export const KNOB_PX = Math.round(10 * PX_PER_MM);

export interface Point {
  x: number;
  y: number;
}

export interface Slot {
  row: number;
  hp: number;
}

export function mmToPx(mm: number): number {
  return mm * PX_PER_MM;
}

/** Top-left of a module placed at a slot. */
export function slotToPosition(slot: Slot): Point {
  return { x: slot.hp * HP_PX, y: slot.row * ROW_PX };
}

/** The slot nearest to a node position (its top-left corner). */
export function positionToSlot(position: Point): Slot {
  return { row: Math.round(position.y / ROW_PX), hp: Math.round(position.x / HP_PX) };
}

/**
 * The slot for a module `widthHp` wide centred under a point (a drop from the module browser),
 * clamped into a rack of `rows` × `rackHp`.
 */
export function slotUnderPoint(point: Point, widthHp: number, rack: { rows: number; hp: number }): Slot {
  const row = clamp(Math.floor(point.y / ROW_PX), 0, rack.rows - 1);
  const hp = clamp(Math.round(point.x / HP_PX - widthHp / 2), 0, Math.max(0, rack.hp - widthHp));
  return { row, hp };
}

/** Rack-area height, px, that the largest rack must still fit into when zoomed all the way out. */
const SMALLEST_RACK_AREA_PX = 480;

/**
 * How far the canvas zooms out: far enough to fit the largest rack (MAX_RACK_ROWS rows and the
 * row buttons) into a small window's rack area, so "fit" is never clamped short of the whole rack.
 */
export const MIN_ZOOM = Math.min(0.08, SMALLEST_RACK_AREA_PX / ((MAX_RACK_ROWS + 0.2) * ROW_PX));
/** How far the canvas zooms in. The zoom a finger needs (touch-targets.ts) lies between the two. */
export const MAX_ZOOM = 4;

/**
 * Below this zoom a jack is under 3 px and a knob under 5 px: the faceplate image and the lights
 * carry the view, and the controls on it are neither painted nor hit-tested (rack.css `.far`).
 * A fitted rack of a thousand modules sits there; one of a few hundred stays above it.
 */
export const DETAIL_ZOOM = 0.15;

/** Width and height of a module's faceplate. */
export function moduleSize(widthHp: number): { width: number; height: number } {
  return { width: widthHp * HP_PX, height: ROW_PX };
}

/** Size of the whole rack: rows × HP. */
export function rackSize(rack: { rows: number; hp: number }): { width: number; height: number } {
  return { width: rack.hp * HP_PX, height: rack.rows * ROW_PX };
}

/**
 * Where a jack's handle sits in its module: a zero-size point at the jack's centre. React Flow
 * reports a Position.Left handle's left edge middle as the edge end and the reconnect anchor,
 * so a point handle puts both exactly on the jack; the jack's drawing overflows it.
 */
export function jackPoint(xMm: number, yMm: number): Point {
  return { x: mmToPx(xMm), y: mmToPx(yMm) };
}

/**
 * A hanging cable as a quadratic Bézier, as VCV Rack draws it (CableWidget getSlumpPos): the
 * control point sits below the midpoint by (1 − tension)·(150 + length), so long cables sag
 * more. Rack's default tension is 0.5.
 */
export function cableControl(from: Point, to: Point, tension = 0.5): Point {
  const length = Math.hypot(to.x - from.x, to.y - from.y);
  return { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 + (1 - tension) * (150 + length) };
}

/** SVG path data for a cable from `from` to `to`. */
export function cablePath(from: Point, to: Point, tension = 0.5): string {
  const c = cableControl(from, to, tension);
  return `M${r(from.x)},${r(from.y)} Q${r(c.x)},${r(c.y)} ${r(to.x)},${r(to.y)}`;
}

/** A point on a quadratic Bézier at parameter t. */
export function quadPoint(p0: Point, c: Point, p1: Point, t: number): Point {
  const u = 1 - t;
  return { x: u * u * p0.x + 2 * u * t * c.x + t * t * p1.x, y: u * u * p0.y + 2 * u * t * c.y + t * t * p1.y };
}

/**
 * The piece of a quadratic Bézier between parameters t0 < t1, as a quadratic of its own
 * (de Casteljau / blossoming: the new control point is B(t0, t1)).
 */
export function quadSegment(p0: Point, c: Point, p1: Point, t0: number, t1: number): [Point, Point, Point] {
  const blossom = (a: number, b: number): Point => ({
    x: (1 - a) * (1 - b) * p0.x + ((1 - a) * b + a * (1 - b)) * c.x + a * b * p1.x,
    y: (1 - a) * (1 - b) * p0.y + ((1 - a) * b + a * (1 - b)) * c.y + a * b * p1.y,
  });
  return [blossom(t0, t0), blossom(t0, t1), blossom(t1, t1)];
}

/**
 * The part of a cable that takes clicks: the curve without `clearPx` at each end, so the jack
 * under a plug stays reachable (dragging from an output starts a new cable; from an input, the
 * edge's reconnect anchor picks the cable up). Empty for cables too short to have a middle.
 */
export function cableHitPath(from: Point, to: Point, clearPx: number, tension = 0.5): string {
  const c = cableControl(from, to, tension);
  // Control-polygon length bounds the curve length from above; good enough to place the cut.
  const approx = Math.hypot(c.x - from.x, c.y - from.y) + Math.hypot(to.x - c.x, to.y - c.y);
  if (approx <= clearPx * 2.5) return '';
  const t = clearPx / approx;
  const [a, b, d] = quadSegment(from, c, to, t, 1 - t);
  return `M${r(a.x)},${r(a.y)} Q${r(b.x)},${r(b.y)} ${r(d.x)},${r(d.y)}`;
}

function r(n: number): number {
  return Math.round(n * 10) / 10;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(Math.max(n, lo), hi);
}

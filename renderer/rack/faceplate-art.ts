/**
 * The static part of a faceplate drawn once per module type, into the panel image itself: jack
 * nuts and holes, knob bodies, switch slots and unlit LED lenses, on top of the catalog's panel
 * SVG. The DOM then holds only what moves or is touched (knob pointers, switch levers, lit LEDs,
 * invisible jack hit areas), which keeps paint and layerization cheap with hundreds of modules.
 * Pure: string in, string out, in the panel's millimetre coordinates.
 */
import { HP_MM, PANEL_HEIGHT_MM, type CatalogEntry } from '../../main/patch/catalog';

/** Jack hex nut (across corners), bushing and hole radii, mm (a Thonkiconn-style 3.5 mm jack). */
export const NUT_R_MM = 3.2;
const BUSHING_R_MM = 2.05;
const HOLE_R_MM = 1.2;
/** Knob body radius, mm (KNOB_PX / 2 at 2.957 px/mm). */
export const KNOB_R_MM = 5.07;
/** Switch slot and LED lens sizes, mm (the DOM parts use the same). */
export const SWITCH_W_MM = 4;
export const SWITCH_H_MM = 8.6;
export const LED_R_MM = 1.5;
export const SEGMENT_PITCH_MM = 3;
export const SEGMENT_W_MM = 3.4;
export const SEGMENT_H_MM = 2.2;

const DEFS =
  '<defs><radialGradient id="k8s-knob" cx="50%" cy="32%" r="70%">' +
  '<stop offset="0" stop-color="#5a6068"/><stop offset=".55" stop-color="#30343a"/><stop offset="1" stop-color="#1d2024"/>' +
  '</radialGradient></defs>';

/** The panel SVG with the static parts of jacks, knobs, switches and lights drawn on it. */
export function faceplateSvg(def: CatalogEntry): string {
  const end = def.panelSvg.lastIndexOf('</svg>');
  if (end < 0) return def.panelSvg;
  const box = viewBox(def.panelSvg) ?? { x: 0, y: 0, w: def.hp * HP_MM, h: PANEL_HEIGHT_MM };
  const sx = box.w / (def.hp * HP_MM);
  const sy = box.h / PANEL_HEIGHT_MM;
  const parts: string[] = [DEFS];
  for (const l of def.lights) {
    const lens = mix(l.color, 0.16);
    if (l.segments > 1) {
      const top = l.y - (l.segments * SEGMENT_PITCH_MM) / 2;
      for (let i = 0; i < l.segments; i++) {
        const y = top + i * SEGMENT_PITCH_MM + (SEGMENT_PITCH_MM - SEGMENT_H_MM) / 2;
        parts.push(rect(l.x - SEGMENT_W_MM / 2, y, SEGMENT_W_MM, SEGMENT_H_MM, 0.3, lens, '#000', 0.15));
      }
    } else {
      parts.push(`<circle cx="${n(l.x)}" cy="${n(l.y)}" r="${LED_R_MM}" fill="${lens}" stroke="#000" stroke-width=".2"/>`);
    }
  }
  for (const p of def.params) {
    if (p.kind === 'knob') {
      parts.push(
        `<circle cx="${n(p.x)}" cy="${n(p.y)}" r="${KNOB_R_MM}" fill="url(#k8s-knob)" stroke="#08090b" stroke-width=".3"/>`,
      );
    } else {
      parts.push(rect(p.x - SWITCH_W_MM / 2, p.y - SWITCH_H_MM / 2, SWITCH_W_MM, SWITCH_H_MM, 0.8, '#0b0c0e', '#4a5059', 0.3));
    }
  }
  for (const j of def.jacks) {
    parts.push(
      `<polygon points="${hexagon(j.x, j.y, NUT_R_MM)}" fill="#c9ced4" stroke="#6f767e" stroke-width=".3"/>` +
        `<circle cx="${n(j.x)}" cy="${n(j.y)}" r="${BUSHING_R_MM}" fill="#8c939b"/>` +
        `<circle cx="${n(j.x)}" cy="${n(j.y)}" r="${HOLE_R_MM}" fill="#060708"/>`,
    );
  }
  const group = `<g transform="translate(${n(box.x)} ${n(box.y)}) scale(${n(sx)} ${n(sy)})">${parts.join('')}</g>`;
  return def.panelSvg.slice(0, end) + group + def.panelSvg.slice(end);
}

/** The root element's viewBox, if it has one. */
export function viewBox(svg: string): { x: number; y: number; w: number; h: number } | undefined {
  const root = /<svg\b[^>]*>/i.exec(svg)?.[0];
  const m = root && /viewBox\s*=\s*["']([^"']+)["']/i.exec(root);
  if (!m?.[1]) return undefined;
  const [x, y, w, h] = m[1]
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  if ([x, y, w, h].some((v) => v === undefined || !Number.isFinite(v)) || !w || !h) return undefined;
  return { x: x!, y: y!, w, h };
}

/** `#rrggbb` mixed with the dark lens colour #0b0c0e, `amount` of the colour. */
export function mix(color: string, amount: number): string {
  const c = parseInt(color.slice(1), 16);
  const base = [0x0b, 0x0c, 0x0e];
  const rgb = [(c >> 16) & 255, (c >> 8) & 255, c & 255].map((v, i) => Math.round(v * amount + base[i]! * (1 - amount)));
  return '#' + rgb.map((v) => v.toString(16).padStart(2, '0')).join('');
}

function rect(x: number, y: number, w: number, h: number, r: number, fill: string, stroke: string, sw: number): string {
  return `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" rx="${r}" fill="${fill}" stroke="${stroke}" stroke-width="${sw}"/>`;
}

function hexagon(cx: number, cy: number, r: number): string {
  return Array.from({ length: 6 }, (_, i) => {
    const a = (Math.PI / 3) * i + Math.PI / 6;
    return `${n(cx + r * Math.cos(a))},${n(cy + r * Math.sin(a))}`;
  }).join(' ');
}

function n(v: number): string {
  return String(Math.round(v * 1000) / 1000);
}

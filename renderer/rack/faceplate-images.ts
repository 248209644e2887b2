/**
 * Faceplate images per module type: the composite SVG (faceplate-art.ts) as a data: URL, and the
 * same rasterized once into a PNG data: URL. Zoomed out, where hundreds of modules are on screen,
 * faceplates show the PNG: a bitmap is decoded once and drawn as a plain image, where an SVG
 * image is re-rendered for every tile Chromium rasterizes (VCV Rack likewise draws modules into
 * framebuffers). Zoomed in past the bitmap's resolution, they switch to the SVG to stay sharp.
 * (Data URLs, because the CSP allows img-src data: and not blob:.)
 */
import { useSyncExternalStore } from 'react';
import type { CatalogEntry } from '../../main/patch/catalog';
import { PANEL_HEIGHT_MM, HP_MM } from '../../main/patch/catalog';
import { faceplateSvg } from './faceplate-art';

/** Resolution of the bitmap, px per mm of panel (about 2.7× the canvas at zoom 1). */
export const BITMAP_PX_PER_MM = 8;

interface Faceplate {
  svg: string;
  png: string | null;
}

const plates = new WeakMap<CatalogEntry, Faceplate>();
const listeners = new Set<() => void>();

function faceplate(def: CatalogEntry): Faceplate {
  let plate = plates.get(def);
  if (!plate) {
    plate = { svg: 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(faceplateSvg(def)), png: null };
    plates.set(def, plate);
    const target = plate;
    void rasterize(target.svg, def.hp * HP_MM * BITMAP_PX_PER_MM, PANEL_HEIGHT_MM * BITMAP_PX_PER_MM).then(
      (png) => {
        target.png = png;
        listeners.forEach((l) => l());
      },
      // No bitmap (an SVG the canvas refuses): the SVG serves at every zoom.
      () => undefined,
    );
  }
  return plate;
}

async function rasterize(url: string, width: number, height: number): Promise<string> {
  const img = new Image();
  img.src = url;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width);
  canvas.height = Math.round(height);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d canvas');
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/png');
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** The URL to show for a faceplate: the bitmap unless `sharp` (zoomed in) or not ready yet. */
export function useFaceplateUrl(def: CatalogEntry, sharp: boolean): string {
  return useSyncExternalStore(subscribe, () => {
    const plate = faceplate(def);
    return sharp || plate.png === null ? plate.svg : plate.png;
  });
}

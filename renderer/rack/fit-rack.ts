/**
 * "Fit": the whole rack (case and all rows, not only the modules, with the row buttons under it)
 * centred in the canvas, as a patch first opens, Ctrl+0 and the fit button all show it. On a
 * coarse pointer the zoom never goes below touchZoom (touch-targets.ts), so a finger can hit
 * every jack: when the rack is larger than the canvas at that zoom, the fit starts at its
 * top-left corner (where a patch reads from, Ingress first) and the overview map appears to pan.
 */
import { getViewportForBounds, type Viewport } from '@xyflow/react';
import { useRack } from '../store/rackStore';
import type { FlowLike } from '../actions/types';
import { rackSize } from './geometry';
import { MAX_ZOOM, MIN_ZOOM } from './geometry';
import { catalogTouchZoom } from './touch-targets';
import { isCoarsePointer } from './useCoarsePointer';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Padding around the rack when it is fitted (a fraction, as React Flow's fitView takes it). */
export const FIT_PADDING = 0.04;
/** Flow px under the case taken by "+ row / − row". */
const ROW_BUTTONS_PX = 48;

/** The rack case and the row buttons under it: what "fit" shows (so no overview covers a module). */
export function rackBounds(): Rect {
  const size = rackSize(useRack.getState().patch.rack);
  return { x: 0, y: 0, width: size.width, height: size.height + ROW_BUTTONS_PX };
}

/**
 * The viewport that fits `bounds` into a canvas: centred, as React Flow fits, while it fits at a
 * zoom ≥ minZoom; held at minZoom otherwise, each axis that still does not fit then starting at
 * the bounds' edge (plus the padding) instead of cutting both ends. Pure.
 */
export function rackViewport(
  bounds: Rect,
  canvas: { width: number; height: number },
  zoomRange: { min: number; max: number },
  padding = FIT_PADDING,
): Viewport {
  const fitted = getViewportForBounds(bounds, canvas.width, canvas.height, zoomRange.min, zoomRange.max, padding);
  const pad = (side: number) => Math.floor((side - side / (1 + padding)) * 0.5);
  const axis = (start: number, size: number, canvasSize: number, centred: number) =>
    size * fitted.zoom + 2 * pad(canvasSize) <= canvasSize + 0.5 ? centred : pad(canvasSize) - start * fitted.zoom;
  return {
    zoom: fitted.zoom,
    x: axis(bounds.x, bounds.width, canvas.width, fitted.x),
    y: axis(bounds.y, bounds.height, canvas.height, fitted.y),
  };
}

/** The lowest zoom the canvas allows: touchZoom on a touch screen, so every target stays 24 px. */
export function lowestZoom(): number {
  return isCoarsePointer() ? catalogTouchZoom(useRack.getState().catalog) : MIN_ZOOM;
}

/**
 * The flow rect that React Flow's fitBounds, with no padding, turns into exactly `viewport` on a
 * canvas of this size: what the canvas shows at that viewport. Pure.
 */
export function visibleRect(viewport: Viewport, canvas: { width: number; height: number }): Rect {
  const { x, y, zoom } = viewport;
  return { x: -x / zoom, y: -y / zoom, width: canvas.width / zoom, height: canvas.height / zoom };
}

/** Fits the rack into the canvas on screen (before the canvas is laid out: React Flow's own fit). */
export function fitRack(flow: FlowLike, options: { duration?: number } = {}): void {
  const canvas = globalThis.document?.querySelector('[data-testid="rack-canvas"]')?.getBoundingClientRect();
  if (!canvas || canvas.width === 0 || canvas.height === 0) {
    void flow.fitBounds(rackBounds(), { padding: FIT_PADDING, ...options });
    return;
  }
  const viewport = rackViewport(rackBounds(), canvas, { min: lowestZoom(), max: MAX_ZOOM });
  void flow.fitBounds(visibleRect(viewport, canvas), { padding: 0, ...options });
}

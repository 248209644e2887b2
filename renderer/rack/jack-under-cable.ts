/**
 * Jacks come before cables, as in VCV Rack, although cables hang over the faceplates:
 * - a press on a cable's clickable middle that lands on a jack is handed to that jack (the click
 *   that follows is swallowed, so the crossing cable is not selected as well);
 * - a press on a patched input picks up its top cable: it is handed to that cable's reconnect
 *   anchor. React Flow draws the anchor over the input's end, but with a near-zero radius
 *   (RackCanvas), so the jack itself stays hoverable, clickable and shows its tooltip.
 */
import type { MouseEvent as ReactMouseEvent } from 'react';

let handedOver = false;

/** Re-sends a press to another element (React Flow listens for mousedown on handles and anchors). */
export function handOver(target: Element, e: ReactMouseEvent): void {
  e.stopPropagation();
  e.preventDefault();
  const { clientX, clientY, screenX, screenY, shiftKey, ctrlKey, altKey, metaKey } = e;
  target.dispatchEvent(
    new MouseEvent('mousedown', {
      bubbles: true,
      cancelable: true,
      view: window,
      button: 0,
      buttons: 1,
      clientX,
      clientY,
      screenX,
      screenY,
      shiftKey,
      ctrlKey,
      altKey,
      metaKey,
    }),
  );
}

/** The jack under a viewport point, if any (looking through the cables drawn over it). */
export function jackAtPoint(x: number, y: number): HTMLElement | null {
  for (const el of document.elementsFromPoint(x, y)) {
    const jack = el.closest<HTMLElement>('.jack-art');
    if (jack) return jack;
  }
  return null;
}

/** The reconnect anchor at the input end of a cable. */
export function reconnectAnchor(cableId: string): Element | null {
  return document.querySelector(`.react-flow__edge[data-id="${CSS.escape(cableId)}"] .react-flow__edgeupdater-target`);
}

export function onCableMouseDown(e: ReactMouseEvent<SVGElement>): void {
  // A hand-over whose mouseup landed elsewhere produced no click: forget it.
  handedOver = false;
  if (e.button !== 0) return;
  const jack = jackAtPoint(e.clientX, e.clientY);
  if (!jack) return;
  handedOver = true;
  handOver(jack, e);
}

export function onCableClick(e: ReactMouseEvent<SVGElement>): void {
  if (!handedOver) return;
  handedOver = false;
  e.stopPropagation();
}

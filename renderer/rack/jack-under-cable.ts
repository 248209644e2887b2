/**
 * Jacks come before cables, as in VCV Rack, although cables hang over the faceplates:
 * - a press on a cable's clickable middle that lands on a jack, or on a module's header (its
 *   title band, where a module is grabbed), is handed to that jack or module (the click that
 *   follows is swallowed, so the crossing cable is not selected as well);
 * - a press on a patched input picks up its top cable: it is handed to that cable's reconnect
 *   anchor. React Flow draws the anchor over the input's end, but with a near-zero radius
 *   (RackCanvas), so the jack itself stays hoverable, clickable and shows its tooltip.
 */
import type { MouseEvent as ReactMouseEvent, TouchEvent as ReactTouchEvent } from 'react';

let handedOver = false;
/** The module a press was handed to: it gets the click too (React Flow selects on click). */
let handedModule: HTMLElement | null = null;

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

/**
 * Re-sends a finger's press to another element, as handOver does for the mouse (React Flow's
 * handles listen for touchstart; the finger's later touchmove and touchend reach the document).
 */
export function handOverTouch(target: Element, e: ReactTouchEvent): void {
  const first = e.touches[0];
  if (!first) return;
  e.stopPropagation();
  const { identifier, clientX, clientY, screenX, screenY, pageX, pageY } = first;
  const touch = new Touch({ identifier, target, clientX, clientY, screenX, screenY, pageX, pageY });
  target.dispatchEvent(
    new TouchEvent('touchstart', {
      bubbles: true,
      cancelable: true,
      touches: [touch],
      targetTouches: [touch],
      changedTouches: [touch],
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

/** The top of a faceplate down to the end of its title band (mm of the 128.5 mm panel). */
const HEADER_FRACTION = 18 / 128.5;

/** The module whose header (title band) is under a viewport point, looking through the cables. */
export function moduleHeaderAtPoint(x: number, y: number): HTMLElement | null {
  for (const el of document.elementsFromPoint(x, y)) {
    const module = el.closest<HTMLElement>('.react-flow__node');
    if (!module) continue;
    const box = module.getBoundingClientRect();
    return y - box.top <= box.height * HEADER_FRACTION ? module : null;
  }
  return null;
}

/** The reconnect anchor at the input end of a cable. */
export function reconnectAnchor(cableId: string): Element | null {
  return document.querySelector(`.react-flow__edge[data-id="${CSS.escape(cableId)}"] .react-flow__edgeupdater-target`);
}

/** The React Flow handle of a jack (where a press starts a cable from it). */
export function jackHandle(ref: { module: string; jack: string }): Element | null {
  return document.querySelector(
    `.react-flow__handle[data-nodeid="${CSS.escape(ref.module)}"][data-handleid="${CSS.escape(ref.jack)}"]`,
  );
}

export function onCableMouseDown(e: ReactMouseEvent<SVGElement>): void {
  // A hand-over whose mouseup landed elsewhere produced no click: forget it.
  handedOver = false;
  handedModule = null;
  if (e.button !== 0) return;
  // A jack, then a module's header (where a module is grabbed and selected), come before the cable.
  const target = jackAtPoint(e.clientX, e.clientY) ?? moduleHeaderAtPoint(e.clientX, e.clientY);
  if (!target) return;
  handedOver = true;
  if (!target.classList.contains('jack-art')) handedModule = target;
  handOver(target, e);
}

export function onCableClick(e: ReactMouseEvent<SVGElement>): void {
  if (!handedOver) return;
  handedOver = false;
  e.stopPropagation();
  const module = handedModule;
  handedModule = null;
  const { clientX, clientY, shiftKey, ctrlKey, altKey, metaKey } = e;
  module?.dispatchEvent(
    new MouseEvent('click', {
      bubbles: true,
      cancelable: true,
      view: window,
      clientX,
      clientY,
      shiftKey,
      ctrlKey,
      altKey,
      metaKey,
    }),
  );
}

/**
 * Cables hang over the faceplates, so a cable crossing a jack would swallow the press meant for
 * that jack. VCV gives ports priority over cables; so do we: a press on a cable's clickable
 * middle that lands on a jack is handed to the jack: to the reconnect anchor of a cable plugged
 * there (pick it up), else to the jack's handle (start a new cable). The click that follows is
 * swallowed so the crossing cable is not selected as well.
 */
import type { MouseEvent as ReactMouseEvent } from 'react';

let handedOver = false;

/** What a press at a viewport point should reach, if a jack is there. */
export function jackTargetAt(x: number, y: number): Element | null {
  for (const el of document.elementsFromPoint(x, y)) {
    if (el.classList.contains('react-flow__edgeupdater')) return el;
    const handle = el.closest('.react-flow__handle.jack');
    if (handle) return handle;
  }
  return null;
}

export function onCableMouseDown(e: ReactMouseEvent<SVGElement>): void {
  // A hand-over whose mouseup landed elsewhere produced no click: forget it.
  handedOver = false;
  if (e.button !== 0) return;
  const target = jackTargetAt(e.clientX, e.clientY);
  if (!target) return;
  e.stopPropagation();
  e.preventDefault();
  handedOver = true;
  const { clientX, clientY, screenX, screenY, shiftKey, ctrlKey, altKey, metaKey } = e;
  target.dispatchEvent(
    new MouseEvent('mousedown', { bubbles: true, cancelable: true, view: window, button: 0, buttons: 1, clientX, clientY, screenX, screenY, shiftKey, ctrlKey, altKey, metaKey }),
  );
}

export function onCableClick(e: ReactMouseEvent<SVGElement>): void {
  if (!handedOver) return;
  handedOver = false;
  e.stopPropagation();
}

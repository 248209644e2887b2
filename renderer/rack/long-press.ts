/**
 * A long press of a finger as a right-click: a touch screen has no right button and headless or
 * kiosk Chromium fires no `contextmenu` for a held finger, so a finger held still for
 * LONG_PRESS_MS on an element sends it one, and the rack's menus (a jack's cables, a module's
 * actions) open as they do for the mouse. A finger that moves (a drag) or lifts first cancels it.
 */
export const LONG_PRESS_MS = 500;
/** Movement, px, that makes a press a drag. */
const SLOP_PX = 8;

export function startLongPress(target: Element, touch: { clientX: number; clientY: number }): void {
  const { clientX, clientY } = touch;
  const cancel = () => {
    clearTimeout(timer);
    document.removeEventListener('touchmove', onMove, true);
    document.removeEventListener('touchend', cancel, true);
    document.removeEventListener('touchcancel', cancel, true);
  };
  const onMove = (e: TouchEvent) => {
    const t = e.touches[0];
    if (!t || Math.hypot(t.clientX - clientX, t.clientY - clientY) > SLOP_PX) cancel();
  };
  const timer = setTimeout(() => {
    cancel();
    target.dispatchEvent(
      new MouseEvent('contextmenu', { bubbles: true, cancelable: true, view: window, button: 2, clientX, clientY }),
    );
  }, LONG_PRESS_MS);
  document.addEventListener('touchmove', onMove, true);
  document.addEventListener('touchend', cancel, true);
  document.addEventListener('touchcancel', cancel, true);
}

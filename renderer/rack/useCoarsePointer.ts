/**
 * Whether the primary pointer is coarse (a finger on a tablet: CSS `pointer: coarse`). Read at
 * call time by the fit, and as a hook by the canvas so that docking a keyboard and mouse to a
 * tablet (or emulating one) switches the zoom limits and hit areas without a reload.
 */
import { useSyncExternalStore } from 'react';

const QUERY = '(pointer: coarse)';

export function isCoarsePointer(): boolean {
  return typeof matchMedia === 'function' && matchMedia(QUERY).matches;
}

function subscribe(onChange: () => void): () => void {
  if (typeof matchMedia !== 'function') return () => {};
  const list = matchMedia(QUERY);
  list.addEventListener('change', onChange);
  return () => list.removeEventListener('change', onChange);
}

export function useCoarsePointer(): boolean {
  return useSyncExternalStore(subscribe, isCoarsePointer);
}

/**
 * Fits the whole rack (case and all rows, not only the modules, with the row buttons under it)
 * on screen when a patch first arrives, again whenever a different patch replaces it (new, open,
 * example, import): i.e. when none of the previous module ids remain, and whenever the rack area
 * changes size (the window, a side panel folded or resized). Edits within a patch never move
 * the view.
 */
import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import type { Module } from '../../main/patch/model';
import { useRack } from '../store/rackStore';
import { rackSize } from './geometry';

const idLists = new WeakMap<readonly Module[], string>();
function moduleIds(modules: readonly Module[]): string {
  let ids = idLists.get(modules);
  if (ids === undefined) {
    ids = modules.map((m) => m.id).join(' ');
    idLists.set(modules, ids);
  }
  return ids;
}

/** Fits the rack case, and the row buttons under it, into the view. */
function fitRack(flow: ReturnType<typeof useReactFlow>): void {
  const size = rackSize(useRack.getState().patch.rack);
  void flow.fitBounds({ x: 0, y: 0, width: size.width, height: size.height + ROW_BUTTONS_PX }, { padding: 0.04 });
}
/** Flow px under the case taken by "+ row / − row". */
const ROW_BUTTONS_PX = 48;

/** Refits when `element` (the rack area) changes size. */
export function useRefitOnResize(element: HTMLElement | null): void {
  const flow = useReactFlow();
  useEffect(() => {
    if (!element) return;
    let frame = 0;
    let last = '';
    const observer = new ResizeObserver(([entry]) => {
      const size = `${Math.round(entry!.contentRect.width)}x${Math.round(entry!.contentRect.height)}`;
      if (size === last) return;
      const first = last === '';
      last = size;
      if (first) return;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => fitRack(flow));
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [element, flow]);
}

export function useFitRack(): void {
  const flow = useReactFlow();
  const ids = useRack((s) => moduleIds(s.patch.modules));
  const loaded = useRack((s) => s.client !== null);
  const previous = useRef<Set<string> | null>(null);

  useEffect(() => {
    if (!loaded) return;
    const current = new Set(ids ? ids.split(' ') : []);
    const before = previous.current;
    // A single module added to an empty rack is an edit, not a new patch: keep the view.
    const fresh = ![...current].some((id) => before?.has(id));
    const replaced = before === null || (fresh && (before.size > 0 || current.size > 1));
    if (!replaced) {
      previous.current = current;
      return;
    }
    // Remembered only once the fit ran, so a cancelled frame (StrictMode's re-run) fits again.
    const frame = requestAnimationFrame(() => {
      previous.current = current;
      fitRack(flow);
    });
    return () => cancelAnimationFrame(frame);
  }, [ids, loaded, flow]);
}

/**
 * Fits the rack on screen (fit-rack.ts) when a patch first arrives, again whenever a different patch replaces it (new, open,
 * example, import): i.e. when none of the previous module ids remain, and when the window or a
 * side column changes size. Edits within a patch never move the view.
 */
import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import type { Module } from '../../main/patch/model';
import { useUi } from '../shell/uiStore';
import { useRack } from '../store/rackStore';
import { fitRack } from './fit-rack';

const idLists = new WeakMap<readonly Module[], string>();
function moduleIds(modules: readonly Module[]): string {
  let ids = idLists.get(modules);
  if (ids === undefined) {
    ids = modules.map((m) => m.id).join(' ');
    idLists.set(modules, ids);
  }
  return ids;
}

/**
 * Refits when the window is resized or a side column is folded or resized. Not on every size
 * change of the rack area: a bottom strip growing by a line (a wrapped transport bar) must not
 * move the rack under the user's hand mid-drag.
 */
export function useRefitOnResize(): void {
  const flow = useReactFlow();
  useEffect(() => {
    let frame = 0;
    // Two frames: the grid has laid out the new column widths before the fit measures the canvas.
    const refit = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => (frame = requestAnimationFrame(() => fitRack(flow))));
    };
    window.addEventListener('resize', refit);
    const off = useUi.subscribe((s, prev) => {
      if (
        s.browserCollapsed !== prev.browserCollapsed ||
        s.panelCollapsed !== prev.panelCollapsed ||
        s.panelWidth !== prev.panelWidth
      )
        refit();
    });
    return () => {
      window.removeEventListener('resize', refit);
      off();
      cancelAnimationFrame(frame);
    };
  }, [flow]);
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

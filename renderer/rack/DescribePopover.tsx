/**
 * A module's description where a tablet and a keyboard can reach it, not only in the native
 * hover tooltip: the nameplate is a button, and a tap, click, Enter or Space on it opens this
 * popover, with what the module is (the catalog's description) and its live state (the
 * simulator's `kubectl describe`). A dialog for screen readers, labelled by its heading; focus
 * moves into it and back to the nameplate when it closes (Escape, the ✕, or a press outside).
 * Drawn on the page, not the canvas, so it keeps its size at any zoom.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { useRack } from '../store/rackStore';
import { useSim } from '../sim/simStore';
import { useMenuDismiss } from './useMenuDismiss';

const WIDTH = 340;

/** Where the popover goes: under the nameplate, or above it when the window ends first; kept on screen. */
export function popoverPlace(anchor: DOMRect, size: { width: number; height: number }, popoverHeight: number) {
  const left = Math.max(8, Math.min(anchor.left + anchor.width / 2 - WIDTH / 2, size.width - WIDTH - 8));
  const below = anchor.bottom + 6;
  const top = below + popoverHeight <= size.height - 8 ? below : Math.max(8, anchor.top - 6 - popoverHeight);
  return { left, top };
}

export function DescribePopover({
  id,
  moduleId,
  name,
  anchor,
  onClose,
}: {
  id: string;
  moduleId: string;
  name: string;
  anchor: RefObject<HTMLElement | null>;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const def = useRack((s) => s.catalog.get(s.patch.modules.find((m) => m.id === moduleId)?.type ?? ''));
  const status = useSim((s) => s.moduleStatus[moduleId]);
  const [described, setDescribed] = useState<string | null>(null);
  const [at, setAt] = useState<{ left: number; top: number } | null>(null);

  useEffect(() => {
    let live = true;
    void useRack
      .getState()
      .client?.request('sim.describe', { module: moduleId })
      .then(
        (text) => live && setDescribed(text),
        () => live && setDescribed(null),
      );
    return () => {
      live = false;
    };
  }, [moduleId]);

  // Placed once its height is known, and again when the text arrives.
  useEffect(() => {
    const box = anchor.current?.getBoundingClientRect();
    const height = ref.current?.offsetHeight ?? 0;
    if (box) setAt(popoverPlace(box, { width: window.innerWidth, height: window.innerHeight }, height));
  }, [anchor, described]);

  useMenuDismiss(ref, onClose, anchor);

  const live = described ?? status;
  return createPortal(
    <div
      ref={ref}
      id={id}
      className="describe-popover"
      role="dialog"
      aria-labelledby={`${id}-title`}
      data-testid={`describe-${moduleId}`}
      style={{ width: WIDTH, left: at?.left ?? -9999, top: at?.top ?? 0 }}
      onContextMenu={(e) => e.preventDefault()}
    >
      <div className="describe-popover__head">
        <h3 id={`${id}-title`}>
          {def?.name ?? 'Module'} {name}
        </h3>
        <button
          type="button"
          className="describe-popover__close"
          aria-label="Close"
          data-testid="describe-close"
          onClick={() => {
            onClose();
            anchor.current?.focus();
          }}
        >
          ✕
        </button>
      </div>
      {def?.description && <p className="describe-popover__about">{def.description}</p>}
      {live ? (
        <pre className="describe-popover__live" aria-label="Current state">
          {live}
        </pre>
      ) : (
        <p className="describe-popover__about">Run the simulated cluster to see its state here.</p>
      )}
    </div>,
    document.body,
  );
}

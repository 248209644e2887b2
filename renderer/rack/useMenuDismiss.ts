/**
 * A context menu or popover closes on Escape or a press outside it, and takes focus on its first
 * button. With an `anchor` (the button that opened it), a press on the anchor is left to the
 * anchor (it toggles), and Escape gives the focus back to it. Escape ends there: it does not also
 * reach the rack's shortcuts (Select none).
 */
import { useEffect, type RefObject } from 'react';

export function useMenuDismiss(
  ref: RefObject<HTMLElement | null>,
  onClose: () => void,
  anchor?: RefObject<HTMLElement | null>,
): void {
  useEffect(() => {
    const onDown = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!ref.current?.contains(target) && !anchor?.current?.contains(target)) onClose();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      onClose();
      anchor?.current?.focus();
    };
    window.addEventListener('pointerdown', onDown, true);
    window.addEventListener('keydown', onKey, true);
    ref.current?.querySelector<HTMLElement>('button')?.focus();
    return () => {
      window.removeEventListener('pointerdown', onDown, true);
      window.removeEventListener('keydown', onKey, true);
    };
  }, [ref, onClose, anchor]);
}

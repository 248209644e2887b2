/**
 * The right-click menu of a cable: recolour it from the palette (undoable, as VCV's
 * CableColorChange) or pull it out.
 */
import { useEffect, useRef } from 'react';
import { useMenuDismiss } from './useMenuDismiss';
import { CABLE_PALETTE } from '../../main/patch/model';
import { newId, sendOps, useRack } from '../store/rackStore';

export interface CableMenuAt {
  cableId: string;
  /** Viewport (client) coordinates of the click. */
  x: number;
  y: number;
}

const COLOR_NAMES: Record<string, string> = {
  '#f3374b': 'Red',
  '#ffb437': 'Yellow',
  '#00b56e': 'Green',
  '#3695ef': 'Blue',
  '#8b4ade': 'Purple',
};

export function CableMenu({ at, onClose }: { at: CableMenuAt; onClose: () => void }) {
  const color = useRack((s) => s.patch.cables.find((c) => c.id === at.cableId)?.color);
  const ref = useRef<HTMLDivElement>(null);

  useMenuDismiss(ref, onClose);

  // The cable went away (undo, another view): nothing left to act on.
  useEffect(() => {
    if (color === undefined) onClose();
  }, [color, onClose]);
  if (color === undefined) return null;

  const recolor = (c: string) => {
    onClose();
    if (c.toLowerCase() !== color.toLowerCase())
      void sendOps([{ type: 'set-cable-color', id: at.cableId, color: c }], { gesture: newId('g') });
  };
  const remove = () => {
    onClose();
    void sendOps([{ type: 'disconnect', id: at.cableId }], { gesture: newId('g') });
  };

  return (
    <div
      ref={ref}
      className="context-menu"
      role="menu"
      aria-label="Cable"
      data-testid="context-menu-cable"
      style={{ left: Math.min(at.x, window.innerWidth - 190), top: Math.min(at.y, window.innerHeight - 140) }}
      onContextMenu={(e) => e.preventDefault()}
    >
      <div className="context-menu-title">Cable colour</div>
      <div className="swatches">
        {CABLE_PALETTE.map((c) => (
          <button
            key={c}
            type="button"
            role="menuitemradio"
            aria-checked={c.toLowerCase() === color.toLowerCase()}
            aria-label={COLOR_NAMES[c] ?? c}
            title={COLOR_NAMES[c] ?? c}
            data-testid={`context-color-${c.slice(1)}`}
            className="swatch"
            style={{ background: c }}
            onClick={() => recolor(c)}
          />
        ))}
      </div>
      <button type="button" role="menuitem" className="menu-item danger" data-testid="context-delete-cable" onClick={remove}>
        Delete cable
      </button>
    </div>
  );
}

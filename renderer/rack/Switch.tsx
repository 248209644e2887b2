/**
 * A toggle switch (its slot is drawn in the faceplate image): a click moves the lever to the next position (cycling), as a set-param op.
 * Position 0 is at the bottom, the last at the top, matching the panel labels (RUN below,
 * CORDON above on the Node).
 */
import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import type { SwitchDef } from '../../main/patch/catalog';
import { newId, sendOps, useRack } from '../store/rackStore';
import { SWITCH_H_MM as HEIGHT_MM, SWITCH_W_MM as WIDTH_MM } from './faceplate-art';
import { mmToPx } from './geometry';
import { moduleIndex } from './patch-index';

export const Switch = memo(function Switch({ moduleId, def }: { moduleId: string; def: SwitchDef }) {
  const value = useRack((s) => moduleIndex(s.patch.modules).get(moduleId)?.params[def.id] ?? def.default);
  const count = def.positions.length;
  const position = def.positions[value] ?? String(value);

  const cycle = () =>
    void sendOps([{ type: 'set-param', id: moduleId, param: def.id, value: (value + 1) % count }], { gesture: newId('g') });
  const onClick = (e: MouseEvent) => {
    e.stopPropagation();
    cycle();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== ' ' && e.key !== 'Enter') return;
    e.preventDefault();
    e.stopPropagation();
    cycle();
  };

  const w = mmToPx(WIDTH_MM);
  const h = mmToPx(HEIGHT_MM);
  // Lever travel: bottom (0) to top (count − 1).
  const t = count > 1 ? value / (count - 1) : 0;
  return (
    <div
      className="switch nodrag nopan nokey"
      role="button"
      tabIndex={0}
      aria-label={`${def.label}: ${position}`}
      data-testid={`switch-${moduleId}-${def.id}`}
      data-value={value}
      data-position={position}
      title={`${def.label}: ${position.toUpperCase()} (click for ${(def.positions[(value + 1) % count] ?? '').toUpperCase()})\n${def.description}`}
      style={{ left: mmToPx(def.x) - w / 2, top: mmToPx(def.y) - h / 2, width: w, height: h }}
      onClick={onClick}
      onDoubleClick={(e) => e.stopPropagation()}
      onKeyDown={onKeyDown}
    >
      <span className="switch-lever" style={{ top: `${(1 - t) * 62}%` }} />
    </div>
  );
});

/**
 * A knob under pickup: the rack's knob stands elsewhere than the screen value and takes over only
 * once the performer turns it through that value (so nothing jumps). A thin ghost pointer shows
 * where the physical knob is. Reads only its own pickup; most knobs render nothing.
 */
import { memo } from 'react';
import type { KnobDef } from '../../main/patch/catalog';
import { formatValue, knobAngle } from '../rack/knob-math';
import { useHardware } from './hardwareStore';
import './hardware.css';

export const PickupPointer = memo(function PickupPointer({ moduleId, def }: { moduleId: string; def: KnobDef }) {
  const key = `${moduleId}/${def.id}`;
  const physical = useHardware((s) => s.hardware.pickups.find((p) => p.key === key)?.physical);
  if (physical === undefined) return null;
  return (
    <div
      className="knob-pickup"
      data-testid={`pickup-${moduleId}-${def.id}`}
      data-physical={physical}
      title={`The rack's knob is at ${formatValue(def, physical)}: turn it through the screen value to pick it up.`}
      style={{ transform: `rotate(${knobAngle(def, physical)}deg)` }}
    >
      <span className="knob-pickup__pointer" />
    </div>
  );
});

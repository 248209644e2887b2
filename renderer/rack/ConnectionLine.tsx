/**
 * The cable while it is being drawn or carried: the same sagging curve, in the colour the new
 * cable will get (or the carried cable's own), with a loose plug at the pointer. Faded while
 * over a jack that would refuse it.
 */
import type { ConnectionLineComponentProps } from '@xyflow/react';
import { CABLE_PALETTE } from '../../main/patch/model';
import { useRack } from '../store/rackStore';
import { PLUG_R } from './CableEdge';
import { useUi } from '../shell/uiStore';
import { cablePath } from './geometry';
import { useDragColor } from './interaction';

export function ConnectionLine({ fromX, fromY, toX, toY, connectionStatus }: ConnectionLineComponentProps) {
  const next = useRack((s) => CABLE_PALETTE[s.nextColor % CABLE_PALETTE.length]!);
  const color = useDragColor() ?? next;
  const tension = useUi((s) => s.cableTension);
  const from = { x: fromX, y: fromY };
  const to = { x: toX, y: toY };
  const cls = connectionStatus === 'invalid' ? ' refused' : connectionStatus === 'valid' ? ' accepted' : '';
  return (
    <g className={'cable-drawing' + cls} data-testid="connection-line">
      <path className="cable" d={cablePath(from, to, tension)} stroke={color} />
      <circle className="plug" cx={from.x} cy={from.y} r={PLUG_R} fill={color} />
      <circle className="plug loose" cx={to.x} cy={to.y} r={PLUG_R} fill={color} />
    </g>
  );
}

/**
 * A patch cable: a sagging curve from output to input with a round plug at each end, drawn over
 * the faceplates as in VCV Rack. Brighter and thicker when selected or when one of its jacks is
 * hovered. No dashes or animation: with hundreds of cables on screen they are what costs.
 * Only the middle of the cable takes clicks, so the jacks under its plugs stay usable.
 */
import type { Edge, EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { cableHitPath, cablePath, JACK_PX } from './geometry';
import { useUi } from '../shell/uiStore';
import { useCableCarried, useJackHovered } from './interaction';
import { onCableClick, onCableMouseDown } from './jack-under-cable';
import { CableSignal } from '../sim/CableSignal'; // cables glow with their signal

export interface CableData extends Record<string, unknown> {
  color: string;
  /** jackKey of each end, to light the cable when its jack is hovered. */
  fromKey: string;
  toKey: string;
}

export type CableFlowEdge = Edge<CableData, 'cable'>;

/** Radius of a plug's body. */
export const PLUG_R = JACK_PX * 0.36;
/** Length at each end of a cable that does not take clicks (the plug and the jack under it). */
const CLEAR_PX = JACK_PX * 0.75;

export const CableEdge = memo(function CableEdge({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  data,
  selected,
}: EdgeProps<CableFlowEdge>) {
  const color = data?.color ?? '#888888';
  const hot = useJackHovered(data?.fromKey ?? '', data?.toKey ?? '');
  const carried = useCableCarried(id);
  // Handles are points on the jack centres (geometry.jackPoint), so these are the jacks.
  const from = { x: sourceX, y: sourceY };
  const to = { x: targetX, y: targetY };
  const tension = useUi((s) => s.cableTension);
  const d = cablePath(from, to, tension);
  const hit = cableHitPath(from, to, CLEAR_PX, tension);
  const state = selected ? ' selected' : hot ? ' hot' : '';
  // While carried, the connection line draws it from its output to the pointer.
  if (carried) return null;
  return (
    <>
      {selected && <path className="cable-halo" d={d} />}
      <path className={'cable' + state} d={d} stroke={color} data-testid={`cable-${id}`} data-color={color} />
      {data && <CableSignal d={d} fromKey={data.fromKey} color={color} />}
      <circle className={'plug' + state} cx={from.x} cy={from.y} r={PLUG_R} fill={color} />
      <circle className={'plug' + state} cx={to.x} cy={to.y} r={PLUG_R} fill={color} />
      {hit && <path className="cable-hit" d={hit} onMouseDown={onCableMouseDown} onClick={onCableClick} />}
    </>
  );
});

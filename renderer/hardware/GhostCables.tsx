/**
 * Pending edits on the canvas: an on-screen edit to a physical module's jacks waits for the
 * performer's hands, drawn meanwhile as a ghost cable (dashed, see-through, in the cable's colour)
 * between the two jacks; a cable to pull out is traced dashed and blinking over the real one. A
 * layer of its own in flow coordinates, above the cables: ghosts come and go without touching
 * React Flow's nodes or edges, so the canvas does not re-render for them.
 */
import { ViewportPortal } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { useRack } from '../store/rackStore';
import { layoutSignature } from '../rack/patch-index';
import { PLUG_R } from '../rack/CableEdge';
import { useUi } from '../shell/uiStore';
import { ghostCables } from './ghost-geometry';
import { useHardware } from './hardwareStore';
import './hardware.css';
import { useHardwareConnection } from './useHardwareConnection';

export const GhostCables = memo(function GhostCables() {
  useHardwareConnection();
  const pending = useHardware((s) => s.hardware.pending);
  // Jack positions change only when modules move: not on a knob turn.
  const layout = useRack((s) => layoutSignature(s.patch.modules));
  const catalog = useRack((s) => s.catalog);
  const tension = useUi((s) => s.cableTension);
  const ghosts = useMemo(
    () => (pending.length === 0 ? [] : ghostCables(pending, useRack.getState().patch, catalog, tension)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [pending, layout, catalog, tension],
  );
  if (ghosts.length === 0) return null;
  return (
    <ViewportPortal>
      <svg className="ghost-layer" data-testid="ghost-layer" aria-hidden="true">
        {ghosts.map((g) => (
          <g key={g.id} className={`ghost ghost--${g.action}`} data-testid={`ghost-${g.id}`} data-action={g.action}>
            <title>{g.action === 'plug' ? 'To plug on the rack' : 'To pull out on the rack'}</title>
            <path className="ghost__cable" d={g.d} stroke={g.color} />
            <circle className="ghost__plug" cx={g.from.x} cy={g.from.y} r={PLUG_R} stroke={g.color} />
            <circle className="ghost__plug" cx={g.to.x} cy={g.to.y} r={PLUG_R} stroke={g.color} />
          </g>
        ))}
      </svg>
    </ViewportPortal>
  );
});

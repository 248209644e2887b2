/**
 * The canvas edges: one per cable, in the patch's stacking order (last = drawn on top), lifted
 * above the faceplates (cables hang over the panels, as in VCV Rack). Only the input end is
 * reconnectable: grabbing a patched input carries its cable; grabbing an output always starts
 * a new one (outputs stack cables).
 */
import type { EdgeChange } from '@xyflow/react';
import { useCallback, useMemo } from 'react';
import type { Cable } from '../../main/patch/model';
import { setSelection, useRack } from '../store/rackStore';
import type { CableFlowEdge } from './CableEdge';
import { jackKey } from './connection-check';
import { nextSelection } from './selection';

/** Above every node (React Flow gives selected nodes +1000 only if elevateNodesOnSelect). */
export const CABLE_Z = 1000;

export function cableToEdge(c: Cable, selected: boolean): CableFlowEdge {
  return {
    id: c.id,
    type: 'cable',
    source: c.from.module,
    sourceHandle: c.from.jack,
    target: c.to.module,
    targetHandle: c.to.jack,
    data: { color: c.color, fromKey: jackKey(c.from.module, c.from.jack), toKey: jackKey(c.to.module, c.to.jack) },
    zIndex: selected ? CABLE_Z + 1 : CABLE_Z,
    reconnectable: 'target',
    selected,
    deletable: false,
    ariaLabel: `Cable ${c.from.module}:${c.from.jack} to ${c.to.module}:${c.to.jack}`,
  };
}

/**
 * Edge objects per cable object and selection state. Cables are immutable, so an unchanged cable
 * keeps its edge object and React Flow skips it.
 */
const edgeCache = new WeakMap<Cable, { plain?: CableFlowEdge; selected?: CableFlowEdge }>();

function edgeFor(c: Cable, selected: boolean): CableFlowEdge {
  let entry = edgeCache.get(c);
  if (!entry) edgeCache.set(c, (entry = {}));
  const slot = selected ? 'selected' : 'plain';
  return (entry[slot] ??= cableToEdge(c, selected));
}

export function useRackEdges() {
  const cables = useRack((s) => s.patch.cables);
  const selected = useRack((s) => s.selection.cables);

  const edges = useMemo(() => {
    const chosen = new Set(selected);
    return cables.map((c) => edgeFor(c, chosen.has(c.id)));
  }, [cables, selected]);

  const onEdgesChange = useCallback((changes: EdgeChange<CableFlowEdge>[]) => {
    const selects = changes.flatMap((c) => (c.type === 'select' ? [{ id: c.id, selected: c.selected }] : []));
    if (selects.length === 0) return;
    const selection = useRack.getState().selection;
    const next = nextSelection(selection.cables, selects);
    if (next !== selection.cables) setSelection({ ...selection, cables: [...next] });
  }, []);

  return { edges, onEdgesChange };
}

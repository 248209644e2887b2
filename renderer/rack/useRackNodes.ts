/**
 * The canvas nodes: one per module, derived from the patch. They are rebuilt only when a module
 * is added, removed or moved (the layout signature), never on a knob turn. While modules are
 * dragged their positions are held locally; on release one batch of move ops goes to main, and
 * the positions are dropped again, so the nodes show main's answer: moved, or back in place when
 * refused (sendOps shows the reason).
 */
import { Position, type NodeChange, type OnNodeDrag, type XYPosition } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import type { Catalog } from '../../main/patch/catalog';
import type { Module } from '../../main/patch/model';
import { newId, sendOps, setSelection, useRack } from '../store/rackStore';
import { orderMoves } from './drag-moves';
import { jackPoint, moduleSize, positionToSlot, slotToPosition } from './geometry';
import { UNKNOWN_HP, type ModuleFlowNode } from './ModuleNode';
import { layoutSignature } from './patch-index';
import { nextSelection } from './selection';

const NO_POSITIONS: ReadonlyMap<string, XYPosition> = new Map();

/** A module as a React Flow node, with its size and handle boxes given (nothing to measure). */
export function moduleToNode(m: Pick<Module, 'id' | 'type' | 'row' | 'hp'>, catalog: Catalog): ModuleFlowNode {
  const def = catalog.get(m.type);
  const size = moduleSize(def?.hp ?? UNKNOWN_HP);
  return {
    id: m.id,
    type: 'module',
    position: slotToPosition(m),
    data: { moduleId: m.id, type: m.type },
    width: size.width,
    height: size.height,
    measured: size,
    deletable: false,
    handles: (def?.jacks ?? []).map((j) => ({
      id: j.id,
      type: j.direction === 'output' ? 'source' : 'target',
      position: Position.Left,
      ...jackPoint(j.x, j.y),
      width: 0,
      height: 0,
    })),
  };
}

/**
 * Node objects per (catalog, module placement), so modules that did not move keep their node
 * object when another one is added or moved, and React Flow skips them.
 */
const nodeCache = new WeakMap<Catalog, Map<string, ModuleFlowNode>>();
const selectedNodes = new WeakMap<ModuleFlowNode, ModuleFlowNode>();

function cachedNode(m: Module, catalog: Catalog): ModuleFlowNode {
  let byPlace = nodeCache.get(catalog);
  if (!byPlace) nodeCache.set(catalog, (byPlace = new Map()));
  const key = `${m.id}:${m.type}:${m.row}:${m.hp}`;
  let node = byPlace.get(key);
  if (!node) {
    // Drop the module's node for its old place; the map holds one node per module.
    for (const [k, v] of byPlace) if (v.id === m.id) byPlace.delete(k);
    byPlace.set(key, (node = moduleToNode(m, catalog)));
  }
  return node;
}

function selectedVariant(n: ModuleFlowNode): ModuleFlowNode {
  let s = selectedNodes.get(n);
  if (!s) selectedNodes.set(n, (s = { ...n, selected: true }));
  return s;
}

export function useRackNodes() {
  const layout = useRack((s) => layoutSignature(s.patch.modules));
  const catalog = useRack((s) => s.catalog);
  const selected = useRack((s) => s.selection.modules);
  const [dragged, setDragged] = useState(NO_POSITIONS);

  // `layout` stands for the module positions: read them when it changes, not on every op.
  const base = useMemo(
    () => useRack.getState().patch.modules.map((m) => cachedNode(m, catalog)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [layout, catalog],
  );

  const nodes = useMemo(() => {
    const chosen = new Set(selected);
    return base.map((n) => {
      const at = dragged.get(n.id);
      if (at) return { ...n, position: at, selected: chosen.has(n.id) };
      return chosen.has(n.id) ? selectedVariant(n) : n;
    });
  }, [base, selected, dragged]);

  const onNodesChange = useCallback((changes: NodeChange<ModuleFlowNode>[]) => {
    const moved = new Map<string, XYPosition>();
    const selects: { id: string; selected: boolean }[] = [];
    for (const c of changes) {
      if (c.type === 'position' && c.dragging && c.position) moved.set(c.id, c.position);
      else if (c.type === 'select') selects.push({ id: c.id, selected: c.selected });
    }
    if (moved.size > 0) setDragged((prev) => new Map([...prev, ...moved]));
    if (selects.length > 0) {
      const selection = useRack.getState().selection;
      const modules = nextSelection(selection.modules, selects);
      if (modules !== selection.modules) setSelection({ ...selection, modules: [...modules] });
    }
  }, []);

  const onNodeDragStop: OnNodeDrag<ModuleFlowNode> = useCallback((_event, _node, draggedNodes) => {
    const { patch, catalog: cat } = useRack.getState();
    const ops = orderMoves(
      patch,
      cat,
      draggedNodes.map((n) => ({ id: n.id, ...positionToSlot(n.position) })),
    );
    const release = () =>
      setDragged((prev) => {
        const next = new Map(prev);
        for (const n of draggedNodes) next.delete(n.id);
        return next.size === 0 ? NO_POSITIONS : next;
      });
    if (ops.length === 0) {
      release();
      return;
    }
    const label = ops.length > 1 ? `move ${ops.length} modules` : undefined;
    // Main's echo arrives before the reply, so by now the nodes already stand where main put them.
    void sendOps(ops, { gesture: newId('g'), ...(label ? { label } : {}) }).finally(release);
  }, []);

  return { nodes, onNodesChange, onNodeDragStop };
}

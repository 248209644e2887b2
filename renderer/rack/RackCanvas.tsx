/**
 * The rack on screen: React Flow with one node per module and one edge per cable, over the case
 * drawn by RackBackground. A view only: every change goes to main as ops (sendOps) and comes
 * back as the patch. Props handed to <ReactFlow> are stable (module-scope types, memoized
 * callbacks) so a drag or a knob turn re-renders only what moved.
 */
import {
  Background,
  BackgroundVariant,
  ConnectionMode,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
  type EdgeTypes,
  type NodeTypes,
  type ReactFlowState,
  type SnapGrid,
} from '@xyflow/react';
import { useCallback, useState, type DragEvent, type MouseEvent as ReactMouseEvent } from 'react';
import { MODULE_DRAG_TYPE } from '../shell/ModuleBrowser';
import { useUi } from '../shell/uiStore';
import { addModuleAt } from '../edit/add-module';
import { useRack } from '../store/rackStore';
import { CableEdge, type CableFlowEdge } from './CableEdge';
import { CableMenu, type CableMenuAt } from './CableMenu';
import { RackMenu, type RackMenuAt } from './ModuleMenu';
import { ConnectionLine } from './ConnectionLine';
import { DETAIL_ZOOM, HP_PX, JACK_PX, MAX_ZOOM, MIN_ZOOM, ROW_PX, slotUnderPoint } from './geometry';
import { ModuleNode, type ModuleFlowNode } from './ModuleNode';
import { RackBackground } from './RackBackground';
import { fitRack } from './fit-rack';
import { TOUCH_TARGET_PX, catalogTouchZoom } from './touch-targets';
import { useCoarsePointer } from './useCoarsePointer';
import { useFitRack, useRefitOnResize } from './useFitRack';
import { useRackInView } from './useRackInView';
import { usePatching } from './usePatching';
import { useRackEdges } from './useRackEdges';
import { useRackNodes } from './useRackNodes';
import { GhostCables } from '../hardware/GhostCables'; // pending edits to the physical rack

const nodeTypes: NodeTypes = { module: ModuleNode };
const edgeTypes: EdgeTypes = { cable: CableEdge };
/** Modules snap to whole HP and whole rows while dragged. */
const SNAP: SnapGrid = [HP_PX, ROW_PX];
const PRO = { hideAttribution: true };
/** Wheel pans (as in VCV Rack); Ctrl/Cmd + wheel or a pinch zooms. */
const ZOOM_KEYS = ['Control', 'Meta'];
const MULTI_KEYS = ['Control', 'Meta'];
/**
 * React Flow's reconnect anchor would lie over the input jack and hide it (hover, tooltip,
 * clicks); shrink it to nothing and let the jack hand a press on a patched input to it.
 */
const RECONNECT_RADIUS = 0.5;
/**
 * Zoomed far out (geometry.ts DETAIL_ZOOM): the canvas draws faceplates without their controls
 * (an attribute beside React's className).
 */
const farOut = (s: ReactFlowState) => s.transform[2] < DETAIL_ZOOM;

export function RackCanvas() {
  const { nodes, onNodesChange, onNodeDragStop } = useRackNodes();
  const { edges, onEdgesChange } = useRackEdges();
  const patching = usePatching();
  const flow = useReactFlow<ModuleFlowNode, CableFlowEdge>();
  const [menu, setMenu] = useState<CableMenuAt | null>(null);
  useFitRack();
  useRefitOnResize();
  const rackInView = useRackInView();
  const cableOpacity = useUi((s) => s.cableOpacity);
  // A finger never zooms out past the zoom where each jack keeps a 24 px target of its own.
  const coarse = useCoarsePointer();
  const touchZoom = useRack((s) => catalogTouchZoom(s.catalog));
  const minZoom = coarse ? touchZoom : MIN_ZOOM;
  const onFitView = useCallback(() => fitRack(flow, { duration: 200 }), [flow]);
  const far = useStore(farOut);

  const onEdgeContextMenu = useCallback((event: ReactMouseEvent, edge: CableFlowEdge) => {
    event.preventDefault();
    setMenu({ cableId: edge.id, x: event.clientX, y: event.clientY });
  }, []);
  const closeMenu = useCallback(() => setMenu(null), []);
  const [rackMenu, setRackMenu] = useState<RackMenuAt | null>(null);
  const closeRackMenu = useCallback(() => setRackMenu(null), []);
  // A right-click on a jack lists its cables; anywhere else on a module opens the module's menu.
  const onNodeContextMenu = useCallback((event: ReactMouseEvent, node: ModuleFlowNode) => {
    event.preventDefault();
    const jack = (event.target as Element).closest<HTMLElement>('.jack-art')?.dataset['jack'];
    const at = { moduleId: node.id, x: event.clientX, y: event.clientY };
    setRackMenu(jack ? { kind: 'jack', ...at, jackId: jack.slice(jack.indexOf('/') + 1) } : { kind: 'module', ...at });
  }, []);

  const minimapColor = useCallback(
    (node: ModuleFlowNode) => useRack.getState().catalog.get(node.data.type)?.accent ?? '#666a70',
    [],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(MODULE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(MODULE_DRAG_TYPE);
      if (!type) return;
      event.preventDefault();
      const { catalog, patch } = useRack.getState();
      const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      void addModuleAt(type, slotUnderPoint(point, catalog.get(type)?.hp ?? 1, patch.rack));
    },
    [flow],
  );

  return (
    <div
      className="rack-canvas"
      data-zoom={far ? 'far' : 'near'}
      data-testid="rack-canvas"
      style={{
        ['--cable-opacity' as string]: cableOpacity,
        // The side of a touch target in flow px: TOUCH_TARGET_PX on screen at the lowest touch zoom (rack.css).
        ['--touch-hit' as string]: `${TOUCH_TARGET_PX / touchZoom}px`,
      }}
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <ReactFlow<ModuleFlowNode, CableFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onNodeDragStop}
        onConnect={patching.onConnect}
        onConnectStart={patching.onConnectStart}
        onConnectEnd={patching.onConnectEnd}
        isValidConnection={patching.isValidConnection}
        onReconnect={patching.onReconnect}
        onReconnectStart={patching.onReconnectStart}
        onReconnectEnd={patching.onReconnectEnd}
        onEdgeContextMenu={onEdgeContextMenu}
        onNodeContextMenu={onNodeContextMenu}
        connectionLineComponent={ConnectionLine}
        connectionMode={ConnectionMode.Strict}
        connectionRadius={JACK_PX}
        reconnectRadius={RECONNECT_RADIUS}
        connectOnClick={false}
        deleteKeyCode={null}
        snapToGrid
        snapGrid={SNAP}
        elevateNodesOnSelect={false}
        elevateEdgesOnSelect={false}
        nodesFocusable={false}
        edgesFocusable={false}
        nodeDragThreshold={3}
        panOnScroll
        zoomActivationKeyCode={ZOOM_KEYS}
        multiSelectionKeyCode={MULTI_KEYS}
        minZoom={minZoom}
        maxZoom={MAX_ZOOM}
        colorMode="dark"
        proOptions={PRO}
      >
        <Background variant={BackgroundVariant.Dots} gap={HP_PX * 4} size={1} color="#2a2d33" />
        <RackBackground />
        <GhostCables />
        {/* The overview is for finding your way when zoomed in; with the whole rack in view it would only hide the bottom row. */}
        {!rackInView && (
          <MiniMap<ModuleFlowNode>
            position="top-right"
            nodeColor={minimapColor}
            nodeStrokeWidth={0}
            pannable
            zoomable
            ariaLabel="Rack overview"
          />
        )}
        {/* Bottom right, in the strip under the case that the fit leaves for "+ row / − row" at the left. */}
        <Controls showInteractive={false} orientation="horizontal" position="bottom-right" onFitView={onFitView} />
      </ReactFlow>
      {menu && <CableMenu at={menu} onClose={closeMenu} />}
      {rackMenu && <RackMenu at={rackMenu} onClose={closeRackMenu} />}
    </div>
  );
}

/**
 * The baseline for the canvas fps comparison: a plain @xyflow/react canvas with default nodes and
 * default (bezier) edges, nothing custom, showing the same modules and cables at the same positions
 * as the generated bench patch. The graph is fetched from ./graph.json, which scripts/bench.mjs
 * writes next to the built page (tests/bench/big-patch.ts, toFlowGraph).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ReactFlow, useEdgesState, useNodesState, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';

interface Graph {
  nodes: Node[];
  edges: Edge[];
}

function BareFlow({ graph }: { graph: Graph }) {
  const [nodes, , onNodesChange] = useNodesState(graph.nodes);
  const [edges, , onEdgesChange] = useEdgesState(graph.edges);
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      fitView
      minZoom={0.05}
      maxZoom={4}
    />
  );
}

const response = await fetch('./graph.json');
if (!response.ok) throw new Error(`graph.json: HTTP ${response.status}`);
const graph = (await response.json()) as Graph;
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BareFlow graph={graph} />
  </StrictMode>,
);

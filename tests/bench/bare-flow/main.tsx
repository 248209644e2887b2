/**
 * The baseline for the canvas fps comparison: a plain @xyflow/react canvas with default nodes and
 * default (bezier) edges, nothing custom, showing the same modules and cables at the same positions
 * as the generated bench patch. The graph is fetched from the file named by ?graph=, which
 * scripts/bench.mjs writes next to the built page (tests/bench/big-patch.ts, toFlowGraph).
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

const file = new URLSearchParams(location.search).get('graph');
if (!file) throw new Error('bare-flow: name the graph file, ?graph=graph-300.json');
const response = await fetch(`./${file}`);
if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
const graph = (await response.json()) as Graph;
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BareFlow graph={graph} />
  </StrictMode>,
);

import dagre from '@dagrejs/dagre';
import { START_ID, isExitNode, type DesignerDoc } from './types';

/** Card size the layout plans for (matches `.node-card` in styles.css). */
export const NODE_WIDTH = 260;
export const NODE_HEIGHT = 92;
const EXIT_WIDTH = 200;
const EXIT_HEIGHT = 56;

/**
 * Top-to-bottom dagre layout of the chain; exit nodes are stacked in a column to the right of the
 * start node. Returns a new document; node data is untouched.
 */
export function layoutDoc(doc: DesignerDoc): DesignerDoc {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 60, ranksep: 70, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  const flow = doc.nodes.filter((n) => !isExitNode(n));
  for (const n of flow) g.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const e of doc.edges) if (e.data?.role !== 'exit' && g.hasNode(e.source) && g.hasNode(e.target)) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const pos = new Map<string, { x: number; y: number }>();
  for (const n of flow) {
    const p = g.node(n.id);
    pos.set(n.id, { x: Math.round(p.x - NODE_WIDTH / 2), y: Math.round(p.y - NODE_HEIGHT / 2) });
  }
  const start = pos.get(START_ID) ?? { x: 0, y: 0 };
  const chainRight = Math.max(start.x + NODE_WIDTH, ...[...pos.values()].map((p) => p.x + NODE_WIDTH));
  doc.nodes.filter(isExitNode).forEach((n, i) => {
    pos.set(n.id, { x: chainRight + 140, y: start.y + i * (EXIT_HEIGHT + 24) });
  });
  return { ...doc, nodes: doc.nodes.map((n) => ({ ...n, position: pos.get(n.id) ?? n.position })) };
}

export { EXIT_WIDTH, EXIT_HEIGHT };

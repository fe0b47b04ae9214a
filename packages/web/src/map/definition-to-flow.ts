/**
 * Definition → React Flow graph, as a pure function (no React) so that it can be round-trip
 * tested and reused by the editor: every flow node carries its definition node unchanged and
 * every flow edge its port, which is all `flow-to-definition.ts` needs to rebuild the graph.
 * Layout is top-to-bottom by dagre; the audience node is the root and so comes first.
 */
import { Graph, layout } from '@dagrejs/dagre';
import type { Edge as FlowEdge, Node } from '@xyflow/react';
import {
  Ports,
  type Edge,
  type JourneyDefinition,
  type JourneyNode,
} from '@caravan/core/journey/definition';
import { nodePorts } from '@caravan/core/journey/node-ports';
import { nodeTitle } from '@caravan/core/journey/node-title';

/** Size every node is laid out with; the node component renders at this size. */
export const nodeSize = { width: 240, height: 72 } as const;

export interface JourneyNodeData extends Record<string, unknown> {
  node: JourneyNode;
  title: string;
  /** Outgoing ports in display order (left to right): one source handle each. */
  ports: string[];
  /** How many validation problems the node has (the editor sets it; 0 or absent hides the badge). */
  problems?: number;
  /** Whether any of those problems blocks publishing (red) or all are warnings (yellow). */
  blocking?: boolean;
}
export type JourneyFlowNode = Node<JourneyNodeData, 'journey'>;

export interface JourneyEdgeData extends Record<string, unknown> {
  port: string;
  /** Set on the edge to an open end (editor only): the path ends here and can be continued. */
  end?: boolean;
}
export type JourneyFlowEdge = FlowEdge<JourneyEdgeData>;

/** Where a path without a node after it ends, drawn by the editor so that it can take a +. */
export type EndFlowNode = Node<{ from: string; port: string }, 'end'>;
/** Laid out as wide as a path label with its +, so that neighbouring open paths do not overlap. */
export const endNodeSize = { width: 160, height: 24 } as const;

/** Labels of the fixed ports, translated by the caller. */
export interface PortLabels {
  timeout: string;
  other: string;
  timeoutOrError: string;
}

export const englishPortLabels: PortLabels = {
  timeout: 'Timeout',
  other: 'Other',
  timeoutOrError: 'Timeout or error',
};

export interface FlowOptions {
  portLabels?: PortLabels;
  title?: (node: JourneyNode) => string;
  /** Draw every path that ends without a node to a small end marker (the editor does). */
  openEnds?: boolean;
  /** The React Flow edge type of every edge (the editor's edge draws the + button). */
  edgeType?: string;
}

/** Every port that no edge leaves by: where a path simply ends. */
export function openEndsOf(definition: JourneyDefinition): { from: string; port: string }[] {
  const used = new Set(definition.edges.map((e) => `${e.from}\u0000${e.port}`));
  return definition.nodes.flatMap((node) =>
    nodePorts(node)
      .filter((port) => !used.has(`${node.id}\u0000${port}`))
      .map((port) => ({ from: node.id, port })),
  );
}

export function endNodeId(from: string, port: string): string {
  return `end:${from}:${port}`;
}

function pathLabel(node: JourneyNode, port: string): string | undefined {
  switch (node.type) {
    case 'split':
    case 'externalSplit':
      return node.settings.paths.find((p) => p.id === port)?.label;
    case 'variantSplit': {
      const path = node.settings.paths.find((p) => p.id === port);
      if (!path) return undefined;
      return path.percent === undefined ? path.label : `${path.label} (${path.percent}%)`;
    }
    default:
      return undefined;
  }
}

/** The label of the edge leaving `node` by `port`; single-path edges have none. */
export function portLabel(node: JourneyNode, port: string, labels: PortLabels): string {
  const label = pathLabel(node, port);
  if (label !== undefined) return label;
  switch (port) {
    case Ports.next:
      return '';
    case Ports.timeout:
      return labels.timeout;
    case Ports.other:
      return labels.other;
    case Ports.timeoutOrError:
      return labels.timeoutOrError;
    default:
      return port;
  }
}

/** A stable edge id: one edge per (source, port). */
export function edgeId(from: string, port: string, to: string): string {
  return `${from}:${port}->${to}`;
}

type Ends = readonly { from: string; port: string }[];

/** A box to lay out: a journey node, or the end marker of an open path. */
interface Box {
  id: string;
  size: { width: number; height: number };
}

/**
 * Boxes breadth-first from the audience and edges by port, so that dagre's initial ordering puts
 * a split's paths left to right in the order the split lists them (it keeps that order when
 * nothing forces a crossing). End markers are ordered with the paths they end.
 */
function pathOrder(definition: JourneyDefinition, ends: Ends): { boxes: Box[]; edges: Edge[] } {
  const byId = new Map(definition.nodes.map((n) => [n.id, n]));
  const boxes = new Map<string, Box>(
    definition.nodes.map((n) => [n.id, { id: n.id, size: nodeSize }]),
  );
  const endEdges: Edge[] = ends.map((end) => {
    const id = endNodeId(end.from, end.port);
    boxes.set(id, { id, size: endNodeSize });
    return { from: end.from, port: end.port, to: id };
  });
  const portIndex = (edge: Edge) => {
    const from = byId.get(edge.from);
    const index = from ? nodePorts(from).indexOf(edge.port) : -1;
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  const edges = [...definition.edges, ...endEdges].sort((a, b) => portIndex(a) - portIndex(b));
  const seen = new Set<string>();
  const queue = definition.nodes.filter((n) => n.type === 'audience').map((n) => n.id);
  const ids: string[] = [];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id) || !boxes.has(id)) continue;
    seen.add(id);
    ids.push(id);
    for (const edge of edges) if (edge.from === id) queue.push(edge.to);
  }
  // Unreachable nodes still get a place, after the reachable ones.
  for (const id of boxes.keys()) if (!seen.has(id)) ids.push(id);
  return { boxes: ids.map((id) => boxes.get(id)!), edges };
}

/** Vertical room between ranks: enough for a path label above a + on every path. */
export const rankGap = 96;

function layOut(definition: JourneyDefinition, ends: Ends): Map<string, { x: number; y: number }> {
  const graph = new Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'TB', nodesep: 48, ranksep: rankGap, edgesep: 24 });
  graph.setDefaultEdgeLabel(() => ({}));
  const ordered = pathOrder(definition, ends);
  // dagre lays siblings out right to left in insertion order, so they go in reversed.
  for (const box of ordered.boxes.toReversed()) graph.setNode(box.id, { ...box.size });
  for (const edge of ordered.edges.toReversed()) {
    // Dangling edges are a validation problem, not a layout one: skip them here.
    if (graph.hasNode(edge.from) && graph.hasNode(edge.to)) {
      graph.setEdge(edge.from, edge.to, {}, edge.port);
    }
  }
  layout(graph);
  const positions = new Map<string, { x: number; y: number }>();
  for (const node of definition.nodes) {
    const laid = graph.node(node.id) as { x: number; y: number } | undefined;
    // dagre gives centres; React Flow places nodes by their top-left corner.
    positions.set(node.id, {
      x: (laid?.x ?? 0) - nodeSize.width / 2,
      y: (laid?.y ?? 0) - nodeSize.height / 2,
    });
  }
  for (const end of ends) {
    const id = endNodeId(end.from, end.port);
    const laid = graph.node(id) as { x: number; y: number } | undefined;
    positions.set(id, {
      x: (laid?.x ?? 0) - endNodeSize.width / 2,
      y: (laid?.y ?? 0) - endNodeSize.height / 2,
    });
  }
  return positions;
}

/** Turns a definition into laid-out React Flow nodes and labelled edges. */
export function definitionToFlow(
  definition: JourneyDefinition,
  options: FlowOptions = {},
): { nodes: JourneyFlowNode[]; edges: JourneyFlowEdge[]; ends: EndFlowNode[] } {
  const labels = options.portLabels ?? englishPortLabels;
  const title = options.title ?? nodeTitle;
  const openEnds = options.openEnds ? openEndsOf(definition) : [];
  const positions = layOut(definition, openEnds);
  const byId = new Map(definition.nodes.map((n) => [n.id, n]));
  const nodes: JourneyFlowNode[] = definition.nodes.map((node) => {
    const ports = nodePorts(node);
    // Keep edges whose port the settings no longer offer visible, so nothing silently vanishes.
    for (const edge of definition.edges) {
      if (edge.from === node.id && !ports.includes(edge.port)) ports.push(edge.port);
    }
    return {
      id: node.id,
      type: 'journey',
      position: positions.get(node.id) ?? { x: 0, y: 0 },
      data: { node, title: title(node), ports },
      width: nodeSize.width,
      height: nodeSize.height,
    };
  });
  const edges: JourneyFlowEdge[] = definition.edges.map((edge) => {
    const from = byId.get(edge.from);
    const label = from ? portLabel(from, edge.port, labels) : edge.port;
    return {
      id: edgeId(edge.from, edge.port, edge.to),
      source: edge.from,
      sourceHandle: edge.port,
      target: edge.to,
      type: options.edgeType ?? 'default',
      data: { port: edge.port },
      ...(label === '' ? {} : { label }),
    };
  });
  const ends = openEnds.map((end): EndFlowNode => {
    const id = endNodeId(end.from, end.port);
    return {
      id,
      type: 'end',
      position: positions.get(id) ?? { x: 0, y: 0 },
      data: end,
      width: endNodeSize.width,
      height: endNodeSize.height,
      selectable: false,
      focusable: false,
    };
  });
  for (const end of openEnds) {
    const from = byId.get(end.from);
    const label = from ? portLabel(from, end.port, labels) : end.port;
    edges.push({
      id: edgeId(end.from, end.port, endNodeId(end.from, end.port)),
      source: end.from,
      sourceHandle: end.port,
      target: endNodeId(end.from, end.port),
      type: options.edgeType ?? 'default',
      data: { port: end.port, end: true },
      ...(label === '' ? {} : { label }),
    });
  }
  return { nodes, edges, ends };
}

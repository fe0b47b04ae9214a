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
}
export type JourneyFlowNode = Node<JourneyNodeData, 'journey'>;

export interface JourneyEdgeData extends Record<string, unknown> {
  port: string;
}
export type JourneyFlowEdge = FlowEdge<JourneyEdgeData>;

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

/**
 * Nodes breadth-first from the audience and edges by port, so that dagre's initial ordering puts
 * a split's paths left to right in the order the split lists them (it keeps that order when
 * nothing forces a crossing).
 */
function pathOrder(definition: JourneyDefinition): JourneyDefinition {
  const byId = new Map(definition.nodes.map((n) => [n.id, n]));
  const portIndex = (edge: Edge) => {
    const from = byId.get(edge.from);
    const index = from ? nodePorts(from).indexOf(edge.port) : -1;
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  const edges = [...definition.edges].sort((a, b) => portIndex(a) - portIndex(b));
  const seen = new Set<string>();
  const queue = definition.nodes.filter((n) => n.type === 'audience').map((n) => n.id);
  const ids: string[] = [];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id) || !byId.has(id)) continue;
    seen.add(id);
    ids.push(id);
    for (const edge of edges) if (edge.from === id) queue.push(edge.to);
  }
  // Unreachable nodes still get a place, after the reachable ones.
  for (const node of definition.nodes) if (!seen.has(node.id)) ids.push(node.id);
  return { nodes: ids.map((id) => byId.get(id)!), edges };
}

function layOut(definition: JourneyDefinition): Map<string, { x: number; y: number }> {
  const graph = new Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'TB', nodesep: 48, ranksep: 72, edgesep: 24 });
  graph.setDefaultEdgeLabel(() => ({}));
  const ordered = pathOrder(definition);
  for (const node of ordered.nodes) graph.setNode(node.id, { ...nodeSize });
  for (const edge of ordered.edges) {
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
  return positions;
}

/** Turns a definition into laid-out React Flow nodes and labelled edges. */
export function definitionToFlow(
  definition: JourneyDefinition,
  options: FlowOptions = {},
): { nodes: JourneyFlowNode[]; edges: JourneyFlowEdge[] } {
  const labels = options.portLabels ?? englishPortLabels;
  const title = options.title ?? nodeTitle;
  const positions = layOut(definition);
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
      type: 'default',
      data: { port: edge.port },
      ...(label === '' ? {} : { label }),
    };
  });
  return { nodes, edges };
}

/**
 * Definition → React Flow graph, as a pure function (no React) so that it can be round-trip
 * tested and reused by the editor: every flow node carries its definition node unchanged and
 * every flow edge its port, which is all `flow-to-definition.ts` needs to rebuild the graph.
 * Layout (`layout/map-layout.ts`) is a separate step, so that a change of settings that keeps
 * the map's shape can keep its positions.
 */
import type { Edge as FlowEdge, Node } from '@xyflow/react';
import type { Edge, JourneyDefinition, JourneyNode } from '@caravan/core/journey/definition';
import { Ports } from '@caravan/core/journey/ports';
import { nodePorts } from '@caravan/core/journey/node-ports';
import { nodeTitle } from '@caravan/core/journey/node-title';
import { portLabels, type PortLabels } from '../i18n/port-labels.ts';
import { handlesOf } from './flow-handles.ts';
import {
  layOutMap,
  type LayoutBox,
  type LayoutEdge,
  type MapLayout,
  type Point,
  type Rect,
} from './layout/map-layout.ts';

/** Size every node is laid out with; the node component renders at this size. */
export const nodeSize = { width: 260, height: 92 } as const;

export interface JourneyNodeData extends Record<string, unknown> {
  node: JourneyNode;
  title: string;
  /** What kind of node it is ("Split paths"), shown above the title when it differs. */
  kind: string;
  /** One line saying what the node's settings are ("Industry is Software", "3 days"). */
  summary: string;
  /** Outgoing ports in display order (left to right): one source handle each. */
  ports: string[];
  /** How many validation problems the node has (the editor sets it; 0 or absent hides the badge). */
  problems?: number;
  /** The badge's name ("2 problems"), set with `problems`. */
  problemLabel?: string;
  /** Whether any of those problems blocks publishing (red) or all are warnings (yellow). */
  blocking?: boolean;
}
export type JourneyFlowNode = Node<JourneyNodeData, 'journey'>;

export interface JourneyEdgeData extends Record<string, unknown> {
  port: string;
  /** Set on the edge to an open end (editor only): the path ends here and can be continued. */
  end?: boolean;
  /** The laid-out route, absolute canvas coordinates (set once laid out). */
  points?: Point[];
  /** Where the label box (text, count, +) goes. */
  labelBox?: Rect;
}
export type JourneyFlowEdge = FlowEdge<JourneyEdgeData>;

/** Where a path without a node after it ends, drawn by the editor so that it can take a +. */
export type EndFlowNode = Node<{ from: string; port: string }, 'end'>;
/** A small dot: the label and + of the open path are a box of their own above it. */
export const endNodeSize = { width: 24, height: 24 } as const;

/** Labels of the fixed ports, translated by the caller. */
export type { PortLabels };

export const englishPortLabels: PortLabels = portLabels.en;

export interface FlowOptions {
  portLabels?: PortLabels;
  title?: (node: JourneyNode) => string;
  kind?: (node: JourneyNode) => string;
  summary?: (node: JourneyNode) => string;
  /** What each path's label box holds besides its text. */
  labelRows?: LabelRows;
  /** Draw every path that ends without a node to a small end marker (the editor does). */
  openEnds?: boolean;
  /** The React Flow edge type of every edge (the editor's edge draws the + button). */
  edgeType?: string;
}

/**
 * The ports the map draws: the node's ports, except a listener's timeout path while it has no
 * timeout (nothing can take it) and nothing is connected to it.
 */
export function drawnPorts(node: JourneyNode, edges: readonly Edge[]): string[] {
  const ports = nodePorts(node);
  if (node.type !== 'event' || node.settings.timeout !== undefined) return ports;
  const used = edges.some((e) => e.from === node.id && e.port === Ports.timeout);
  return used ? ports : ports.filter((p) => p !== Ports.timeout);
}

/** Every port that no edge leaves by: where a path simply ends. */
export function openEndsOf(definition: JourneyDefinition): { from: string; port: string }[] {
  const used = new Set(definition.edges.map((e) => `${e.from}\u0000${e.port}`));
  return definition.nodes.flatMap((node) =>
    drawnPorts(node, definition.edges)
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

/**
 * Boxes breadth-first from the audience, so that ELK's model order puts a split's paths left to
 * right in the order the split lists them. End markers are ordered with the paths they end.
 */
function breadthFirst(definition: JourneyDefinition, ends: Ends): string[] {
  const byId = new Map(definition.nodes.map((n) => [n.id, n]));
  const all = new Set([
    ...definition.nodes.map((n) => n.id),
    ...ends.map((e) => endNodeId(e.from, e.port)),
  ]);
  const portIndex = (edge: Edge) => {
    const from = byId.get(edge.from);
    const index = from ? nodePorts(from).indexOf(edge.port) : -1;
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  const endEdges = ends.map((e) => ({ ...e, to: endNodeId(e.from, e.port) }));
  const edges = [...definition.edges, ...endEdges].sort((a, b) => portIndex(a) - portIndex(b));
  const seen = new Set<string>();
  const queue = definition.nodes.filter((n) => n.type === 'audience').map((n) => n.id);
  const ids: string[] = [];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id) || !all.has(id)) continue;
    seen.add(id);
    ids.push(id);
    for (const edge of edges) if (edge.from === id) queue.push(edge.to);
  }
  // Unreachable nodes still get a place, after the reachable ones.
  for (const id of all) if (!seen.has(id)) ids.push(id);
  return ids;
}

/** What the label box of every path holds, so that the layout leaves room for it. */
export interface LabelRows {
  /** The editor's + button on every path. */
  plus?: boolean;
  /** A live journey's count of accounts that left by the path. */
  counts?: boolean;
}

const labelLineHeight = 22;
const plusSize = 26;

/** The label box of a path: its text (12 px, bold), its count and its +, stacked. */
export function labelBoxSize(label: string, rows: LabelRows): { width: number; height: number } {
  const lines = (label === '' ? 0 : 1) + (rows.counts ? 1 : 0);
  // The label is cut with an ellipsis at 220 px (plus its padding and border).
  const textWidth = label === '' ? 0 : Math.min(Math.ceil(label.length * 7.4) + 16, 236);
  const height =
    lines * labelLineHeight + (rows.plus ? plusSize : 0) + (lines > 0 && rows.plus ? 4 : 0);
  return { width: Math.max(textWidth, rows.counts ? 48 : 0, rows.plus ? plusSize : 0), height };
}

/** The boxes and paths to lay out for `flow`, in breadth-first model order. */
export function layoutInput(
  definition: JourneyDefinition,
  flow: Flow,
  rows: LabelRows,
): { boxes: LayoutBox[]; edges: LayoutEdge[] } {
  const ends = flow.ends.map((e) => e.data);
  const order = breadthFirst(definition, ends);
  const rank = new Map(order.map((id, i) => [id, i]));
  const boxes: LayoutBox[] = [
    ...flow.nodes.map((n) => ({ id: n.id, ...nodeSize, ports: n.data.ports })),
    ...flow.ends.map((e) => ({ id: e.id, ...endNodeSize, ports: [] })),
  ].sort((a, b) => (rank.get(a.id) ?? 0) - (rank.get(b.id) ?? 0));
  const edges = flow.edges.map((edge): LayoutEdge => {
    const text = typeof edge.label === 'string' ? edge.label : '';
    const size = labelBoxSize(text, rows);
    return {
      id: edge.id,
      from: edge.source,
      port: edge.data?.port ?? 'next',
      to: edge.target,
      ...(size.height > 0 ? { label: size } : {}),
    };
  });
  return { boxes, edges };
}

/** `flow` with the positions and routes of `layout`. */
export function withLayout(flow: Flow, layout: MapLayout): Flow {
  const at = (id: string) => layout.nodes.get(id) ?? { x: 0, y: 0 };
  return {
    nodes: flow.nodes.map((n) => ({
      ...n,
      position: at(n.id),
      // Size and handles given, not measured: React Flow draws the paths in its first render.
      // `measured` too, or a node object replaced later (a name arrived) would count as never
      // measured (React Flow re-measures only nodes without handles) and drop out of *Fit view*.
      measured: nodeSize,
      handles: handlesOf(nodeSize, n.data.ports, n.data.node.type !== 'audience'),
    })),
    ends: flow.ends.map((n) => ({
      ...n,
      position: at(n.id),
      measured: endNodeSize,
      handles: handlesOf(endNodeSize, [], true),
    })),
    edges: flow.edges.map((e) => {
      const laid = layout.edges.get(e.id);
      if (!laid) return e;
      return {
        ...e,
        data: {
          port: e.data?.port ?? 'next',
          ...(e.data?.end ? { end: true } : {}),
          points: laid.points,
          ...(laid.label ? { labelBox: laid.label } : {}),
        },
      };
    }),
  };
}

/** Converts and lays out. */
export function laidOutFlow(definition: JourneyDefinition, options: FlowOptions = {}): Flow {
  const flow = definitionToFlow(definition, options);
  const input = layoutInput(definition, flow, options.labelRows ?? {});
  return withLayout(flow, layOutMap(input.boxes, input.edges));
}

export interface Flow {
  nodes: JourneyFlowNode[];
  edges: JourneyFlowEdge[];
  ends: EndFlowNode[];
}

/**
 * Turns a definition into React Flow nodes and labelled edges, all at the origin: `laidOutFlow`
 * (or `layoutInput` → `layOutMap` → `withLayout`) places them.
 */
export function definitionToFlow(definition: JourneyDefinition, options: FlowOptions = {}): Flow {
  const labels = options.portLabels ?? englishPortLabels;
  const title = options.title ?? nodeTitle;
  const openEnds = options.openEnds ? openEndsOf(definition) : [];
  const origin = { x: 0, y: 0 };
  const byId = new Map(definition.nodes.map((n) => [n.id, n]));
  const nodes: JourneyFlowNode[] = definition.nodes.map((node) => {
    const ports = drawnPorts(node, definition.edges);
    // Keep edges whose port the settings no longer offer visible, so nothing silently vanishes.
    for (const edge of definition.edges) {
      if (edge.from === node.id && !ports.includes(edge.port)) ports.push(edge.port);
    }
    return {
      id: node.id,
      type: 'journey',
      position: origin,
      data: {
        node,
        title: title(node),
        kind: options.kind?.(node) ?? node.type,
        summary: options.summary?.(node) ?? '',
        ports,
      },
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
      position: origin,
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

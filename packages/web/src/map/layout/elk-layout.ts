/**
 * The map's layout: a layered, top-to-bottom layout with orthogonal edges by ELK (`elkjs`,
 * loaded on first use so that pages without a map do not carry it).
 *
 * Every path label (and in the editor the + on every path) is laid out as a small box of its own
 * between the two nodes it joins, so that ELK keeps labels off nodes, edges and other labels the
 * same way it keeps nodes apart; the edge is routed into the top of that box and out of its
 * bottom, and is drawn straight through it. A node with several incoming paths (a merge) gets one
 * entry point per path, so merging paths never share a stretch of line. Each port leaves its node
 * at the same place as the node card's handle: `(index + 1) / (ports + 1)` of the width.
 */
import type { ElkExtendedEdge, ElkNode, ElkPort, LayoutOptions } from 'elkjs/lib/elk-api.js';

export interface Point {
  x: number;
  y: number;
}
export interface Rect extends Point {
  width: number;
  height: number;
}

export interface LayoutBox {
  id: string;
  width: number;
  height: number;
  /** Outgoing ports in display order (left to right). */
  ports: readonly string[];
}

export interface LayoutEdge {
  id: string;
  from: string;
  port: string;
  to: string;
  /** The label box of the path (text and/or the + button); none for a plain line. */
  label?: { width: number; height: number };
}

export interface LaidOutEdge {
  /** The orthogonal route from the source port to the target, absolute canvas coordinates. */
  points: Point[];
  /** Where the label box goes (top-left corner and size). */
  label?: Rect;
}

export interface MapLayout {
  /** Top-left corner of every box. */
  nodes: Map<string, Point>;
  edges: Map<string, LaidOutEdge>;
}

const rootOptions: LayoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.spacing.nodeNode': '40',
  'elk.layered.spacing.nodeNodeBetweenLayers': '28',
  'elk.spacing.edgeNode': '20',
  'elk.spacing.edgeEdge': '14',
  'elk.layered.spacing.edgeNodeBetweenLayers': '14',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '10',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
  'elk.separateConnectedComponents': 'false',
};

type Elk = { layout(graph: ElkNode): Promise<ElkNode> };
let elk: Promise<Elk> | undefined;

async function startElk(): Promise<Elk> {
  if (typeof window !== 'undefined' && typeof Worker !== 'undefined') {
    // In the browser ELK runs in a Web Worker: the page stays responsive while it lays out.
    const [{ default: ElkApi }, { default: workerUrl }] = await Promise.all([
      import('elkjs/lib/elk-api.js'),
      import('elkjs/lib/elk-worker.min.js?url'),
    ]);
    const engine = new ElkApi({ workerUrl }) as unknown as Elk;
    // A first tiny layout compiles ELK's code paths while the journey is still being fetched.
    await engine.layout(warmUpGraph());
    return engine;
  }
  const { default: ElkBundled } = await import('elkjs/lib/elk.bundled.js');
  return new ElkBundled() as unknown as Elk;
}

/** A split into two labelled paths merged again: exercises ports, labels and merges. */
function warmUpGraph(): ElkNode {
  const box = (id: string, ports: string[]) => ({ id, width: 200, height: 80, ports });
  const label = (id: string, from: string, port: string, to: string) => ({
    id,
    from,
    port,
    to,
    label: { width: 60, height: 40 },
  });
  return elkGraph(
    [box('s', ['a', 'b']), box('x', ['next']), box('y', ['next']), box('m', ['next'])],
    [
      label('1', 's', 'a', 'x'),
      label('2', 's', 'b', 'y'),
      label('3', 'x', 'next', 'm'),
      label('4', 'y', 'next', 'm'),
    ],
  );
}

/** Starts ELK once; call early (when a map's URL starts loading) to hide its start-up. */
export function loadElk(): Promise<Elk> {
  elk ??= startElk();
  return elk;
}

const outPortId = (node: string, port: string) => `${node}\u0000out\u0000${port}`;
const inPortId = (node: string, edge?: string) => `${node}\u0000in\u0000${edge ?? ''}`;
const labelId = (edge: string) => `\u0000label\u0000${edge}`;

function sidePort(id: string, side: 'NORTH' | 'SOUTH', x?: number, y?: number): ElkPort {
  return {
    id,
    width: 0,
    height: 0,
    ...(x === undefined ? {} : { x, y }),
    layoutOptions: { 'elk.port.side': side },
  };
}

function elkGraph(boxes: readonly LayoutBox[], edges: readonly LayoutEdge[]): ElkNode {
  const ids = new Set(boxes.map((b) => b.id));
  const drawn = edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  const incoming = new Map<string, number>();
  for (const edge of drawn) incoming.set(edge.to, (incoming.get(edge.to) ?? 0) + 1);
  const manyIn = (id: string) => (incoming.get(id) ?? 0) > 1;

  const children: ElkNode[] = boxes.map((box) => {
    const out = box.ports.map((port, i) =>
      manyIn(box.id)
        ? sidePort(outPortId(box.id, port), 'SOUTH')
        : sidePort(
            outPortId(box.id, port),
            'SOUTH',
            (box.width * (i + 1)) / (box.ports.length + 1),
            box.height,
          ),
    );
    const into = manyIn(box.id)
      ? drawn.filter((e) => e.to === box.id).map((e) => sidePort(inPortId(box.id, e.id), 'NORTH'))
      : [sidePort(inPortId(box.id), 'NORTH', box.width / 2, 0)];
    return {
      id: box.id,
      width: box.width,
      height: box.height,
      ports: [...into, ...out],
      layoutOptions: {
        'elk.portConstraints': manyIn(box.id) ? 'FIXED_SIDE' : 'FIXED_POS',
      },
    };
  });
  const elkEdges: ElkExtendedEdge[] = [];
  for (const edge of drawn) {
    const source = outPortId(edge.from, edge.port);
    const target = inPortId(edge.to, manyIn(edge.to) ? edge.id : undefined);
    if (!edge.label) {
      elkEdges.push({ id: edge.id, sources: [source], targets: [target] });
      continue;
    }
    const { width, height } = edge.label;
    const id = labelId(edge.id);
    children.push({
      id,
      width,
      height,
      ports: [
        sidePort(inPortId(id), 'NORTH', width / 2, 0),
        sidePort(outPortId(id, 'next'), 'SOUTH', width / 2, height),
      ],
      layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
    });
    elkEdges.push({ id: `${edge.id}\u0000a`, sources: [source], targets: [inPortId(id)] });
    elkEdges.push({
      id: `${edge.id}\u0000b`,
      sources: [outPortId(id, 'next')],
      targets: [target],
    });
  }
  return { id: 'root', layoutOptions: rootOptions, children, edges: elkEdges };
}

function route(edge: ElkExtendedEdge | undefined): Point[] {
  const section = edge?.sections?.[0];
  if (!section) return [];
  return [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => ({
    x: p.x,
    y: p.y,
  }));
}

/** Lays the boxes and paths out; positions are the boxes' top-left corners. */
export async function layOutMap(
  boxes: readonly LayoutBox[],
  edges: readonly LayoutEdge[],
): Promise<MapLayout> {
  const engine = await loadElk();
  const laid = await engine.layout(elkGraph(boxes, edges));
  const positions = new Map<string, Point>();
  for (const child of laid.children ?? []) {
    positions.set(child.id, { x: child.x ?? 0, y: child.y ?? 0 });
  }
  const byId = new Map((laid.edges ?? []).map((e) => [e.id, e]));
  const result: MapLayout = { nodes: new Map(), edges: new Map() };
  for (const box of boxes) result.nodes.set(box.id, positions.get(box.id) ?? { x: 0, y: 0 });
  for (const edge of edges) {
    if (!edge.label) {
      result.edges.set(edge.id, { points: route(byId.get(edge.id)) });
      continue;
    }
    const at = positions.get(labelId(edge.id)) ?? { x: 0, y: 0 };
    result.edges.set(edge.id, {
      points: [...route(byId.get(`${edge.id}\u0000a`)), ...route(byId.get(`${edge.id}\u0000b`))],
      label: { ...at, ...edge.label },
    });
  }
  return result;
}

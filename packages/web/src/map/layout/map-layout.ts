/**
 * The map's layout: layered, top to bottom, with orthogonal paths that never share a stretch of
 * line and labels that never sit on a node, a line or another label.
 *
 * - dagre places the boxes in ranks. Every path label (and in the editor the + on every path) is a
 *   box of its own between the two nodes it joins, so dagre keeps labels apart from everything the
 *   same way it keeps nodes apart; the path runs straight through its label box.
 * - dagre orders a split's label boxes left to right as the split lists its paths (constraints),
 *   so that paths leave the split in the order of its handles without crossing.
 * - The paths are then routed orthogonally here: down from the port, across in the gap between two
 *   ranks on a track of its own (tracks are assigned per gap so that no two horizontal stretches
 *   overlap), down through the places dagre reserved for long paths, and into the target — a node
 *   with several incoming paths (a merge) gets one entry point per path, in left-to-right order.
 *
 * (ELK was tried first, `elkjs`: same result, but 1.5–5 s for a 150-node journey on the
 * development machine against dagre's ~0.1 s, which broke the map's 1.5 s interactive target —
 * docs/map-layout.md.)
 */
import { Graph, layout } from '@dagrejs/dagre';

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
  /** The label box of the path (text, count and/or the + button); none for a plain line. */
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

/** Vertical room between two ranks: the tracks of the horizontal stretches live here. */
export const rankGap = 40;
const labelId = (edge: string) => `\u0000label\u0000${edge}`;

/** One leg of a path: source port (or label) to label (or target). */
interface Hop {
  edge: string;
  from: string;
  to: string;
  /** x of the source port. */
  startX: number;
  /** x where it enters the target (set once merges' entries are spread). */
  endX: number;
  /** dagre's dummy positions between the ranks of `from` and `to`. */
  via: Point[];
}

interface Placed {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Rank {
  centre: number;
  top: number;
  bottom: number;
}

/** Ranks by the centre line dagre gave them, top to bottom. */
function ranksOf(placed: Iterable<Placed>): Rank[] {
  const byCentre = new Map<number, Rank>();
  for (const box of placed) {
    const centre = Math.round(box.y);
    const rank = byCentre.get(centre) ?? { centre, top: centre, bottom: centre };
    rank.top = Math.min(rank.top, box.y - box.height / 2);
    rank.bottom = Math.max(rank.bottom, box.y + box.height / 2);
    byCentre.set(centre, rank);
  }
  return [...byCentre.values()].sort((a, b) => a.centre - b.centre);
}

/** The rank whose centre is `y` (or the nearest). */
function rankIndex(ranks: readonly Rank[], y: number): number {
  let best = 0;
  for (let i = 1; i < ranks.length; i++) {
    if (Math.abs(ranks[i]!.centre - y) < Math.abs(ranks[best]!.centre - y)) best = i;
  }
  return best;
}

/** A horizontal stretch in a gap, to be given a track. */
interface Stretch {
  hop: Hop;
  step: number;
  left: number;
  right: number;
  /** Whether it comes from the left (goes right): orders tracks to keep corners apart. */
  rightward: boolean;
  y?: number;
}

/**
 * Interval colouring per gap: stretches whose x ranges overlap get different tracks; tracks are
 * spread evenly over the gap. Rightward stretches take tracks from the top and leftward ones
 * from the bottom, so that the vertical legs of neighbours do not run into each other.
 */
function assignTracks(stretches: Stretch[], top: number, bottom: number): void {
  const sorted = [...stretches].sort((a, b) => a.left - b.left || a.right - b.right);
  const trackEnds: number[] = [];
  const trackOf = new Map<Stretch, number>();
  for (const s of sorted) {
    let track = trackEnds.findIndex((end) => end < s.left - 6);
    if (track === -1) {
      track = trackEnds.length;
      trackEnds.push(s.right);
    } else {
      trackEnds[track] = s.right;
    }
    trackOf.set(s, track);
  }
  const count = trackEnds.length;
  for (const s of stretches) {
    const track = trackOf.get(s)!;
    s.y = top + ((bottom - top) * (track + 1)) / (count + 1);
  }
}

type OrderFunction = (
  graph: Graph,
  options: { constraints?: Constraint[]; disableOptimalOrderHeuristic?: boolean },
) => void;
interface Constraint {
  left: string;
  right: string;
}

/** Pairs of edges between the same two ranks whose ends are in opposite orders. */
function crossings(graph: Graph): number {
  const byRank = new Map<number, { from: number; to: number }[]>();
  for (const e of graph.edges()) {
    const [v, w] = [graph.node(e.v) as Ordered, graph.node(e.w) as Ordered];
    const [upper, lower] = v.rank < w.rank ? [v, w] : [w, v];
    const list = byRank.get(upper.rank) ?? [];
    list.push({ from: upper.order, to: lower.order });
    byRank.set(upper.rank, list);
  }
  let count = 0;
  for (const list of byRank.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i]!, list[j]!];
        if ((a.from - b.from) * (a.to - b.to) < 0) count++;
      }
    }
  }
  return count;
}
interface Ordered {
  rank: number;
  order: number;
}

/** Turns every rank around: the same crossings, each rank's order reversed. */
function mirror(graph: Graph): void {
  const size = new Map<number, number>();
  for (const id of graph.nodes()) {
    const node = graph.node(id) as Ordered;
    size.set(node.rank, Math.max(size.get(node.rank) ?? 0, node.order + 1));
  }
  for (const id of graph.nodes()) {
    const node = graph.node(id) as Ordered;
    node.order = size.get(node.rank)! - 1 - node.order;
  }
}

/**
 * dagre's ordering of the boxes in each rank, without its sweeps when they cannot improve it:
 * a journey is mostly a tree, whose depth-first starting order has no crossings. That order
 * (dagre's runs right to left, so it is mirrored) is the answer when it has no crossings and keeps
 * every split's paths in port order; otherwise dagre's crossing minimisation runs as usual. The
 * sweeps took half the time of a 150-node layout.
 */
function orderUnlessUncrossed(constraints: readonly Constraint[]) {
  return (graph: Graph, order: OrderFunction) => {
    order(graph, { disableOptimalOrderHeuristic: true });
    mirror(graph);
    const at = (id: string) => (graph.node(id) as Ordered).order;
    const kept = constraints.every((c) => at(c.left) < at(c.right));
    if (kept && crossings(graph) === 0) return;
    order(graph, { constraints: [...constraints] });
  };
}

export function layOutMap(boxes: readonly LayoutBox[], edges: readonly LayoutEdge[]): MapLayout {
  const ids = new Set(boxes.map((b) => b.id));
  const drawn = edges.filter((e) => ids.has(e.from) && ids.has(e.to));
  const graph = new Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'TB', nodesep: 36, ranksep: rankGap, edgesep: 24 });
  graph.setDefaultEdgeLabel(() => ({}));
  const portsOf = new Map(boxes.map((b) => [b.id, b.ports]));
  const portIndex = (e: LayoutEdge) => portsOf.get(e.from)?.indexOf(e.port) ?? 0;
  const ordered = [...drawn].sort((a, b) => portIndex(a) - portIndex(b));
  // dagre lays siblings out right to left in insertion order, so they go in reversed.
  for (const box of [...boxes].reverse()) {
    graph.setNode(box.id, { width: box.width, height: box.height });
  }
  const incoming = new Map<string, number>();
  for (const e of drawn) incoming.set(e.to, (incoming.get(e.to) ?? 0) + 1);
  const legs: { edge: string; from: string; to: string; weight: number }[] = [];
  for (const edge of [...ordered].reverse()) {
    // Weights say which legs to keep short: a label right under its node, a path's nodes close
    // to the split they follow; the long stretches then go where paths merge again.
    const intoMerge = (incoming.get(edge.to) ?? 0) > 1;
    if (!edge.label) {
      legs.push({ edge: edge.id, from: edge.from, to: edge.to, weight: intoMerge ? 1 : 4 });
      continue;
    }
    const id = labelId(edge.id);
    graph.setNode(id, { ...edge.label });
    legs.push(
      { edge: edge.id, from: edge.from, to: id, weight: 8 },
      { edge: edge.id, from: id, to: edge.to, weight: intoMerge ? 1 : 4 },
    );
  }
  for (const leg of legs) graph.setEdge(leg.from, leg.to, { weight: leg.weight }, leg.edge);
  // Paths leave a node left to right in port order: keep their next boxes in that order.
  const constraints: Constraint[] = [];
  const firstStop = (e: LayoutEdge) => (e.label ? labelId(e.id) : e.to);
  for (const box of boxes) {
    const out = ordered.filter((e) => e.from === box.id);
    for (let i = 1; i < out.length; i++) {
      const [left, right] = [firstStop(out[i - 1]!), firstStop(out[i]!)];
      if (left !== right) constraints.push({ left, right });
    }
  }
  layout(graph, { constraints, customOrder: orderUnlessUncrossed(constraints) } as never);

  const placed = new Map<string, Placed>();
  for (const id of graph.nodes()) placed.set(id, graph.node(id) as Placed);
  const ranks = ranksOf(placed.values());

  // Hops with their start x (the port's handle) and dagre's dummies.
  const hops: Hop[] = legs.map((leg) => {
    const from = placed.get(leg.from)!;
    const to = placed.get(leg.to)!;
    const edge = drawn.find((e) => e.id === leg.edge)!;
    const ports = portsOf.get(leg.from);
    const startX =
      ports && leg.from === edge.from
        ? from.x -
          from.width / 2 +
          (from.width * (ports.indexOf(edge.port) + 1)) / (ports.length + 1)
        : from.x;
    const points = (graph.edge(leg.from, leg.to, leg.edge) as { points?: Point[] }).points ?? [];
    const fromRank = rankIndex(ranks, from.y);
    const toRank = rankIndex(ranks, to.y);
    const via = points
      .filter((p) => {
        const r = rankIndex(ranks, p.y);
        return r > fromRank && r < toRank && Math.abs(ranks[r]!.centre - p.y) < 1;
      })
      .sort((a, b) => a.y - b.y);
    return { edge: leg.edge, from: leg.from, to: leg.to, startX, endX: to.x, via };
  });

  // A target with several incoming hops: one entry each, ordered by where they come from.
  const into = new Map<string, Hop[]>();
  for (const hop of hops) into.set(hop.to, [...(into.get(hop.to) ?? []), hop]);
  for (const [target, list] of into) {
    if (list.length < 2) continue;
    const box = placed.get(target)!;
    const lastX = (h: Hop) => h.via.at(-1)?.x ?? h.startX;
    list.sort((a, b) => lastX(a) - lastX(b));
    list.forEach((hop, i) => {
      hop.endX = box.x - box.width / 2 + (box.width * (i + 1)) / (list.length + 1);
    });
  }

  // The x of every rank boundary a hop crosses, and its horizontal stretches per gap.
  const stretchesByGap = new Map<number, Stretch[]>();
  const xsOf = new Map<Hop, number[]>();
  for (const hop of hops) {
    const xs = [hop.startX, ...hop.via.map((p) => p.x), hop.endX];
    xsOf.set(hop, xs);
    const fromRank = rankIndex(ranks, placed.get(hop.from)!.y);
    for (let step = 0; step + 1 < xs.length; step++) {
      const [a, b] = [xs[step]!, xs[step + 1]!];
      if (Math.abs(a - b) < 0.5) continue;
      const gap = fromRank + step;
      const list = stretchesByGap.get(gap) ?? [];
      list.push({ hop, step, left: Math.min(a, b), right: Math.max(a, b), rightward: b > a });
      stretchesByGap.set(gap, list);
    }
  }
  const trackY = new Map<string, number>();
  for (const [gap, list] of stretchesByGap) {
    const top = ranks[gap]!.bottom;
    const bottom = ranks[gap + 1]?.top ?? top + rankGap;
    assignTracks(list, top, bottom);
    for (const s of list) trackY.set(`${s.hop.edge}\u0000${s.hop.from}\u0000${s.step}`, s.y!);
  }

  const routes = new Map<string, Point[]>();
  for (const hop of hops) {
    const from = placed.get(hop.from)!;
    const to = placed.get(hop.to)!;
    const xs = xsOf.get(hop)!;
    const route: Point[] = [{ x: xs[0]!, y: from.y + from.height / 2 }];
    for (let step = 0; step + 1 < xs.length; step++) {
      const y = trackY.get(`${hop.edge}\u0000${hop.from}\u0000${step}`);
      if (y === undefined) continue;
      route.push({ x: xs[step]!, y }, { x: xs[step + 1]!, y });
    }
    route.push({ x: xs.at(-1)!, y: to.y - to.height / 2 });
    routes.set(`${hop.edge}\u0000${hop.from}`, route);
  }

  const result: MapLayout = { nodes: new Map(), edges: new Map() };
  for (const box of boxes) {
    const at = placed.get(box.id)!;
    result.nodes.set(box.id, { x: at.x - at.width / 2, y: at.y - at.height / 2 });
  }
  for (const edge of drawn) {
    const first = routes.get(`${edge.id}\u0000${edge.from}`) ?? [];
    if (!edge.label) {
      result.edges.set(edge.id, { points: first });
      continue;
    }
    const id = labelId(edge.id);
    const at = placed.get(id)!;
    result.edges.set(edge.id, {
      points: [...first, ...(routes.get(`${edge.id}\u0000${id}`) ?? [])],
      label: { x: at.x - at.width / 2, y: at.y - at.height / 2, ...edge.label },
    });
  }
  return result;
}

/** An index over a definition's graph, shared by the structural rules. */
import type { Edge, JourneyDefinition, JourneyNode } from '../definition.ts';

export interface GraphIndex {
  /** The first node of every id (duplicates are reported separately). */
  nodes: ReadonlyMap<string, JourneyNode>;
  /** Edges whose both ends exist, by their `from` node. */
  outgoing: ReadonlyMap<string, readonly Edge[]>;
  /** Edges whose both ends exist, by their `to` node. */
  incoming: ReadonlyMap<string, readonly Edge[]>;
}

/** Indexes nodes and the edges whose both ends exist (dangling ones are a rule of their own). */
export function indexGraph(definition: JourneyDefinition): GraphIndex {
  const nodes = new Map<string, JourneyNode>();
  for (const node of definition.nodes) if (!nodes.has(node.id)) nodes.set(node.id, node);
  const outgoing = new Map<string, Edge[]>();
  const incoming = new Map<string, Edge[]>();
  for (const edge of definition.edges) {
    if (!nodes.has(edge.from) || !nodes.has(edge.to)) continue;
    pushTo(outgoing, edge.from, edge);
    pushTo(incoming, edge.to, edge);
  }
  return { nodes, outgoing, incoming };
}

function pushTo(map: Map<string, Edge[]>, key: string, edge: Edge): void {
  const list = map.get(key);
  if (list) list.push(edge);
  else map.set(key, [edge]);
}

/** Edges leaving the node. */
export function outgoingOf(graph: GraphIndex, nodeId: string): readonly Edge[] {
  return graph.outgoing.get(nodeId) ?? [];
}

/** Edges entering the node. */
export function incomingOf(graph: GraphIndex, nodeId: string): readonly Edge[] {
  return graph.incoming.get(nodeId) ?? [];
}

/** Every node reachable from `startIds` (the starts included). */
export function reachableFrom(graph: GraphIndex, startIds: readonly string[]): Set<string> {
  const seen = new Set<string>(startIds);
  const queue = [...startIds];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const edge of outgoingOf(graph, next)) {
      if (seen.has(edge.to)) continue;
      seen.add(edge.to);
      queue.push(edge.to);
    }
  }
  return seen;
}

/**
 * The edges that close a loop (back edges of a depth-first search). Iterative, so a long chain
 * of nodes cannot overflow the stack.
 */
export function findBackEdges(graph: GraphIndex): Edge[] {
  const state = new Map<string, 'open' | 'done'>();
  const backEdges: Edge[] = [];
  for (const rootId of graph.nodes.keys()) {
    if (state.has(rootId)) continue;
    state.set(rootId, 'open');
    const stack: { id: string; edges: readonly Edge[]; index: number }[] = [
      { id: rootId, edges: outgoingOf(graph, rootId), index: 0 },
    ];
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const edge = frame.edges[frame.index++];
      if (edge === undefined) {
        state.set(frame.id, 'done');
        stack.pop();
        continue;
      }
      const target = state.get(edge.to);
      if (target === 'open') backEdges.push(edge);
      else if (target === undefined) {
        state.set(edge.to, 'open');
        stack.push({ id: edge.to, edges: outgoingOf(graph, edge.to), index: 0 });
      }
    }
  }
  return backEdges;
}

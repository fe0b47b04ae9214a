/** Rules on the shape of the graph: the audience root, node ids, edges, loops, reachability. */
import type { Edge, JourneyDefinition, JourneyNode } from '../definition.ts';
import { nodePorts } from '../node-ports.ts';
import { nodeTitle } from '../node-title.ts';
import { findBackEdges, incomingOf, reachableFrom, type GraphIndex } from './graph.ts';
import { problem, type Problem } from './problem.ts';

/** Every structural problem of the graph. */
export function structureProblems(definition: JourneyDefinition, graph: GraphIndex): Problem[] {
  return [
    ...nodeIdProblems(definition),
    ...audienceProblems(definition, graph),
    ...edgeProblems(definition, graph),
    ...cycleProblems(graph),
    ...reachabilityProblems(definition, graph),
  ];
}

/** `"Wait 5 days"`: how messages name a node. */
export function quoteNode(node: JourneyNode): string {
  return `"${nodeTitle(node)}"`;
}

function nodeIdProblems(definition: JourneyDefinition): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const node of definition.nodes) {
    if (seen.has(node.id)) {
      problems.push(
        problem('NODE_ID_DUPLICATE', `Give node ${quoteNode(node)} an id no other node has.`, {
          nodeId: node.id,
        }),
      );
    }
    seen.add(node.id);
  }
  return problems;
}

function audienceProblems(definition: JourneyDefinition, graph: GraphIndex): Problem[] {
  const audiences = definition.nodes.filter((node) => node.type === 'audience');
  if (audiences.length === 0) {
    return [problem('AUDIENCE_MISSING', 'Add an audience node: every journey starts with one.')];
  }
  const problems: Problem[] = audiences.slice(1).map((node) =>
    problem('AUDIENCE_MULTIPLE', 'Remove this audience node: a journey has exactly one.', {
      nodeId: node.id,
    }),
  );
  for (const node of audiences) {
    if (incomingOf(graph, node.id).length > 0) {
      problems.push(
        problem(
          'AUDIENCE_NOT_ROOT',
          'Remove the paths that lead into the audience node: it must be the first node.',
          { nodeId: node.id },
        ),
      );
    }
  }
  return problems;
}

function edgeProblems(definition: JourneyDefinition, graph: GraphIndex): Problem[] {
  const problems: Problem[] = [];
  const usedPorts = new Set<string>();
  for (const edge of definition.edges) {
    const from = graph.nodes.get(edge.from);
    const to = graph.nodes.get(edge.to);
    if (!from || !to) {
      problems.push(danglingEdge(edge, from, to));
      continue;
    }
    if (!nodePorts(from).includes(edge.port)) {
      problems.push(
        problem(
          'INVALID_PORT',
          `Remove the path leaving ${quoteNode(from)} by "${edge.port}": ` +
            `it can only leave by ${listPorts(from)}.`,
          { nodeId: from.id },
        ),
      );
      continue;
    }
    const key = JSON.stringify([edge.from, edge.port]);
    if (usedPorts.has(key)) {
      problems.push(
        problem(
          'DUPLICATE_EDGE',
          `Keep only one path leaving ${quoteNode(from)} by "${edge.port}".`,
          { nodeId: from.id, ...pathPlace(from, edge.port) },
        ),
      );
    }
    usedPorts.add(key);
  }
  return problems;
}

function danglingEdge(edge: Edge, from?: JourneyNode, to?: JourneyNode): Problem {
  const missing = [from ? undefined : edge.from, to ? undefined : edge.to].filter(
    (id) => id !== undefined,
  );
  const nodeId = from?.id ?? to?.id;
  return problem(
    'DANGLING_EDGE',
    `Remove or reconnect the path from "${edge.from}" to "${edge.to}": ` +
      `node ${missing.map((id) => `"${id}"`).join(' and ')} does not exist.`,
    nodeId === undefined ? {} : { nodeId },
  );
}

function listPorts(node: JourneyNode): string {
  const ports = nodePorts(node);
  return ports.length === 0 ? 'no port yet' : ports.map((port) => `"${port}"`).join(', ');
}

/** The path id a port stands for, when the node has split paths. */
function pathPlace(node: JourneyNode, port: string): { pathId?: string } {
  const hasPaths =
    node.type === 'split' || node.type === 'variantSplit' || node.type === 'externalSplit';
  return hasPaths && node.settings.paths.some((path) => path.id === port) ? { pathId: port } : {};
}

function cycleProblems(graph: GraphIndex): Problem[] {
  return findBackEdges(graph).map((edge) => {
    const from = graph.nodes.get(edge.from)!;
    const to = graph.nodes.get(edge.to)!;
    return problem(
      'CYCLE',
      `Reconnect the path leaving ${quoteNode(from)} by "${edge.port}": it leads back to ` +
        `${quoteNode(to)} and makes a loop.`,
      { nodeId: from.id, ...pathPlace(from, edge.port) },
    );
  });
}

function reachabilityProblems(definition: JourneyDefinition, graph: GraphIndex): Problem[] {
  const root = definition.nodes.find((node) => node.type === 'audience');
  // Without an audience every node would be unreachable; AUDIENCE_MISSING says it once.
  if (!root) return [];
  const reachable = reachableFrom(graph, [root.id]);
  return [...graph.nodes.values()]
    .filter((node) => node.type !== 'audience' && !reachable.has(node.id))
    .map((node) =>
      problem(
        'UNREACHABLE_NODE',
        `Connect ${quoteNode(node)} to a path from the audience, or remove it.`,
        { nodeId: node.id },
      ),
    );
}

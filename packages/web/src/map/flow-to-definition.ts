/**
 * React Flow graph → definition: the inverse of `definitionToFlow`. Positions and labels are
 * presentation only and are dropped; node settings travel inside each node's data untouched.
 */
import type { Edge, JourneyDefinition } from '@caravan/core/journey/definition';
import type { JourneyFlowEdge, JourneyFlowNode } from './definition-to-flow.ts';

export function flowToDefinition(
  nodes: readonly JourneyFlowNode[],
  edges: readonly JourneyFlowEdge[],
): JourneyDefinition {
  return {
    nodes: nodes.map((n) => n.data.node),
    edges: edges.map((e): Edge => ({
      from: e.source,
      port: e.data?.port ?? e.sourceHandle ?? 'next',
      to: e.target,
    })),
  };
}

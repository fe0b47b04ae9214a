/**
 * The flow of a definition, laid out. A layout is keyed by the shape of the map (nodes, ports,
 * paths and their labels): a change of settings that keeps the shape (typing a description,
 * picking an email) redraws with the positions already known instead of laying out again.
 */
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import { useMemo } from 'react';
import {
  definitionToFlow,
  layoutInput,
  withLayout,
  type Flow,
  type FlowOptions,
  type LabelRows,
} from './definition-to-flow.ts';
import { layOutMap } from './layout/map-layout.ts';

function shapeOf(flow: Flow): string {
  return JSON.stringify([
    flow.nodes.map((n) => [n.id, n.data.ports]),
    flow.ends.map((n) => n.id),
    flow.edges.map((e) => [e.id, e.label ?? '']),
  ]);
}

export function useLaidOutFlow(definition: JourneyDefinition, options: FlowOptions): Flow {
  const flow = useMemo(() => definitionToFlow(definition, options), [definition, options]);
  const shape = useMemo(() => shapeOf(flow), [flow]);
  // By value: the options are rebuilt whenever a name or the language arrives, and a new
  // `{ plus: true }` must not lay the same map out again.
  const rows = JSON.stringify(options.labelRows ?? {});
  const layout = useMemo(() => {
    const input = layoutInput(definition, flow, JSON.parse(rows) as LabelRows);
    return layOutMap(input.boxes, input.edges);
    // Laid out again only when the shape changes: `flow` of the same shape lays out the same.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, rows]);
  return useMemo(() => withLayout(flow, layout), [flow, layout]);
}

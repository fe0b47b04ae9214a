/**
 * The flow of a definition, laid out. A layout is keyed by the shape of the map (nodes, ports,
 * paths and their labels): a change of settings that keeps the shape (typing a description,
 * picking an email) redraws with the positions already known instead of laying out again.
 *
 * A map opened by its URL may have been laid out already in a worker (`early-layout.ts`): then
 * that layout is used, waited for (Suspense) if it is still being computed, when its input is
 * this map's.
 */
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import { use, useMemo } from 'react';
import {
  definitionToFlow,
  layoutInput,
  withLayout,
  type Flow,
  type FlowOptions,
  type LabelRows,
} from './definition-to-flow.ts';
import { earlyLayout, layoutKey } from './layout/early-layout.ts';
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
  // Laid out again only when the shape changes: `flow` of the same shape lays out the same.
  const input = useMemo(
    () => layoutInput(definition, flow, JSON.parse(rows) as LabelRows),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [shape, rows],
  );
  const key = useMemo(() => layoutKey(input.boxes, input.edges), [input]);
  const pending = earlyLayout();
  const early = pending ? use(pending) : undefined;
  const fromWorker = early?.key === key ? early.layout : undefined;
  const layout = useMemo(
    () => fromWorker ?? layOutMap(input.boxes, input.edges),
    [fromWorker, input],
  );
  return useMemo(() => withLayout(flow, layout), [flow, layout]);
}

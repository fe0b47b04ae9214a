/**
 * The flow of a definition, laid out by ELK (asynchronous). A layout is keyed by the shape of the
 * map (nodes, ports, paths and their labels): a change of settings that keeps the shape (typing a
 * description, picking an email) redraws at once with the positions already known; a change of
 * shape shows the previous map until the new layout arrives (tens of milliseconds).
 */
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import { useEffect, useMemo, useState } from 'react';
import {
  definitionToFlow,
  layoutInput,
  withLayout,
  type Flow,
  type FlowOptions,
} from './definition-to-flow.ts';
import { layOutMap, type MapLayout } from './layout/elk-layout.ts';

function shapeOf(flow: Flow): string {
  return JSON.stringify([
    flow.nodes.map((n) => [n.id, n.data.ports]),
    flow.ends.map((n) => n.id),
    flow.edges.map((e) => [e.id, e.label ?? '']),
  ]);
}

interface Laid {
  shape: string;
  layout: MapLayout;
  flow: Flow;
}

/** Undefined until the first layout is done. */
export function useLaidOutFlow(
  definition: JourneyDefinition,
  options: FlowOptions,
): Flow | undefined {
  const flow = useMemo(() => definitionToFlow(definition, options), [definition, options]);
  const shape = useMemo(() => shapeOf(flow), [flow]);
  const [laid, setLaid] = useState<Laid | undefined>(undefined);
  const current = laid?.shape === shape;
  useEffect(() => {
    if (current) return;
    let cancelled = false;
    const input = layoutInput(definition, flow, options.labelRows ?? {});
    void layOutMap(input.boxes, input.edges).then((layout) => {
      if (!cancelled) setLaid({ shape, layout, flow });
    });
    return () => {
      cancelled = true;
    };
    // Laid out again only when the shape changes; `flow` of the same shape lays out the same.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, current]);
  return useMemo(() => {
    if (!laid) return undefined;
    return current ? withLayout(flow, laid.layout) : withLayout(laid.flow, laid.layout);
  }, [laid, current, flow]);
}

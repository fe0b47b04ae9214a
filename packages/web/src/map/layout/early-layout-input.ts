/**
 * What the layout worker computes (`layout.worker.ts`): the canvas's own conversion of the
 * definition, its layout, and the key the canvas compares with its own input.
 */
import { definitionToFlow, layoutInput } from '../definition-to-flow.ts';
import { layoutKey, type EarlyLayout, type EarlyLayoutRequest } from './early-layout.ts';
import { layOutMap } from './map-layout.ts';

export function computeEarlyLayout({ definition, options }: EarlyLayoutRequest): EarlyLayout {
  const flow = definitionToFlow(definition, options);
  const input = layoutInput(definition, flow, options.labelRows ?? {});
  return { key: layoutKey(input.boxes, input.edges), layout: layOutMap(input.boxes, input.edges) };
}

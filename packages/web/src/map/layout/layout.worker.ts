/**
 * Lays a map out off the main thread (`early-layout.ts`): the canvas's own conversion and
 * `layOutMap`, posted back with the key of the layout's input.
 */
import { definitionToFlow, layoutInput } from '../definition-to-flow.ts';
import { layoutKey, type EarlyLayout, type EarlyLayoutRequest } from './early-layout.ts';
import { layOutMap } from './map-layout.ts';

self.onmessage = (event: MessageEvent<EarlyLayoutRequest>) => {
  const { definition, options } = event.data;
  const flow = definitionToFlow(definition, options);
  const input = layoutInput(definition, flow, options.labelRows ?? {});
  // A MapLayout is Maps of plain points: structured clone carries it as it is.
  const answer: EarlyLayout = {
    key: layoutKey(input.boxes, input.edges),
    layout: layOutMap(input.boxes, input.edges),
  };
  self.postMessage(answer);
};

/** Lays a map out off the main thread (`early-layout.ts`): the same `layOutMap`, posted back. */
import { layOutMap, type LayoutBox, type LayoutEdge } from './map-layout.ts';

self.onmessage = (event: MessageEvent<{ boxes: LayoutBox[]; edges: LayoutEdge[] }>) => {
  // A MapLayout is Maps of plain points: structured clone carries it as it is.
  self.postMessage(layOutMap(event.data.boxes, event.data.edges));
};

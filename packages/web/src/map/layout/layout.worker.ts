/** Lays a map out off the main thread (`early-layout.ts`) and posts the layout back. */
import type { EarlyLayoutRequest } from './early-layout.ts';
import { computeEarlyLayout } from './early-layout-input.ts';

self.onmessage = (event: MessageEvent<EarlyLayoutRequest>) => {
  // A MapLayout is Maps of plain points: structured clone carries it as it is.
  self.postMessage(computeEarlyLayout(event.data));
};

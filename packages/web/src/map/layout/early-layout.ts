/**
 * The first layout of a map opened by its URL, computed in a worker from the moment the journey
 * arrives — started by the entry module (`route-prefetch.ts`), while the app's code is still
 * loading and then running. dagre takes a few hundred milliseconds for a 150-node journey, which
 * used to be spent on the main thread before anything showed.
 *
 * The worker answers with the layout and the key of its input (`layoutKey`): the canvas uses it
 * only when its own input has the same key. Anything else (an edit, another language, a viewer's
 * read-only map of a draft, a worker that failed) is laid out on the main thread as before.
 *
 * Imports nothing but types: it is part of the entry module.
 */
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import type { FlowOptions } from '../definition-to-flow.ts';
import type { LayoutBox, LayoutEdge, MapLayout } from './map-layout.ts';

export interface EarlyLayout {
  key: string;
  layout: MapLayout;
}

/** What the worker is sent: the options that decide the layout (no functions: they do not clone). */
export interface EarlyLayoutRequest {
  definition: JourneyDefinition;
  options: Pick<FlowOptions, 'portLabels' | 'labelRows' | 'openEnds'>;
}

let early: Promise<EarlyLayout | undefined> | undefined;

export function layoutKey(boxes: readonly LayoutBox[], edges: readonly LayoutEdge[]): string {
  return JSON.stringify([boxes, edges]);
}

/** Starts laying `request` out in a worker; resolves to undefined if workers fail. */
export function startEarlyLayout(request: EarlyLayoutRequest): void {
  if (typeof Worker === 'undefined') return;
  early = new Promise<EarlyLayout | undefined>((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    } catch {
      resolve(undefined);
      return;
    }
    worker.onmessage = (event: MessageEvent<EarlyLayout>) => {
      resolve(event.data);
      worker.terminate();
    };
    worker.onerror = () => {
      resolve(undefined);
      worker.terminate();
    };
    worker.postMessage(request);
  });
}

/** The worker's layout, if one was started (pending or done): the same promise on every call. */
export function earlyLayout(): Promise<EarlyLayout | undefined> | undefined {
  return early;
}

/**
 * The first layout of a map opened by its URL, computed in a worker while the main thread is
 * still busy starting the app (running its code, drawing the shell and the map's header): by the
 * time the canvas renders, its layout is usually there. dagre takes a few hundred milliseconds
 * for a 150-node journey, which used to be spent on the main thread before anything showed.
 *
 * Keyed by the exact layout input, so only an identical map uses it; anything else (an edit,
 * another language, a worker that failed) is laid out on the main thread as before.
 */
import type { LayoutBox, LayoutEdge, MapLayout } from './map-layout.ts';

const started = new Map<string, Promise<MapLayout | undefined>>();

export function layoutKey(boxes: readonly LayoutBox[], edges: readonly LayoutEdge[]): string {
  return JSON.stringify([boxes, edges]);
}

/** Starts laying out in a worker; resolves to undefined if workers are not available or fail. */
export function startLayoutInWorker(
  boxes: readonly LayoutBox[],
  edges: readonly LayoutEdge[],
): void {
  const key = layoutKey(boxes, edges);
  if (started.has(key) || typeof Worker === 'undefined') return;
  const layout = new Promise<MapLayout | undefined>((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    } catch {
      resolve(undefined);
      return;
    }
    worker.onmessage = (event: MessageEvent<MapLayout>) => {
      resolve(event.data);
      worker.terminate();
    };
    worker.onerror = () => {
      resolve(undefined);
      worker.terminate();
    };
    worker.postMessage({ boxes, edges });
  });
  started.set(key, layout);
}

/** The worker's layout of this input, if one was started (pending or done). */
export function earlyLayout(key: string): Promise<MapLayout | undefined> | undefined {
  return started.get(key);
}

/**
 * Where the map opens, and what *Fit view* does: the journey fitted below the toolbar at a
 * readable zoom. A journey too big to fit at `readableZoom` opens at that zoom on its top (the
 * audience), centred, instead of shrinking to unreadable cards.
 */
import { useReactFlow, useStore, type FitViewOptions } from '@xyflow/react';
import { useEffect, useRef } from 'react';

/** Room kept free for the toolbar drawn over the top of the canvas. */
export const toolbarRoom = 64;
/** Counts are 14 px: at this zoom they are still 12 px on screen. */
export const readableZoom = 0.86;
const margin = 24;

export const fitViewOptions: FitViewOptions = {
  padding: {
    top: `${toolbarRoom}px`,
    left: `${margin}px`,
    right: `${margin}px`,
    bottom: `${margin}px`,
  },
  maxZoom: 1,
  minZoom: 0.2,
};

/** Opens the map once its nodes are laid out (`ready`); later layouts keep the user's view. */
export function InitialViewport({ ready }: { ready: boolean }) {
  const flow = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const done = useRef(false);
  useEffect(() => {
    if (done.current || !ready || width === 0 || height === 0) return;
    const nodes = flow.getNodes();
    if (nodes.length === 0) return;
    done.current = true;
    const bounds = flow.getNodesBounds(nodes);
    const fit = Math.min(
      1,
      (width - 2 * margin) / bounds.width,
      (height - toolbarRoom - margin) / bounds.height,
    );
    if (fit >= readableZoom) {
      void flow.fitView(fitViewOptions);
      return;
    }
    const zoom = readableZoom;
    const top =
      nodes.find(
        (n) =>
          n.type === 'journey' &&
          n.data &&
          (n.data as { node?: { type?: string } }).node?.type === 'audience',
      ) ?? nodes[0]!;
    const centreX = top.position.x + (top.width ?? 0) / 2;
    void flow.setViewport({
      x: width / 2 - centreX * zoom,
      y: toolbarRoom - bounds.y * zoom,
      zoom,
    });
  }, [ready, width, height, flow]);
  return null;
}

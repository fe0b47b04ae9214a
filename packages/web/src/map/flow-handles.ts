/**
 * Where the cards' handles are, for React Flow. Apart from `definition-to-flow.ts` because the
 * layout worker converts definitions too and must not load React Flow.
 */
import { Position, type NodeHandle } from '@xyflow/react';

/** React Flow's handle dot (6 px, centred on the card's edge), as its CSS draws it. */
const handleSize = 6;

/**
 * Where a card's handles are, as React Flow would measure them in the page: the target on top
 * in the middle, one source per port spread along the bottom (`journey-node.tsx`, `end-node.tsx`). Given up
 * front, React Flow draws the paths in its first render instead of after measuring every card.
 */
export function handlesOf(
  size: { width: number; height: number },
  ports: readonly string[],
  target: boolean,
): NodeHandle[] {
  const half = handleSize / 2;
  const handles: NodeHandle[] = ports.map((port, index) => ({
    id: port,
    type: 'source',
    position: Position.Bottom,
    x: (size.width * (index + 1)) / (ports.length + 1) - half,
    y: size.height - half,
    width: handleSize,
    height: handleSize,
  }));
  if (target) {
    handles.push({
      id: null,
      type: 'target',
      position: Position.Top,
      x: size.width / 2 - half,
      y: -half,
      width: handleSize,
      height: handleSize,
    });
  }
  return handles;
}

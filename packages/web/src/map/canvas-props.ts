/** What both canvases, the editor's and the read-only one, give React Flow alike. */
import type { ReactFlowProps } from '@xyflow/react';

export const canvasProps = {
  nodesDraggable: false,
  nodesConnectable: false,
  elementsSelectable: true,
  // Paths are not things to select or tab to; their + buttons are.
  edgesFocusable: false,
  minZoom: 0.2,
  proOptions: { hideAttribution: true },
} as const satisfies Partial<ReactFlowProps>;

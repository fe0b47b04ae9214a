/**
 * The read-only journey map (published journeys, viewers); `journey-editor-canvas.tsx` is the
 * editing one, built on the same conversion. Clicking a node selects it for the read-only
 * Properties panel.
 */
import '@xyflow/react/dist/style.css';
import {
  Background,
  Controls,
  ReactFlow,
  type EdgeTypes,
  type NodeMouseHandler,
  type NodeTypes,
} from '@xyflow/react';
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { canvasProps } from './canvas-props.ts';
import { InitialViewport, fitViewOptions } from './initial-viewport.tsx';
import { JourneyNodeCard } from './journey-node.tsx';
import { PathEdge } from './path-edge.tsx';
import { useStableElements } from './stable-elements.ts';
import { useFlowOptions } from './use-flow-options.ts';
import { useLaidOutFlow } from './use-laid-out-flow.ts';

// Module scope: a new object per render would make React Flow re-mount every node.
const nodeTypes: NodeTypes = { journey: JourneyNodeCard };

const edgeTypes: EdgeTypes = { path: PathEdge };

interface Props {
  definition: JourneyDefinition;
  onSelect?: (nodeId: string | null) => void;
  journeyId?: string;
}

export function JourneyCanvas({ definition, onSelect, journeyId }: Props) {
  const { t } = useTranslation();
  const onNodeClick: NodeMouseHandler = useCallback(
    (_event, node) => onSelect?.(node.id),
    [onSelect],
  );
  const onPaneClick = useCallback(() => onSelect?.(null), [onSelect]);
  const options = useFlowOptions(definition, 'read-only', journeyId);
  const flow = useLaidOutFlow(definition, options);
  // Counts and names arriving convert the map again: React Flow keeps the unchanged elements.
  const nodes = useStableElements(flow.nodes);
  const edges = useStableElements(flow.edges);
  return (
    <ReactFlow
      aria-label={t('map.canvas')}
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      {...canvasProps}
      onNodeClick={onNodeClick}
      onPaneClick={onPaneClick}
    >
      <Background gap={20} />
      <Controls showInteractive={false} fitViewOptions={fitViewOptions} />
      <InitialViewport ready />
    </ReactFlow>
  );
}

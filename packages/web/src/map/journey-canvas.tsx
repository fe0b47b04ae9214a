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
  type DefaultEdgeOptions,
  type NodeMouseHandler,
  type NodeTypes,
} from '@xyflow/react';
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { definitionToFlow } from './definition-to-flow.ts';
import { JourneyNodeCard } from './journey-node.tsx';

// Module scope: a new object per render would make React Flow re-mount every node.
const nodeTypes: NodeTypes = { journey: JourneyNodeCard };

const edgeDefaults: DefaultEdgeOptions = {
  labelBgPadding: [6, 3],
  labelBgBorderRadius: 4,
  labelStyle: { fontSize: 12, fontWeight: 600, fill: 'var(--mantine-color-gray-8)' },
  labelBgStyle: { fill: 'var(--mantine-color-gray-1)' },
  style: { strokeWidth: 1.5 },
};

interface Props {
  definition: JourneyDefinition;
  onSelect?: (nodeId: string | null) => void;
}

export function JourneyCanvas({ definition, onSelect }: Props) {
  const { t } = useTranslation();
  const onNodeClick: NodeMouseHandler = useCallback(
    (_event, node) => onSelect?.(node.id),
    [onSelect],
  );
  const onPaneClick = useCallback(() => onSelect?.(null), [onSelect]);
  const flow = useMemo(
    () =>
      definitionToFlow(definition, {
        portLabels: {
          timeout: t('edges.timeout'),
          other: t('edges.other'),
          timeoutOrError: t('edges.timeoutOrError'),
        },
      }),
    // `t` changes identity with the language, which re-labels the edges.
    [definition, t],
  );
  return (
    <ReactFlow
      aria-label={t('map.canvas')}
      nodes={flow.nodes}
      edges={flow.edges}
      nodeTypes={nodeTypes}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable
      onNodeClick={onNodeClick}
      onPaneClick={onPaneClick}
      fitView
      fitViewOptions={{ maxZoom: 1, padding: 0.3 }}
      proOptions={{ hideAttribution: true }}
      defaultEdgeOptions={edgeDefaults}
    >
      <Background gap={20} />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}

/** The read-only journey map; the editor of a later issue builds on the same conversion. */
import '@xyflow/react/dist/style.css';
import {
  Background,
  Controls,
  ReactFlow,
  type DefaultEdgeOptions,
  type NodeTypes,
} from '@xyflow/react';
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import { useMemo } from 'react';
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

export function JourneyCanvas({ definition }: { definition: JourneyDefinition }) {
  const { t } = useTranslation();
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

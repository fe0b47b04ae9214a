/**
 * A path on the map: the line, its label (split path, *Timeout*, *Other* …) and, in the editor,
 * the + button that adds a node on it.
 */
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { JourneyFlowEdge } from './definition-to-flow.ts';
import { pathKey, useMapEditor } from './map-editor.context.ts';
import { AddNodeButton } from './node-menu.tsx';

function PathEdgeView(props: EdgeProps<JourneyFlowEdge>) {
  const editor = useMapEditor();
  // The paths of a split fan out right under it, so that each label and + sits on its own
  // vertical stretch above its target instead of crowding the split's middle.
  const centerY = props.sourceY + 14;
  const labelX = props.targetX;
  const labelY = (centerY + props.targetY) / 2;
  const [path] = getSmoothStepPath({
    sourceX: props.sourceX,
    sourceY: props.sourceY,
    targetX: props.targetX,
    targetY: props.targetY,
    sourcePosition: props.sourcePosition,
    targetPosition: props.targetPosition,
    borderRadius: 12,
    centerY,
  });
  const port = props.data?.port ?? props.sourceHandleId ?? 'next';
  const hasProblem = editor?.pathsWithProblems.has(pathKey(props.source, port)) ?? false;
  const label = typeof props.label === 'string' ? props.label : '';
  return (
    <>
      <BaseEdge id={props.id} path={path} style={{ strokeWidth: 1.5 }} />
      <EdgeLabelRenderer>
        <div
          // Where this path starts, for tests and tools that need one exact + among many.
          data-from={props.source}
          data-port={port}
          className="nodrag nopan"
          style={{
            position: 'absolute',
            transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`,
            pointerEvents: 'all',
            display: 'flex',
            flexDirection: 'column',
            alignItems: 'center',
            gap: 4,
          }}
        >
          {label !== '' && (
            <span
              style={{
                fontSize: 12,
                fontWeight: 600,
                padding: '2px 6px',
                borderRadius: 4,
                background: hasProblem
                  ? 'var(--mantine-color-red-1)'
                  : 'var(--mantine-color-gray-1)',
                color: hasProblem ? 'var(--mantine-color-red-8)' : 'var(--mantine-color-gray-8)',
                border: hasProblem ? '1px solid var(--mantine-color-red-4)' : undefined,
                whiteSpace: 'nowrap',
              }}
            >
              {label}
            </span>
          )}
          {editor && <AddNodeButton place={{ from: props.source, port }} />}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const PathEdge = memo(PathEdgeView);

/**
 * A path on the map: the orthogonal line the layout routed, and its label box — the path's label
 * (split path, *Timeout*, *Other* …), on a live journey how many accounts took it, and in the
 * editor the + button that adds a node on it. The box is where the layout left room for it, so
 * labels never sit on other lines, labels or nodes.
 */
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNodeRun } from '../journey-map/run-counts.ts';
import type { JourneyFlowEdge } from './definition-to-flow.ts';
import type { Point } from './layout/map-layout.ts';
import { pathKey, useMapEditor } from './map-editor.context.ts';
import { AddNodeButton } from './node-menu.tsx';
import { numberFormat } from '../layout/format.ts';

const corner = 8;

/** An SVG path through `points` with rounded corners. */
export function roundedPath(points: readonly Point[]): string {
  if (points.length === 0) return '';
  let d = `M ${points[0]!.x} ${points[0]!.y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const [prev, at, next] = [points[i - 1]!, points[i]!, points[i + 1]!];
    const inLength = Math.hypot(at.x - prev.x, at.y - prev.y);
    const outLength = Math.hypot(next.x - at.x, next.y - at.y);
    const r = Math.min(corner, inLength / 2, outLength / 2);
    if (r < 0.5) {
      d += ` L ${at.x} ${at.y}`;
      continue;
    }
    const before = {
      x: at.x - ((at.x - prev.x) / inLength) * r,
      y: at.y - ((at.y - prev.y) / inLength) * r,
    };
    const after = {
      x: at.x + ((next.x - at.x) / outLength) * r,
      y: at.y + ((next.y - at.y) / outLength) * r,
    };
    d += ` L ${before.x} ${before.y} Q ${at.x} ${at.y} ${after.x} ${after.y}`;
  }
  const last = points.at(-1)!;
  return `${d} L ${last.x} ${last.y}`;
}

function PathCount({ from, port }: { from: string; port: string }) {
  const { t, i18n } = useTranslation();
  const run = useNodeRun(from);
  if (!run) return null;
  const count = run.metrics.paths[port] ?? 0;
  return (
    <span
      title={t('run.pathCount', { count })}
      style={{ fontSize: 13, fontWeight: 700, color: 'var(--mantine-color-gray-8)' }}
    >
      {numberFormat(i18n.language).format(count)}
    </span>
  );
}

function PathEdgeView(props: EdgeProps<JourneyFlowEdge>) {
  const editor = useMapEditor();
  const points = props.data?.points;
  const box = props.data?.labelBox;
  let path: string;
  let labelX: number;
  let labelY: number;
  if (points && points.length >= 2) {
    path = roundedPath(points);
    labelX = box ? box.x + box.width / 2 : props.targetX;
    labelY = box ? box.y + box.height / 2 : (props.sourceY + props.targetY) / 2;
  } else {
    // Not laid out (yet): a plain step line, the label halfway.
    [path] = getSmoothStepPath({ ...props, borderRadius: 12 });
    labelX = props.targetX;
    labelY = (props.sourceY + props.targetY) / 2;
  }
  const port = props.data?.port ?? props.sourceHandleId ?? 'next';
  const hasProblem = editor?.pathsWithProblems.has(pathKey(props.source, port)) ?? false;
  const label = typeof props.label === 'string' ? props.label : '';
  return (
    <>
      {/* No invisible wide twin for pointer events: a path is not clicked, its + is. */}
      <BaseEdge id={props.id} path={path} style={{ strokeWidth: 1.5 }} interactionWidth={0} />
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
              title={label}
              style={{
                fontSize: 12,
                fontWeight: 600,
                lineHeight: '18px',
                padding: '0 6px',
                borderRadius: 4,
                background: hasProblem
                  ? 'var(--mantine-color-red-1)'
                  : 'var(--mantine-color-gray-1)',
                color: hasProblem ? 'var(--mantine-color-red-8)' : 'var(--mantine-color-gray-8)',
                border: `1px solid ${hasProblem ? 'var(--mantine-color-red-4)' : 'var(--mantine-color-gray-3)'}`,
                whiteSpace: 'nowrap',
                maxWidth: 220,
                overflow: 'hidden',
                textOverflow: 'ellipsis',
              }}
            >
              {label}
            </span>
          )}
          {editor ? (
            <AddNodeButton from={props.source} port={port} />
          ) : (
            <PathCount from={props.source} port={port} />
          )}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

const handleCoordinates: ReadonlySet<string> = new Set([
  'sourceX',
  'sourceY',
  'targetX',
  'targetY',
]);

/**
 * Whether a path's props draw the same: a laid-out path draws its route, not React Flow's handle
 * coordinates, and React Flow corrects those by a fraction of a pixel once it has mounted (1020 →
 * 1019.99997), which used to draw every path a second time on opening a map.
 */
export function samePathProps(
  before: EdgeProps<JourneyFlowEdge>,
  after: EdgeProps<JourneyFlowEdge>,
): boolean {
  const routed = !!before.data?.points && !!after.data?.points;
  const keys = Object.keys(after) as (keyof EdgeProps<JourneyFlowEdge>)[];
  return (
    keys.length === Object.keys(before).length &&
    keys.every(
      (key) => Object.is(before[key], after[key]) || (routed && handleCoordinates.has(key)),
    )
  );
}

export const PathEdge = memo(PathEdgeView, samePathProps);

/**
 * One node on the canvas: a card that is a button named by the node's title (SPEC §6), with a
 * one-line summary of its settings, on a live journey its counts, a target handle on top and one
 * source handle per path at the bottom.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useRunShown } from '../journey-map/run-counts.ts';
import { RunNodeCounts } from '../journey-map/run-node-counts.tsx';
import { nodeSize, type JourneyFlowNode } from './definition-to-flow.ts';
import classes from './journey-node.module.css';

const kindAccent: Readonly<Record<string, string>> = {
  audience: '#4c6ef5',
  action: '#12b886',
  event: '#fab005',
  split: '#7950f2',
  variantSplit: '#be4bdb',
  merge: '#868e96',
  wait: '#15aabf',
  externalAction: '#fd7e14',
  externalSplit: '#e8590c',
};

function JourneyNodeView({ data, selected }: NodeProps<JourneyFlowNode>) {
  // No translation here: 150 cards each listening for the language cost more than the text.
  const { node, title, kind, summary, ports, problems = 0, problemLabel, blocking = true } = data;
  const runShown = useRunShown();
  return (
    <div className={classes.node} style={{ width: nodeSize.width, height: nodeSize.height }}>
      {node.type !== 'audience' && (
        <Handle type="target" position={Position.Top} isConnectable={false} />
      )}
      <button
        type="button"
        aria-label={title}
        title={summary === '' ? title : `${title}\n${summary}`}
        className={classes.card}
        data-selected={selected ? 'true' : undefined}
        style={{ borderLeftColor: kindAccent[node.type] }}
      >
        {kind !== title && (
          <span className={classes.kind} aria-hidden="true">
            {kind}
          </span>
        )}
        <span className={classes.title}>{title}</span>
        {summary !== '' && <span className={classes.summary}>{summary}</span>}
      </button>
      {problems > 0 && (
        <span
          role="status"
          aria-label={problemLabel}
          title={problemLabel}
          className={classes.badge}
          data-blocking={blocking ? 'true' : undefined}
        >
          {problems}
        </span>
      )}
      {runShown && <RunNodeCounts nodeId={node.id} title={title} />}
      {ports.map((port, index) => (
        <Handle
          key={port}
          id={port}
          type="source"
          position={Position.Bottom}
          isConnectable={false}
          style={{ left: `${((index + 1) / (ports.length + 1)) * 100}%` }}
        />
      ))}
    </div>
  );
}

/**
 * Whether a card's props draw the same: it shows its data and whether it is selected. React Flow
 * also passes its own state (whether nodes are connectable, the z-index, the position …), which it
 * takes from its props only once it has mounted: compared by all props, every card was drawn a
 * second time on opening a map, when `isConnectable` went from React Flow's default to ours.
 */
export function sameCardProps(
  before: NodeProps<JourneyFlowNode>,
  after: NodeProps<JourneyFlowNode>,
): boolean {
  return before.data === after.data && before.selected === after.selected;
}

export const JourneyNodeCard = memo(JourneyNodeView, sameCardProps);

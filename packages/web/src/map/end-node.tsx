/** Where a path ends without a node: a small dot under the + that continues it. */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { endNodeSize, type EndFlowNode } from './definition-to-flow.ts';

function EndNodeView(_props: NodeProps<EndFlowNode>) {
  return (
    <div
      aria-hidden="true"
      style={{
        width: endNodeSize.width,
        height: endNodeSize.height,
        display: 'flex',
        justifyContent: 'center',
      }}
    >
      <div
        style={{
          width: endNodeSize.height,
          height: endNodeSize.height,
          borderRadius: '50%',
          border: '2px solid var(--mantine-color-gray-4)',
          background: 'var(--mantine-color-gray-0)',
        }}
      />
      <Handle type="target" position={Position.Top} isConnectable={false} />
    </div>
  );
}

export const EndNode = memo(EndNodeView);

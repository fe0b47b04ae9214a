/**
 * The journey map in edit mode: the same laid-out graph as the read-only canvas, plus an end
 * marker under every open path, the + on every path, node selection, problem badges, a minimap
 * and zoom controls. The definition is owned by the editor; this component only draws it.
 */
import '@xyflow/react/dist/style.css';
import {
  Background,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  useOnViewportChange,
  useReactFlow,
  type EdgeTypes,
  type Node,
  type NodeMouseHandler,
  type NodeTypes,
} from '@xyflow/react';
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import type { Problem } from '@caravan/core/journey/validation';
import { useCallback, useEffect, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { JourneyFlowNode } from './definition-to-flow.ts';
import { EndNode } from './end-node.tsx';
import { canvasProps } from './canvas-props.ts';
import { InitialViewport, fitViewOptions } from './initial-viewport.tsx';
import { JourneyNodeCard } from './journey-node.tsx';
import { AddNodeMenuProvider, useAddNodeMenuCloser } from './node-menu.tsx';
import { PathEdge } from './path-edge.tsx';
import { useStableElements } from './stable-elements.ts';
import { useFlowOptions } from './use-flow-options.ts';
import { useLaidOutFlow } from './use-laid-out-flow.ts';

// Module scope: a new object per render would make React Flow re-mount every node and edge.
const nodeTypes: NodeTypes = { journey: JourneyNodeCard, end: EndNode };
const edgeTypes: EdgeTypes = { path: PathEdge };

export interface FocusRequest {
  nodeId: string;
  /** `zoom` fits the view to the node (a problem picked); `pan` only brings it into view (added). */
  mode: 'zoom' | 'pan';
  /** Bumped on every request so that asking for the same node twice still moves the view. */
  seq: number;
}

interface Props {
  definition: JourneyDefinition;
  problemsByNode: ReadonlyMap<string, readonly Problem[]>;
  selectedId: string | null;
  onSelect: (nodeId: string | null) => void;
  focus: FocusRequest | null;
  /** Toolbar content drawn over the top of the canvas. */
  toolbar: ReactNode;
  journeyId?: string;
}

function FocusOnRequest({ focus }: { focus: FocusRequest | null }) {
  const flow = useReactFlow();
  useEffect(() => {
    if (!focus) return;
    // The next frame: React Flow takes the new nodes into its store after this render commits.
    const frame = requestAnimationFrame(() => {
      if (focus.mode === 'zoom') {
        void flow.fitView({ nodes: [{ id: focus.nodeId }], duration: 300, maxZoom: 1.2 });
        return;
      }
      const node = flow.getNode(focus.nodeId);
      if (!node) return;
      const x = node.position.x + (node.width ?? 0) / 2;
      const y = node.position.y + (node.height ?? 0) / 2;
      void flow.setCenter(x, y, { zoom: flow.getZoom(), duration: 300 });
    });
    return () => cancelAnimationFrame(frame);
  }, [focus, flow]);
  return null;
}

/** The + menu stays where it was opened: moving the canvas closes it. */
function CloseAddNodeMenuOnMove() {
  const close = useAddNodeMenuCloser();
  useOnViewportChange({ onStart: close });
  return null;
}

function miniMapColor(node: Node): string {
  return node.type === 'end' ? 'var(--mantine-color-gray-3)' : 'var(--mantine-color-indigo-3)';
}

export function JourneyEditorCanvas(props: Props) {
  const { t } = useTranslation();
  const { definition, problemsByNode, selectedId, onSelect } = props;
  const options = useFlowOptions(definition, 'editor', props.journeyId);
  const flow = useLaidOutFlow(definition, options);
  // Two steps so that a click, which changes only `selectedId`, keeps every other node object:
  // React Flow and the memoised cards then redraw the two nodes whose selection changed, not all.
  const converted = useMemo((): JourneyFlowNode[] => {
    return flow.nodes.map((node): JourneyFlowNode => {
      const problems = problemsByNode.get(node.id) ?? [];
      return {
        ...node,
        data: {
          ...node.data,
          problems: problems.length,
          problemLabel: t('editor.problemCount', { count: problems.length }),
          blocking: problems.some((p) => p.severity === 'error'),
        },
      };
    });
  }, [flow, problemsByNode, t]);
  // A name or the language arriving converts the map again: React Flow keeps the unchanged cards.
  const unselected = useStableElements(converted);
  const ends = useStableElements(flow.ends);
  const edges = useStableElements(flow.edges);
  const nodes = useMemo(
    (): Node[] => [
      ...unselected.map((node) => (node.id === selectedId ? { ...node, selected: true } : node)),
      ...ends,
    ],
    [unselected, ends, selectedId],
  );

  const onNodeClick: NodeMouseHandler = useCallback(
    (_event, node) => {
      if (node.type === 'journey') onSelect(node.id);
    },
    [onSelect],
  );
  const onPaneClick = useCallback(() => onSelect(null), [onSelect]);

  return (
    <AddNodeMenuProvider>
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
        <MiniMap pannable zoomable nodeColor={miniMapColor} ariaLabel={t('editor.minimap')} />
        <Panel position="top-left">{props.toolbar}</Panel>
        <FocusOnRequest focus={props.focus} />
        <InitialViewport ready />
        <CloseAddNodeMenuOnMove />
      </ReactFlow>
    </AddNodeMenuProvider>
  );
}

/**
 * A map of 150 cards is drawn once when it opens: React Flow's own state settling after it has
 * mounted (`isConnectable`, handle coordinates corrected by a fraction of a pixel) must not draw
 * every card and path a second time, while a change of what they show must.
 */
import type { EdgeProps, NodeProps } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { laidOutFlow, type JourneyFlowEdge, type JourneyFlowNode } from './definition-to-flow.ts';
import { sameCardProps } from './journey-node.tsx';
import { nestedJourney } from './layout/nested-journey.fixture.ts';
import { samePathProps } from './path-edge.tsx';

const flow = laidOutFlow(nestedJourney('audience-1'));
const node = flow.nodes[1]!;
const edge = flow.edges[0]!;

const cardProps = (overrides: Partial<NodeProps<JourneyFlowNode>> = {}) =>
  ({
    id: node.id,
    type: 'journey',
    data: node.data,
    selected: false,
    isConnectable: true,
    zIndex: 0,
    positionAbsoluteX: node.position.x,
    positionAbsoluteY: node.position.y,
    dragging: false,
    draggable: false,
    selectable: true,
    deletable: true,
    ...overrides,
  }) as NodeProps<JourneyFlowNode>;

const pathProps = (overrides: Partial<EdgeProps<JourneyFlowEdge>> = {}) =>
  ({
    id: edge.id,
    source: edge.source,
    target: edge.target,
    data: edge.data,
    label: edge.label,
    sourceX: 1020,
    sourceY: 95,
    targetX: 1020,
    targetY: 195,
    ...overrides,
  }) as EdgeProps<JourneyFlowEdge>;

describe('what redraws a card', () => {
  it('does not redraw it when only React Flow state it does not show changes', () => {
    expect(sameCardProps(cardProps(), cardProps({ isConnectable: false, zIndex: 1000 }))).toBe(
      true,
    );
  });

  it('redraws it when its data or its selection changes', () => {
    expect(sameCardProps(cardProps(), cardProps({ selected: true }))).toBe(false);
    expect(
      sameCardProps(cardProps(), cardProps({ data: { ...node.data, summary: 'Other text' } })),
    ).toBe(false);
  });
});

describe('what redraws a path', () => {
  it('does not redraw a laid-out path when React Flow corrects its handle coordinates', () => {
    expect(edge.data?.points?.length).toBeGreaterThanOrEqual(2);
    const corrected = pathProps({ sourceX: 1019.9999659338663, targetY: 194.99998012808865 });
    expect(samePathProps(pathProps(), corrected)).toBe(true);
  });

  it('redraws a path without a route when its coordinates change', () => {
    const unrouted = { port: 'next' };
    expect(
      samePathProps(pathProps({ data: unrouted }), pathProps({ data: unrouted, sourceX: 900 })),
    ).toBe(false);
  });

  it('redraws a path when its route or label changes', () => {
    expect(samePathProps(pathProps(), pathProps({ label: 'Other' }))).toBe(false);
    expect(samePathProps(pathProps(), pathProps({ data: { ...edge.data!, points: [] } }))).toBe(
      false,
    );
  });
});

import type { JourneyDefinition } from '@caravan/core/journey/definition';
import { describe, expect, it } from 'vitest';
import { definitionToFlow, laidOutFlow, nodeSize } from './definition-to-flow.ts';
import { flowToDefinition } from './flow-to-definition.ts';

const industry = (value: string) => ({
  match: 'all' as const,
  rules: [{ kind: 'account' as const, attribute: 'industry', operator: 'equals' as const, value }],
});

/** Audience → split by accounts (two paths + other) → nested split, event with timeout, merge. */
const nestedSplits: JourneyDefinition = {
  nodes: [
    { id: 'audience', type: 'audience', settings: { source: 'audience', sourceId: 'aud-1' } },
    {
      id: 'split',
      type: 'split',
      settings: {
        by: 'accounts',
        paths: [
          { id: 'tech', label: 'Technology', condition: industry('Technology') },
          { id: 'fin', label: 'Finance', condition: industry('Finance') },
        ],
        otherPath: true,
      },
    },
    {
      id: 'inner',
      type: 'split',
      settings: {
        by: 'accounts',
        paths: [{ id: 'big', label: 'Enterprise', condition: industry('Software') }],
        otherPath: false,
      },
    },
    {
      id: 'listen',
      type: 'event',
      settings: {
        on: 'people',
        event: 'emailOpened',
        timeout: { duration: { amount: 3, unit: 'days' } },
        timeoutPath: true,
      },
    },
    { id: 'wait', type: 'wait', settings: { duration: { amount: 5, unit: 'days' } } },
    { id: 'merge', type: 'merge', settings: {} },
    {
      id: 'alert',
      type: 'action',
      settings: { on: 'accounts', action: { type: 'sendSalesAlert', to: ['sales@example.com'] } },
    },
  ],
  edges: [
    { from: 'audience', port: 'next', to: 'split' },
    { from: 'split', port: 'tech', to: 'inner' },
    { from: 'split', port: 'fin', to: 'listen' },
    { from: 'split', port: 'other', to: 'merge' },
    { from: 'inner', port: 'big', to: 'merge' },
    { from: 'listen', port: 'next', to: 'merge' },
    { from: 'listen', port: 'timeout', to: 'wait' },
    { from: 'wait', port: 'next', to: 'merge' },
    { from: 'merge', port: 'next', to: 'alert' },
  ],
};

/** A split by people whose paths hold people actions, then a variant split and externals. */
const peopleAndVariants: JourneyDefinition = {
  nodes: [
    { id: 'audience', type: 'audience', settings: { source: 'accountList', sourceId: 'list-1' } },
    {
      id: 'people',
      type: 'split',
      settings: {
        by: 'people',
        paths: [{ id: 'cmo', label: 'Decision makers', condition: industry('x') }],
        otherPath: true,
      },
    },
    {
      id: 'email',
      type: 'action',
      settings: { on: 'people', action: { type: 'sendEmail', emailId: 'email-1' } },
    },
    {
      id: 'sms',
      type: 'action',
      settings: { on: 'people', action: { type: 'sendSms', content: { message: 'Hi' } } },
    },
    {
      id: 'ab',
      type: 'variantSplit',
      settings: {
        by: 'accounts',
        paths: [
          { id: 'a', label: 'Variant A', percent: 70 },
          { id: 'b', label: 'Variant B', percent: 30 },
        ],
      },
    },
    { id: 'call', type: 'externalAction', settings: { serviceId: 'crm' } },
    {
      id: 'route',
      type: 'externalSplit',
      settings: { serviceId: 'scoring', paths: [{ id: 'hot', label: 'Hot' }], otherPath: true },
    },
  ],
  edges: [
    { from: 'audience', port: 'next', to: 'people' },
    { from: 'people', port: 'cmo', to: 'email' },
    { from: 'people', port: 'other', to: 'sms' },
    { from: 'email', port: 'next', to: 'ab' },
    { from: 'sms', port: 'next', to: 'ab' },
    { from: 'ab', port: 'a', to: 'call' },
    { from: 'ab', port: 'b', to: 'route' },
    { from: 'call', port: 'timeoutOrError', to: 'route' },
  ],
};

function labelOf(definition: JourneyDefinition, from: string, port: string): unknown {
  const { edges } = definitionToFlow(definition);
  return edges.find((e) => e.source === from && e.sourceHandle === port)?.label;
}

describe('definition ⇄ flow conversion', () => {
  it.each([
    ['nested splits, a timeout and a merge', nestedSplits],
    ['a people split, a variant split and external nodes', peopleAndVariants],
    ['a new journey with only its audience', { nodes: [nestedSplits.nodes[0]!], edges: [] }],
  ])('gives back the same definition after a round trip with %s', (_name, definition) => {
    const flow = definitionToFlow(definition);
    expect(flowToDefinition(flow.nodes, flow.edges)).toEqual(definition);
  });

  it('labels split edges with path labels and fixed ports with their names', () => {
    expect(labelOf(nestedSplits, 'split', 'tech')).toBe('Technology');
    expect(labelOf(nestedSplits, 'split', 'other')).toBe('Other');
    expect(labelOf(nestedSplits, 'listen', 'timeout')).toBe('Timeout');
    expect(labelOf(peopleAndVariants, 'call', 'timeoutOrError')).toBe('Timeout or error');
    expect(labelOf(nestedSplits, 'audience', 'next')).toBeUndefined();
  });

  it('labels variant split edges with the variant and its percent', () => {
    expect(labelOf(peopleAndVariants, 'ab', 'a')).toBe('Variant A (70%)');
    expect(labelOf(peopleAndVariants, 'ab', 'b')).toBe('Variant B (30%)');
  });

  it('uses translated labels for the fixed ports when given', () => {
    const { edges } = definitionToFlow(nestedSplits, {
      portLabels: { timeout: 'Tidsgräns', other: 'Övrigt', timeoutOrError: 'Fel' },
    });
    expect(edges.find((e) => e.sourceHandle === 'timeout')?.label).toBe('Tidsgräns');
  });

  it('titles nodes by what they do', () => {
    const titles = definitionToFlow(nestedSplits).nodes.map((n) => n.data.title);
    expect(titles).toEqual([
      'Account audience',
      'Split paths',
      'Split paths',
      'Listen for an event',
      'Wait 5 days',
      'Merge paths',
      'Send sales alert',
    ]);
  });

  it('offers one handle per path, the other path last', () => {
    const split = definitionToFlow(nestedSplits).nodes.find((n) => n.id === 'split');
    expect(split?.data.ports).toEqual(['tech', 'fin', 'other']);
    const route = definitionToFlow(peopleAndVariants).nodes.find((n) => n.id === 'route');
    expect(route?.data.ports).toEqual(['hot', 'other', 'timeoutOrError']);
  });

  it('lays the map out top to bottom with the audience first and no overlaps', () => {
    const { nodes } = laidOutFlow(nestedSplits);
    const y = (id: string) => nodes.find((n) => n.id === id)!.position.y;
    expect(y('audience')).toBeLessThan(y('split'));
    expect(y('split')).toBeLessThan(y('inner'));
    expect(y('listen')).toBeLessThan(y('wait'));
    expect(y('wait')).toBeLessThan(y('merge'));
    expect(y('merge')).toBeLessThan(y('alert'));
    for (const a of nodes) {
      for (const b of nodes) {
        if (a === b) continue;
        const apart =
          Math.abs(a.position.x - b.position.x) >= nodeSize.width ||
          Math.abs(a.position.y - b.position.y) >= nodeSize.height;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
  });

  it('keeps an edge whose port the node no longer offers', () => {
    const definition: JourneyDefinition = {
      nodes: [nestedSplits.nodes[0]!, { id: 'w', type: 'wait', settings: {} }],
      edges: [
        { from: 'audience', port: 'next', to: 'w' },
        { from: 'audience', port: 'stale', to: 'w' },
      ],
    };
    const flow = definitionToFlow(definition);
    expect(flow.nodes[0]?.data.ports).toEqual(['next', 'stale']);
    expect(flowToDefinition(flow.nodes, flow.edges)).toEqual(definition);
  });

  it('draws every path that ends without a node to its own end marker when asked', () => {
    expect(definitionToFlow(nestedSplits).ends).toEqual([]);
    const flow = laidOutFlow(nestedSplits, { openEnds: true, edgeType: 'path' });
    expect(flow.ends.map((e) => e.data)).toEqual([{ from: 'alert', port: 'next' }]);
    const endEdge = flow.edges.find((e) => e.data?.end);
    expect(endEdge).toMatchObject({ source: 'alert', sourceHandle: 'next', type: 'path' });
    const alert = flow.nodes.find((n) => n.id === 'alert')!;
    expect(flow.ends[0]!.position.y).toBeGreaterThan(alert.position.y);
  });

  it('gives each open path of a split its own end marker', () => {
    const definition: JourneyDefinition = {
      nodes: [
        nestedSplits.nodes[0]!,
        {
          id: 's',
          type: 'split',
          settings: { paths: [{ id: 'p1', label: 'P1' }], otherPath: true },
        },
      ],
      edges: [{ from: 'audience', port: 'next', to: 's' }],
    };
    const flow = definitionToFlow(definition, { openEnds: true });
    expect(flow.ends.map((e) => e.data.port)).toEqual(['p1', 'other']);
    expect(flow.edges.filter((e) => e.data?.end).map((e) => e.label)).toEqual(['P1', 'Other']);
  });

  it("lays a split's paths out left to right in the order the split lists them", () => {
    const definition: JourneyDefinition = {
      nodes: [
        nestedSplits.nodes[0]!,
        {
          id: 's',
          type: 'split',
          settings: {
            paths: [
              { id: 'p1', label: 'P1' },
              { id: 'p2', label: 'P2' },
              { id: 'p3', label: 'P3' },
            ],
            otherPath: true,
          },
        },
        { id: 'w1', type: 'wait', settings: {} },
        { id: 'w3', type: 'wait', settings: {} },
      ],
      edges: [
        { from: 'audience', port: 'next', to: 's' },
        { from: 's', port: 'p1', to: 'w1' },
        { from: 's', port: 'p3', to: 'w3' },
      ],
    };
    const flow = laidOutFlow(definition, { openEnds: true, labelRows: { plus: true } });
    const x = (id: string) => [...flow.nodes, ...flow.ends].find((n) => n.id === id)!.position.x;
    expect(x('w1')).toBeLessThan(x('end:s:p2'));
    expect(x('end:s:p2')).toBeLessThan(x('w3'));
    expect(x('w3')).toBeLessThan(x('end:s:other'));
    const plain = laidOutFlow(definition);
    const px = (id: string) => plain.nodes.find((n) => n.id === id)!.position.x;
    expect(px('w1')).toBeLessThan(px('w3'));
  });
});

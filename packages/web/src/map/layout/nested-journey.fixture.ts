/**
 * A fixed journey with nested splits and merges, used by the layout test (no overlaps), the
 * before/after screenshots of docs/map-layout.md and anyone who wants a big realistic map:
 * blocks of "split by industry (two paths and Other) → on each path a wait, an action and, on the
 * first path, a nested split of its own merged back → merge", chained until `total` nodes.
 */
import type { Edge, JourneyDefinition, JourneyNode } from '@caravan/core/journey/definition';

const rule = (attribute: string, value: string) => ({
  match: 'all' as const,
  rules: [{ kind: 'account' as const, attribute, operator: 'equals' as const, value }],
});

export function nestedJourney(audienceId: string, total = 150): JourneyDefinition {
  const nodes: JourneyNode[] = [
    { id: 'audience', type: 'audience', settings: { source: 'audience', sourceId: audienceId } },
  ];
  const edges: Edge[] = [];
  let tail = { from: 'audience', port: 'next' };
  let n = 0;
  const add = (node: JourneyNode, from: { from: string; port: string }) => {
    nodes.push(node);
    edges.push({ from: from.from, port: from.port, to: node.id });
  };
  const wait = (id: string, days: number): JourneyNode => ({
    id,
    type: 'wait',
    settings: { duration: { amount: days, unit: 'days' } },
  });
  const moment = (id: string, text: string): JourneyNode => ({
    id,
    type: 'action',
    settings: {
      on: 'accounts',
      action: { type: 'interestingMoment', momentType: 'milestone', description: text },
    },
  });
  const split = (id: string, attribute: string, values: string[]): JourneyNode => ({
    id,
    type: 'split',
    settings: {
      by: 'accounts',
      paths: values.map((value, i) => ({
        id: `p${i}`,
        label: value,
        condition: rule(attribute, value),
      })),
      otherPath: true,
    },
  });
  while (nodes.length + 14 <= total) {
    const b = n++;
    const top = `s${b}`;
    add(split(top, 'industry', ['Software', 'Finance']), tail);
    const ends: { from: string; port: string }[] = [];
    for (const port of ['p0', 'p1', 'other']) {
      const w = `w${b}${port}`;
      add(wait(w, b + 1), { from: top, port });
      const a = `a${b}${port}`;
      add(moment(a, `Block ${b} ${port}`), { from: w, port: 'next' });
      if (port !== 'p0') {
        ends.push({ from: a, port: 'next' });
        continue;
      }
      const inner = `i${b}`;
      add(split(inner, 'country', ['SE', 'DE']), { from: a, port: 'next' });
      const innerEnds = ['p0', 'p1', 'other'].map((p) => {
        const id = `iw${b}${p}`;
        add(wait(id, 1), { from: inner, port: p });
        return { from: id, port: 'next' };
      });
      const innerMerge = `im${b}`;
      nodes.push({ id: innerMerge, type: 'merge', settings: {} });
      for (const end of innerEnds) edges.push({ ...end, to: innerMerge });
      ends.push({ from: innerMerge, port: 'next' });
    }
    const merge = `m${b}`;
    nodes.push({ id: merge, type: 'merge', settings: {} });
    for (const end of ends) edges.push({ ...end, to: merge });
    tail = { from: merge, port: 'next' };
  }
  for (let i = 0; nodes.length < total; i++) {
    const id = `t${i}`;
    add(i % 2 === 0 ? wait(id, i + 1) : moment(id, `Tail ${i}`), tail);
    tail = { from: id, port: 'next' };
  }
  return { nodes, edges };
}

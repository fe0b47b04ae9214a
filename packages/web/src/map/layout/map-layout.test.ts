/**
 * The layout, checked on the boxes and routes it returns (no screenshots): on a fixed journey of
 * nested splits and merges no two boxes overlap (nodes, end markers, path labels), no path runs
 * through a box other than its own ends and label, no two paths share a stretch of line, and
 * every path is orthogonal and starts at its port's handle.
 */
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import { describe, expect, it } from 'vitest';
import { laidOutFlow, nodeSize, type Flow, type LabelRows } from '../definition-to-flow.ts';
import type { Point, Rect } from './map-layout.ts';
import { nestedJourney } from './nested-journey.fixture.ts';

interface Segment {
  edge: string;
  a: Point;
  b: Point;
}

function boxesOf(flow: Flow): { id: string; rect: Rect }[] {
  return [
    ...flow.nodes.map((n) => ({ id: n.id, rect: { ...n.position, ...nodeSize } })),
    ...flow.ends.map((n) => ({
      id: n.id,
      rect: { ...n.position, width: n.width ?? 0, height: n.height ?? 0 },
    })),
    ...flow.edges.flatMap((e) =>
      e.data?.labelBox ? [{ id: `label of ${e.id}`, rect: e.data.labelBox }] : [],
    ),
  ];
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function segmentsOf(flow: Flow): Segment[] {
  return flow.edges.flatMap((e) => {
    const points = e.data?.points ?? [];
    return points.slice(1).map((b, i) => ({ edge: e.id, a: points[i]!, b }));
  });
}

/** Whether the segment passes through the inside of `r` (touching its border is fine). */
function crosses(s: Segment, r: Rect): boolean {
  const inset = 1;
  const left = r.x + inset;
  const right = r.x + r.width - inset;
  const top = r.y + inset;
  const bottom = r.y + r.height - inset;
  const [x1, x2] = [Math.min(s.a.x, s.b.x), Math.max(s.a.x, s.b.x)];
  const [y1, y2] = [Math.min(s.a.y, s.b.y), Math.max(s.a.y, s.b.y)];
  return x1 < right && x2 > left && y1 < bottom && y2 > top;
}

/** Two axis-parallel segments lying on the same line and sharing more than a point. */
function shareStretch(s: Segment, t: Segment): boolean {
  const vertical = (g: Segment) => Math.abs(g.a.x - g.b.x) < 0.5;
  if (vertical(s) !== vertical(t)) return false;
  if (vertical(s)) {
    if (Math.abs(s.a.x - t.a.x) >= 1) return false;
    const lo = Math.max(Math.min(s.a.y, s.b.y), Math.min(t.a.y, t.b.y));
    const hi = Math.min(Math.max(s.a.y, s.b.y), Math.max(t.a.y, t.b.y));
    return hi - lo > 1;
  }
  if (Math.abs(s.a.y - t.a.y) >= 1) return false;
  const lo = Math.max(Math.min(s.a.x, s.b.x), Math.min(t.a.x, t.b.x));
  const hi = Math.min(Math.max(s.a.x, s.b.x), Math.max(t.a.x, t.b.x));
  return hi - lo > 1;
}

function expectClean(definition: JourneyDefinition, flow: Flow) {
  const boxes = boxesOf(flow);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      expect(overlaps(a.rect, b.rect), `${a.id} overlaps ${b.id}`).toBe(false);
    }
  }
  const segments = segmentsOf(flow);
  for (const edge of flow.edges) {
    const points = edge.data?.points ?? [];
    expect(points.length, `${edge.id} has a route`).toBeGreaterThanOrEqual(2);
    for (const [i, p] of points.slice(1).entries()) {
      const q = points[i]!;
      const orthogonal = Math.abs(p.x - q.x) < 0.5 || Math.abs(p.y - q.y) < 0.5;
      expect(orthogonal, `${edge.id} segment ${i} is orthogonal`).toBe(true);
    }
    // It leaves its node where the card draws the port's handle.
    const source = flow.nodes.find((n) => n.id === edge.source)!;
    const ports = source.data.ports;
    const handleX =
      source.position.x +
      (nodeSize.width * (ports.indexOf(edge.data!.port) + 1)) / (ports.length + 1);
    const handleY = source.position.y + nodeSize.height;
    expect(Math.abs(points[0]!.x - handleX), `${edge.id} starts at its handle`).toBeLessThan(1.5);
    expect(Math.abs(points[0]!.y - handleY), `${edge.id} starts at its handle`).toBeLessThan(1.5);
  }
  for (const s of segments) {
    const edge = flow.edges.find((e) => e.id === s.edge)!;
    for (const box of boxes) {
      const own =
        box.id === edge.source || box.id === edge.target || box.id === `label of ${edge.id}`;
      if (own) continue;
      expect(crosses(s, box.rect), `${s.edge} runs through ${box.id}`).toBe(false);
    }
  }
  for (let i = 0; i < segments.length; i++) {
    for (let j = i + 1; j < segments.length; j++) {
      const [s, t] = [segments[i]!, segments[j]!];
      if (s.edge === t.edge) continue;
      expect(shareStretch(s, t), `${s.edge} and ${t.edge} share a line`).toBe(false);
    }
  }
  // Every node of the definition was placed, each path label below its split.
  expect(flow.nodes.map((n) => n.id).sort()).toEqual(definition.nodes.map((n) => n.id).sort());
}

describe('map layout', () => {
  const rows: [string, LabelRows, boolean][] = [
    ['the editor (a + on every path, open ends)', { plus: true }, true],
    ['a live journey (counts on every path)', { counts: true }, false],
  ];
  it.each(rows)(
    'lays nested splits and merges out without overlaps in %s',
    (_name, labelRows, openEnds) => {
      const definition = nestedJourney('aud-1', 60);
      const flow = laidOutFlow(definition, { labelRows, openEnds, edgeType: 'path' });
      expectClean(definition, flow);
      const y = (id: string) => flow.nodes.find((n) => n.id === id)!.position.y;
      expect(y('audience')).toBeLessThan(y('s0'));
      expect(y('s0')).toBeLessThan(y('i0'));
      expect(y('i0')).toBeLessThan(y('im0'));
      expect(y('im0')).toBeLessThan(y('m0'));
      expect(y('m0')).toBeLessThan(y('s1'));
    },
  );

  it("keeps a split's paths left to right in the order the split lists them", () => {
    const flow = laidOutFlow(nestedJourney('aud-1', 30), { labelRows: { plus: true } });
    const x = (id: string) => flow.nodes.find((n) => n.id === id)!.position.x;
    expect(x('w0p0')).toBeLessThan(x('w0p1'));
    expect(x('w0p1')).toBeLessThan(x('w0other'));
    expect(x('iw0p0')).toBeLessThan(x('iw0p1'));
    expect(x('iw0p1')).toBeLessThan(x('iw0other'));
  });

  it('lays out the 150-node journey without overlaps', () => {
    const definition = nestedJourney('aud-1', 150);
    const started = performance.now();
    const flow = laidOutFlow(definition, { labelRows: { plus: true }, openEnds: true });
    const ms = performance.now() - started;
    expectClean(definition, flow);
    console.log(`layout of ${definition.nodes.length} nodes: ${Math.round(ms)} ms`);
  });
});

/**
 * Helpers for the rule tests: each case breaks the valid fixture journey in one way, names the
 * problems that must follow, and gives a nearby journey that obeys the rule.
 */
import { describe, expect, it } from 'vitest';
import type { Edge, JourneyDefinition, JourneyNode } from '../definition.ts';
import { validJourney, validationContext } from '../fixtures.test-support.ts';
import {
  validateJourney,
  type Problem,
  type ReferenceState,
  type ValidationContext,
} from '../validation.ts';

export const now = new Date('2030-03-01T12:00:00.000Z');
export type Journey = ReturnType<typeof validJourney>;
export type Change = (journey: Journey) => void;
export interface Place {
  code: string;
  nodeId?: string;
  pathId?: string;
}

export function validate(
  change: Change = () => {},
  ctx: Partial<ValidationContext> = {},
): Problem[] {
  const journey = validJourney(now);
  change(journey);
  return validateJourney(journey, validationContext(now, ctx));
}

/** Code and place of each problem: what the map needs to show it. */
export function places(problems: readonly Problem[]): Place[] {
  return problems.map(({ code, nodeId, pathId }) => ({
    code,
    ...(nodeId === undefined ? {} : { nodeId }),
    ...(pathId === undefined ? {} : { pathId }),
  }));
}

export function nodeOf(definition: JourneyDefinition, id: string): JourneyNode {
  const node = definition.nodes.find((candidate) => candidate.id === id);
  if (!node) throw new Error(`no node ${id} in the fixture`);
  return node;
}

/** Replaces settings wholesale; `unknown` so a test can build what the schema would refuse. */
export function setSettings(id: string, settings: unknown): Change {
  return (journey) => {
    (nodeOf(journey.definition, id) as { settings: unknown }).settings = settings;
  };
}

export function patchSettings(id: string, patch: Record<string, unknown>): Change {
  return (journey) => {
    const node = nodeOf(journey.definition, id) as { settings: Record<string, unknown> };
    node.settings = { ...node.settings, ...patch };
  };
}

export function patchAction(id: string, patch: Record<string, unknown>): Change {
  return (journey) => {
    const node = nodeOf(journey.definition, id) as {
      settings: { action: Record<string, unknown> };
    };
    node.settings.action = { ...node.settings.action, ...patch };
  };
}

export function patchContent(id: string, patch: Record<string, unknown>): Change {
  return (journey) => {
    const node = nodeOf(journey.definition, id) as {
      settings: { action: { content: Record<string, unknown> } };
    };
    node.settings.action.content = { ...node.settings.action.content, ...patch };
  };
}

export function addNodes(...nodes: JourneyNode[]): Change {
  return (journey) => {
    journey.definition.nodes.push(...nodes);
  };
}

export function addEdges(...edges: Edge[]): Change {
  return (journey) => {
    journey.definition.edges.push(...edges);
  };
}

export function removeEdges(match: (edge: Edge) => boolean): Change {
  return (journey) => {
    journey.definition.edges = journey.definition.edges.filter((edge) => !match(edge));
  };
}

/** Sends the edge leaving `from` by `port` to `to` instead. */
export function rewire(from: string, port: string, to: string): Change {
  return (journey) => {
    const edge = journey.definition.edges.find((e) => e.from === from && e.port === port);
    if (!edge) throw new Error(`no edge ${from}:${port} in the fixture`);
    edge.to = to;
  };
}

export function all(...changes: Change[]): Change {
  return (journey) => changes.forEach((change) => change(journey));
}

export const wait = (id: string): JourneyNode => ({
  id,
  type: 'wait',
  settings: { duration: { amount: 1, unit: 'days' } },
});

export const inYears = (years: number, plusMs = 0): string => {
  const date = new Date(now.getTime());
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return new Date(date.getTime() + plusMs).toISOString();
};

export const rule = {
  kind: 'account',
  attribute: 'industry',
  operator: 'equals',
  value: 'Retail',
} as const;
export const extraPaths = (count: number) =>
  Array.from({ length: count }, (_, index) => ({
    id: `extra${index}`,
    label: `Extra ${index}`,
    condition: { match: 'all', rules: [rule] },
  }));
export const variantPaths = (percents: (number | undefined)[]) =>
  percents.map((percent, index) => ({
    id: ['a', 'b'][index] ?? `v${index}`,
    label: `Variant ${index}`,
    ...(percent === undefined ? {} : { percent }),
  }));

export interface RuleCase {
  /** What is wrong, for the test name. */
  when: string;
  failing: Change;
  failingCtx?: Partial<ValidationContext>;
  expected: Place[];
  /** A nearby journey that obeys the rule (often the boundary value). */
  passing: Change;
  passingCtx?: Partial<ValidationContext>;
}

export function lookupWith(
  states: Record<string, ReferenceState>,
): ValidationContext['references'] {
  return { lookup: (kind, id) => states[`${kind}:${id}`] ?? { state: 'usable' } };
}

/** One test that the broken journey reports exactly `expected`, one that the fix reports nothing. */
export function describeRuleCases(cases: readonly RuleCase[]): void {
  const sorted = (list: Place[]) =>
    [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  describe.each(cases)('when $when', ({ failing, failingCtx, expected, passing, passingCtx }) => {
    it('reports it', () => {
      expect(sorted(places(validate(failing, failingCtx)))).toEqual(sorted(expected));
    });

    it('accepts the fix', () => {
      expect(validate(passing, passingCtx)).toEqual([]);
    });
  });
}

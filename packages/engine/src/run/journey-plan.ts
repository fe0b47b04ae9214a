/**
 * A published journey compiled for running: nodes by id, the target of each (node, port), what
 * the conditions need loaded (so the worker loads a batch's facts in as few queries as possible),
 * and for every split by people the node where its paths join again (the implicit merge).
 */
import type { Condition } from '@caravan/core/conditions/condition';
import type { JourneyNode, NodeOfType } from '@caravan/core/journey/definition';
import type { StoredJourney } from '@caravan/storage/journey.mapper';
import type { FactsNeeds } from '@caravan/storage/account-facts-batch.repository';
import { lookbackStart } from '@caravan/core/conditions/lookback';

export interface JourneyPlan {
  journey: StoredJourney;
  nodes: ReadonlyMap<string, JourneyNode>;
  audienceNodeId: string;
  /** Where the path `port` of `nodeId` leads; undefined = the implicit end. */
  next(nodeId: string, port: string): string | undefined;
  /** Split-by-people (and variant-by-people) node → the node its paths join at, if any. */
  peopleJoins: ReadonlyMap<string, string | undefined>;
  /**
   * The nodes from which a node that reads people (acts on them, routes them, or has a condition
   * on them) can still be reached. A batch whose accounts all stand elsewhere — past the last
   * email, say — does not load people at all.
   */
  peopleAhead: ReadonlySet<string>;
  conditions: readonly Condition[];
  endAt: Date | null;
  timeZone: string;
}

function conditionsOf(node: JourneyNode): Condition[] {
  switch (node.type) {
    case 'split':
    case 'externalSplit':
      return node.settings.paths.flatMap((p) => (p.condition ? [p.condition] : []));
    case 'event':
      return node.settings.peopleFilter ? [node.settings.peopleFilter] : [];
    default:
      return [];
  }
}

function actsOnPeople(node: JourneyNode): boolean {
  switch (node.type) {
    case 'action':
    case 'event':
    case 'externalAction':
    case 'externalSplit':
      return node.settings.on === 'people';
    case 'split':
    case 'variantSplit':
      return node.settings.by === 'people';
    default:
      return false;
  }
}

function readsPeople(node: JourneyNode): boolean {
  return (
    actsOnPeople(node) ||
    conditionsOf(node).some((c) =>
      c.rules.some((r) => r.kind === 'person' || r.kind === 'role' || r.kind === 'eventHistory'),
    )
  );
}

/** Every node from which a node that reads people is reachable (itself included). */
function nodesWithPeopleAhead(
  nodes: ReadonlyMap<string, JourneyNode>,
  outgoing: ReadonlyMap<string, readonly { port: string; to: string }[]>,
): Set<string> {
  const ahead = new Map<string, boolean>();
  const visit = (id: string, path: Set<string>): boolean => {
    const known = ahead.get(id);
    if (known !== undefined) return known;
    const node = nodes.get(id);
    // A cycle cannot be published; answering true keeps a corrupt graph on the safe side.
    if (path.has(id)) return true;
    path.add(id);
    let found = node !== undefined && readsPeople(node);
    for (const edge of outgoing.get(id) ?? []) found = visit(edge.to, path) || found;
    path.delete(id);
    ahead.set(id, found);
    return found;
  };
  for (const id of nodes.keys()) visit(id, new Set());
  return new Set([...ahead].filter(([, found]) => found).map(([id]) => id));
}

function isPeopleAction(node: JourneyNode | undefined): boolean {
  return node?.type === 'action' && node.settings.on === 'people';
}

/**
 * The join of a people split: the one node that every path reaches after its people actions, or
 * that two paths share. Undefined when every path just ends.
 */
function peopleJoin(
  split: NodeOfType<'split'> | NodeOfType<'variantSplit'>,
  nodes: ReadonlyMap<string, JourneyNode>,
  outgoing: ReadonlyMap<string, readonly { port: string; to: string }[]>,
): string | undefined {
  const exits: string[] = [];
  const seenBy = new Map<string, number>();
  for (const start of outgoing.get(split.id) ?? []) {
    const seen = new Set<string>();
    const queue = [start.to];
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      if (seen.has(id)) continue;
      seen.add(id);
      seenBy.set(id, (seenBy.get(id) ?? 0) + 1);
      if (!isPeopleAction(nodes.get(id))) {
        exits.push(id);
        continue;
      }
      for (const edge of outgoing.get(id) ?? []) queue.push(edge.to);
    }
  }
  const shared = [...seenBy.entries()].find(([, count]) => count >= 2)?.[0];
  if (shared !== undefined) return shared;
  const distinct = [...new Set(exits)];
  return distinct.length === 1 ? distinct[0] : undefined;
}

export function compilePlan(journey: StoredJourney): JourneyPlan {
  const nodes = new Map(journey.definition.nodes.map((n) => [n.id, n]));
  const edges = new Map<string, string>();
  const outgoing = new Map<string, { port: string; to: string }[]>();
  for (const edge of journey.definition.edges) {
    edges.set(`${edge.from}\u0000${edge.port}`, edge.to);
    outgoing.set(edge.from, [...(outgoing.get(edge.from) ?? []), { port: edge.port, to: edge.to }]);
  }
  const audience = journey.definition.nodes.find((n) => n.type === 'audience');
  if (!audience) throw new Error(`Journey ${journey.id} has no audience node.`);
  const peopleJoins = new Map<string, string | undefined>();
  for (const node of journey.definition.nodes) {
    if ((node.type === 'split' || node.type === 'variantSplit') && node.settings.by === 'people') {
      peopleJoins.set(node.id, peopleJoin(node, nodes, outgoing));
    }
  }
  return {
    journey,
    nodes,
    audienceNodeId: audience.id,
    next: (nodeId, port) => edges.get(`${nodeId}\u0000${port}`),
    peopleJoins,
    peopleAhead: nodesWithPeopleAhead(nodes, outgoing),
    conditions: journey.definition.nodes.flatMap(conditionsOf),
    endAt: journey.schedule.end ? new Date(journey.schedule.end) : null,
    timeZone: journey.schedule.timeZone ?? 'UTC',
  };
}

/**
 * What a batch of these plans' enrollments needs loaded besides the accounts themselves. People
 * are loaded when any enrollment of the batch stands where a node reading people is still ahead
 * (`peopleAhead`; a pending re-entry starts again at the audience node).
 */
export function factsNeedsOf(
  plans: ReadonlyMap<string, JourneyPlan>,
  now: Date,
  at: Iterable<{ journeyId: string; nodeId: string; status: string }>,
): FactsNeeds {
  const needs: FactsNeeds = { people: false, buyingGroups: false, lists: false };
  for (const e of at) {
    const plan = plans.get(e.journeyId);
    if (!plan) continue;
    const nodeId = e.status === 'pending' ? plan.audienceNodeId : e.nodeId;
    // A node no longer in the definition ends the pass without reading anything.
    if (plan.peopleAhead.has(nodeId)) {
      needs.people = true;
      break;
    }
  }
  let since: Date | undefined;
  for (const plan of plans.values()) {
    for (const condition of plan.conditions) {
      for (const rule of condition.rules) {
        if (rule.kind === 'buyingGroup') needs.buyingGroups = true;
        if (rule.kind === 'listMembership') needs.lists = true;
        if (rule.kind === 'eventHistory') {
          const start = rule.lookback ? lookbackStart(rule.lookback, now) : new Date(0);
          if (since === undefined || start < since) since = start;
        }
      }
    }
  }
  if (since !== undefined) needs.events = { since, until: now, limit: 10_000 };
  return needs;
}

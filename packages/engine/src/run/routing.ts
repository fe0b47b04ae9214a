/**
 * Splits (SPEC §2). By accounts: the first path whose condition the account matches, else
 * `other`, else the pass completes. Variant by accounts: the path furthest below its quota
 * (drift at most one account per path). By people — split or variant — each person is routed,
 * the people actions on the paths run for the people routed there, and the account continues
 * as one at the join (the implicit merge).
 */
import { evaluateForAccount, evaluateForPerson } from '@caravan/core/conditions/evaluate';
import type { NodeOfType, SplitPath, VariantPath } from '@caravan/core/journey/definition';
import { Ports } from '@caravan/core/journey/definition';
import { nodeCounter } from '@caravan/core/engine/metrics';
import { createHash } from 'node:crypto';
import type { AccountFacts } from '@caravan/core/conditions/account-facts';
import { runPeopleAction } from './people-actions.ts';
import type { Detail, PersonFacts, StepContext, StepOutcome } from './step.ts';

/** First matching path of a split (or external split over `facts`) by accounts. */
export function routeAccount(
  paths: readonly SplitPath[],
  otherPath: boolean,
  facts: AccountFacts,
  now: Date,
): StepOutcome {
  for (const path of paths) {
    if (!path.condition) continue;
    const evaluation = evaluateForAccount(path.condition, facts, now);
    if (evaluation.matched) {
      return {
        kind: 'move',
        port: path.id,
        detail: { decision: `path "${path.label}"`, reason: evaluation.reason },
      };
    }
  }
  if (otherPath)
    return {
      kind: 'move',
      port: Ports.other,
      detail: { decision: 'other path', reason: 'no path matched' },
    };
  return {
    kind: 'end',
    reason: 'completed',
    detail: { decision: 'no path matched and there is no other path' },
  };
}

async function variantCounts(
  ctx: StepContext,
  node: NodeOfType<'variantSplit'>,
): Promise<Map<string, number>> {
  const key = `${ctx.enrollment.journeyId}\u0000${node.id}`;
  const known = ctx.batch.variantCounts.get(key);
  if (known) return known;
  const rows = await ctx.batch.trx
    .selectFrom('journey_counters')
    .select(['counter', 'value'])
    .where('journey_id', '=', ctx.enrollment.journeyId)
    .where('node_id', '=', node.id)
    .execute();
  const counts = new Map<string, number>();
  for (const path of node.settings.paths) {
    const row = rows.find((r) => r.counter === nodeCounter.port(path.id));
    counts.set(path.id, row ? Number(row.value) : 0);
  }
  ctx.batch.variantCounts.set(key, counts);
  return counts;
}

/** The path furthest below its share after this account; ties go to the earlier path. */
export function pickVariant(
  paths: readonly VariantPath[],
  counts: ReadonlyMap<string, number>,
): VariantPath {
  const total = [...counts.values()].reduce((a, b) => a + b, 0) + 1;
  let best = paths[0]!;
  let bestDeficit = -Infinity;
  for (const path of paths) {
    const deficit = ((path.percent ?? 0) / 100) * total - (counts.get(path.id) ?? 0);
    if (deficit > bestDeficit + 1e-9) {
      best = path;
      bestDeficit = deficit;
    }
  }
  return best;
}

export async function variantByAccount(
  ctx: StepContext,
  node: NodeOfType<'variantSplit'>,
): Promise<StepOutcome> {
  const counts = await variantCounts(ctx, node);
  const path = pickVariant(node.settings.paths, counts);
  counts.set(path.id, (counts.get(path.id) ?? 0) + 1);
  return {
    kind: 'move',
    port: path.id,
    detail: { decision: `variant "${path.label}" (${path.percent}%)` },
  };
}

/** Per account: floor(percent × n) people per path in a stable shuffled order, the rest to the last. */
export function splitPeopleByVariant(
  paths: readonly VariantPath[],
  people: readonly PersonFacts[],
  seed: string,
): Map<string, PersonFacts[]> {
  const order = [...people].sort((a, b) => {
    const ha = createHash('sha1')
      .update(seed + a.id)
      .digest('hex');
    const hb = createHash('sha1')
      .update(seed + b.id)
      .digest('hex');
    return ha < hb ? -1 : ha > hb ? 1 : 0;
  });
  const routed = new Map<string, PersonFacts[]>();
  let next = 0;
  paths.forEach((path, index) => {
    const take =
      index === paths.length - 1
        ? order.length - next
        : Math.floor(((path.percent ?? 0) / 100) * order.length);
    routed.set(path.id, order.slice(next, next + take));
    next += take;
  });
  return routed;
}

function splitPeopleByCondition(
  node: NodeOfType<'split'>,
  people: readonly PersonFacts[],
  ctx: StepContext,
): { routed: Map<string, PersonFacts[]>; reasons: Detail } {
  const routed = new Map<string, PersonFacts[]>();
  const reasons: Detail = {};
  for (const person of people) {
    let port: string | undefined;
    for (const path of node.settings.paths) {
      if (!path.condition) continue;
      const evaluation = evaluateForPerson(path.condition, ctx.facts, person.id, ctx.batch.now);
      if (evaluation.matched) {
        port = path.id;
        reasons[person.id] = `path "${path.label}": ${evaluation.reason}`;
        break;
      }
    }
    if (port === undefined && node.settings.otherPath) port = Ports.other;
    if (port === undefined) {
      reasons[person.id] = 'no path matched: goes straight past';
      continue;
    }
    routed.set(port, [...(routed.get(port) ?? []), person]);
  }
  return { routed, reasons };
}

/**
 * Runs the people actions of every path for the people routed there, in path order; a person
 * whose path ends without reaching the join is done. The account continues at the join.
 */
export async function runPeopleSplit(
  ctx: StepContext,
  node: NodeOfType<'split'> | NodeOfType<'variantSplit'>,
): Promise<StepOutcome> {
  const { plan, batch, enrollment: e } = ctx;
  const people = ctx.facts.people;
  const { routed, reasons } =
    node.type === 'split'
      ? splitPeopleByCondition(node, people, ctx)
      : { routed: splitPeopleByVariant(node.settings.paths, people, String(e.id)), reasons: {} };
  const join = plan.peopleJoins.get(node.id);
  const paths: Detail = {};
  for (const [port, routedPeople] of routed) {
    paths[port] = routedPeople.length;
    if (routedPeople.length > 0)
      batch.count(e.journeyId, node.id, nodeCounter.port(port), routedPeople.length);
    let at = plan.next(node.id, port);
    const seen = new Set<string>();
    while (at !== undefined && at !== join && !seen.has(at)) {
      seen.add(at);
      const step = plan.nodes.get(at);
      if (step?.type !== 'action' || step.settings.on !== 'people' || !step.settings.action) break;
      const result = await runPeopleAction(ctx, step.id, step.settings.action, routedPeople);
      batch.steps += 1;
      batch.count(e.journeyId, step.id, nodeCounter.entered);
      batch.count(e.journeyId, step.id, nodeCounter.port(Ports.next));
      batch.note(
        e,
        result.kind === 'done' ? 'step' : result.kind === 'blocked' ? 'blocked' : 'step',
        step.id,
        Ports.next,
        { ...result.detail, path: port, people: routedPeople.map((p) => p.id) },
      );
      at = plan.next(step.id, Ports.next);
    }
  }
  return { kind: 'jump', to: join, detail: { decision: 'people routed', paths, reasons } };
}

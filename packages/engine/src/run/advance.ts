/**
 * Moves one account through its journey from where it is until it has to wait — a wait, a
 * listener, an external call — or its pass ends (SPEC §4 "without delay"). Every decision is a
 * timeline entry and counter deltas in the batch, written in the batch's transaction.
 */
import { Ports, type JourneyNode } from '@caravan/core/journey/definition';
import { computeDueTime } from '@caravan/core/timing/due-time';
import { assertNever } from '@caravan/core/result';
import { runAccountAction, type ActionResult } from './account-actions.ts';
import { external } from './external.ts';
import { listen } from './listen.ts';
import { runPeopleAction } from './people-actions.ts';
import { routeAccount, runPeopleSplit, variantByAccount } from './routing.ts';
import type { StepContext, StepOutcome } from './step.ts';

/** A journey is acyclic; this only guards against a corrupt definition looping forever. */
const maxStepsPerAdvance = 1_000;

function actionOutcome(result: ActionResult): StepOutcome {
  return { kind: 'move', port: Ports.next, detail: { ...result.detail, outcome: result.kind } };
}

async function runNode(ctx: StepContext, node: JourneyNode): Promise<StepOutcome> {
  const { batch, plan, enrollment: e } = ctx;
  switch (node.type) {
    case 'audience':
      return { kind: 'move', port: Ports.next };
    case 'action': {
      const { settings } = node;
      if (settings.on === 'accounts' && settings.action) {
        return actionOutcome(await runAccountAction(ctx, node.id, settings.action));
      }
      if (settings.on === 'people' && settings.action) {
        return actionOutcome(
          await runPeopleAction(ctx, node.id, settings.action, ctx.facts.people),
        );
      }
      return {
        kind: 'move',
        port: Ports.next,
        detail: { decision: 'no action set', outcome: 'skipped' },
      };
    }
    case 'event':
      return listen(ctx, node);
    case 'split':
      return node.settings.by === 'people'
        ? runPeopleSplit(ctx, node)
        : routeAccount(node.settings.paths, node.settings.otherPath === true, ctx.facts, batch.now);
    case 'variantSplit':
      return node.settings.by === 'people'
        ? runPeopleSplit(ctx, node)
        : variantByAccount(ctx, node);
    case 'merge':
      return { kind: 'move', port: Ports.next, detail: { decision: 'paths merged' } };
    case 'wait': {
      if (e.phase === 'wait') return { kind: 'move', port: Ports.next };
      const until = computeDueTime(batch.now, node.settings, plan.timeZone);
      if (until <= batch.now)
        return {
          kind: 'move',
          port: Ports.next,
          detail: { decision: 'the wait was already over' },
        };
      return {
        kind: 'park',
        phase: 'wait',
        dueAt: until,
        state: {},
        detail: { decision: 'waiting', until: until.toISOString() },
      };
    }
    case 'externalAction':
    case 'externalSplit':
      return external(ctx, node);
    default:
      return assertNever(node);
  }
}

export async function advance(ctx: StepContext): Promise<void> {
  const { batch, plan, enrollment: e } = ctx;
  for (let guard = 0; guard < maxStepsPerAdvance; guard += 1) {
    const node = plan.nodes.get(e.nodeId);
    if (!node) {
      batch.ended(
        e,
        e.nodeId,
        'completed',
        { decision: 'the node is no longer in the journey' },
        true,
      );
      return;
    }
    if (node.type === 'audience' && e.phase === 'run') {
      batch.note(e, 'entered', node.id, null, {
        pass: e.pass,
        source: node.settings.source,
        sourceId: node.settings.sourceId,
      });
    }
    const outcome = await runNode(ctx, node);
    batch.steps += 1;
    switch (outcome.kind) {
      case 'park':
        e.phase = outcome.phase;
        e.dueAt = outcome.dueAt;
        if (outcome.state) e.state = outcome.state;
        if (outcome.detail) batch.note(e, 'step', node.id, null, outcome.detail);
        return;
      case 'end':
        batch.note(e, 'step', node.id, null, outcome.detail);
        batch.ended(e, node.id, outcome.reason, {}, true);
        return;
      case 'move':
      case 'jump': {
        const port = outcome.kind === 'move' ? outcome.port : Ports.next;
        const to = outcome.kind === 'move' ? plan.next(node.id, port) : outcome.to;
        if (outcome.detail) {
          const kind = outcome.detail.outcome === 'blocked' ? 'blocked' : 'step';
          batch.note(e, kind, node.id, outcome.kind === 'move' ? port : null, outcome.detail);
        }
        batch.moved(e, node.id, port, to);
        if (to === undefined) {
          batch.ended(e, node.id, 'completed', {}, false);
          return;
        }
        e.nodeId = to;
        e.phase = 'run';
        e.nodeEnteredAt = batch.now;
        e.state = {};
        e.dueAt = null;
        continue;
      }
      default:
        assertNever(outcome);
    }
  }
  throw new Error(`Enrollment ${e.id} took more than ${maxStepsPerAdvance} steps at once.`);
}

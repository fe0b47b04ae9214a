/**
 * "Take an action" on accounts (SPEC §2): each acts once for the account, in the batch's
 * transaction, through the same services the API uses (so audiences re-evaluate and activities
 * are recorded as for any other change). An action that cannot act is recorded as blocked or
 * skipped with its reason; the account continues either way.
 */
import { randomUUID } from 'node:crypto';
import { accountStandardAttributes } from '@caravan/core/b2b/account';
import { idempotencyKey } from '@caravan/core/engine/outbox';
import type { AccountAction } from '@caravan/core/journey/definition';
import { assertNever } from '@caravan/core/result';
import { findAccountList } from '@caravan/storage/account-list.repository';
import { findBuyingGroupFor } from '@caravan/storage/buying-group.repository';
import { endActiveEnrollments } from '@caravan/storage/enrollment.repository';
import { findJourney } from '@caravan/storage/journey.repository';
import { patchAccountIn } from '../data/accounts.service.ts';
import { changeBuyingGroupIn } from '../buying-groups/buying-groups.service.ts';
import { admitAccount } from '../entry/journey-entry.ts';
import { removedFromJourney } from './ending.ts';
import type { Detail, StepContext } from './step.ts';

export type ActionResult = { kind: 'done' | 'blocked' | 'skipped'; detail: Detail };

const done = (detail: Detail): ActionResult => ({ kind: 'done', detail });
const blocked = (reason: string): ActionResult => ({ kind: 'blocked', detail: { reason } });
const skipped = (reason: string): ActionResult => ({ kind: 'skipped', detail: { reason } });

async function addToJourney(ctx: StepContext, journeyId: string): Promise<ActionResult> {
  const { trx, now } = ctx.batch;
  const target = await findJourney(trx, journeyId);
  if (!target) return blocked(`the journey ${journeyId} does not exist`);
  if (target.status !== 'live')
    return blocked(`the journey "${target.name}" is ${target.status}, not live`);
  const admission = await admitAccount(trx, target, ctx.enrollment.accountId, now);
  return admission.entered
    ? done({ decision: `added to "${target.name}"`, pass: admission.pass })
    : skipped(`not added to "${target.name}": ${admission.reason}`);
}

async function removeFromJourney(ctx: StepContext, journeyId: string): Promise<ActionResult> {
  const { batch } = ctx;
  const { trx, now } = batch;
  const accountId = ctx.enrollment.accountId;
  if (journeyId === ctx.enrollment.journeyId)
    return blocked('a journey cannot remove accounts from itself');
  // A pass claimed by this batch is ended in memory (the batch writes it back at its end, over
  // any change made here in SQL); the others in one statement.
  const byJourneyId = ctx.enrollment.journeyId;
  const inBatch = batch.activePasses(journeyId, accountId);
  for (const pass of inBatch) batch.ended(pass, pass.nodeId, 'removed', { byJourneyId }, true);
  const ended = (await endActiveEnrollments(trx, { journeyId, accountId }, 'removed', now)).filter(
    (pass) => !batch.claimed.has(pass.id),
  );
  await removedFromJourney(trx, ended, journeyId, now, byJourneyId);
  return inBatch.length + ended.length > 0
    ? done({ decision: 'removed from the journey', journeyId })
    : skipped('the account was not in that journey');
}

/**
 * Static lists change at the end of the batch, all accounts of a list in one statement (and one
 * audience re-evaluation and entry check per list, not per account); see `deferred-effects.ts`.
 * The account's facts change now, so a later node of this pass sees the new membership.
 */
async function changeList(
  ctx: StepContext,
  nodeId: string,
  listId: string,
  change: 'add' | 'remove',
): Promise<ActionResult> {
  const { batch, enrollment: e } = ctx;
  if (!batch.lists.has(listId)) batch.lists.set(listId, await findAccountList(batch.trx, listId));
  const list = batch.lists.get(listId);
  if (!list) return blocked(`the account list ${listId} does not exist`);
  if (list.kind !== 'static')
    return blocked(`the list "${list.name}" is dynamic: its condition decides its members`);
  batch.listChanges.push({ listId, accountId: e.accountId, change, enrollmentId: e.id, nodeId });
  const others = ctx.facts.listIds.filter((id) => id !== listId);
  ctx.facts.listIds = change === 'add' ? [...others, listId] : others;
  return done({
    decision: change === 'add' ? `added to "${list.name}"` : `removed from "${list.name}"`,
  });
}

async function updateAccount(
  ctx: StepContext,
  attribute: string,
  value: unknown,
): Promise<ActionResult> {
  const { trx, now } = ctx.batch;
  const standard = (accountStandardAttributes as readonly string[]).includes(attribute);
  const patch = standard ? { [attribute]: value } : { attributes: { [attribute]: value } };
  const result = await patchAccountIn(trx, now, ctx.enrollment.accountId, patch as never);
  if (!result.ok) return blocked(result.error.message);
  // Later nodes of this pass (a split on the attribute) see the new value.
  ctx.facts.account = result.value;
  return done({ decision: `set ${attribute}`, value });
}

async function changeGroup(
  ctx: StepContext,
  interestId: string,
  change: { stage?: string; status?: string },
): Promise<ActionResult> {
  const { trx, now } = ctx.batch;
  const group = await findBuyingGroupFor(trx, interestId, ctx.enrollment.accountId);
  if (!group) return skipped('the account has no buying group for that solution interest');
  const result = await changeBuyingGroupIn(trx, now, group.id, change);
  if (!result.ok) return skipped(result.error.message);
  return done({
    decision:
      change.stage !== undefined
        ? `stage ${result.value.stage}`
        : `status ${result.value.status ?? ''}`,
  });
}

function queue(
  ctx: StepContext,
  message: Omit<
    Parameters<StepContext['batch']['outbox']['push']>[0],
    'journeyId' | 'enrollmentId' | 'nodeId' | 'accountId' | 'now' | 'idempotencyKey'
  >,
  nodeId: string,
): void {
  const e = ctx.enrollment;
  ctx.batch.outbox.push({
    ...message,
    idempotencyKey: idempotencyKey(e.id, nodeId, message.personId),
    journeyId: e.journeyId,
    enrollmentId: e.id,
    nodeId,
    accountId: e.accountId,
    now: ctx.batch.now,
  });
}

export { queue as queueOutbox };

export async function runAccountAction(
  ctx: StepContext,
  nodeId: string,
  action: AccountAction,
): Promise<ActionResult> {
  const e = ctx.enrollment;
  switch (action.type) {
    case 'addToJourney':
      return addToJourney(ctx, action.journeyId ?? '');
    case 'removeFromJourney':
      return removeFromJourney(ctx, action.journeyId ?? '');
    case 'addToAccountList':
      return changeList(ctx, nodeId, action.listId ?? '', 'add');
    case 'removeFromAccountList':
      return changeList(ctx, nodeId, action.listId ?? '', 'remove');
    case 'sendSalesAlert': {
      const to = action.to ?? [];
      queue(
        ctx,
        {
          channel: 'salesAlert',
          personId: null,
          recipient: to.join(', '),
          payload: {
            channel: 'salesAlert',
            solutionInterestId: action.solutionInterestId ?? '',
            to,
          },
        },
        nodeId,
      );
      return done({ decision: `sales alert queued to ${to.join(', ')}` });
    }
    case 'updateAccount':
      return updateAccount(ctx, action.attribute ?? '', action.value ?? null);
    case 'updateBuyingGroupStage':
      return changeGroup(ctx, action.solutionInterestId ?? '', { stage: action.stage ?? '' });
    case 'updateBuyingGroupStatus':
      return changeGroup(ctx, action.solutionInterestId ?? '', { status: action.status ?? '' });
    case 'interestingMoment':
      // Recorded with the batch's other activities at its end (one statement, one wake-up).
      ctx.batch.activities.push({
        id: randomUUID(),
        type: 'interestingMoment',
        accountId: e.accountId,
        personId: null,
        occurredAt: ctx.batch.now,
        receivedAt: ctx.batch.now,
        messageId: null,
        properties: {
          momentType: action.momentType ?? 'milestone',
          description: action.description ?? '',
          journeyId: e.journeyId,
          nodeId,
        },
      });
      return done({ decision: 'interesting moment recorded' });
    case 'webhook':
      queue(
        ctx,
        {
          channel: 'webhook',
          personId: null,
          recipient: action.url ?? null,
          payload: {
            channel: 'webhook',
            url: action.url ?? '',
            method: action.method ?? 'POST',
            headers: action.headers ?? {},
            ...(action.body !== undefined ? { body: action.body } : {}),
          },
        },
        nodeId,
      );
      return done({ decision: 'webhook queued' });
    default:
      return assertNever(action);
  }
}

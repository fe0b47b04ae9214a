/**
 * "Take an action" on people (SPEC §2): the action acts on every person of the account on the
 * node's path — all of them, or those a split by people routed here. Sends become outbox rows
 * (consent, limits and deduplication are checked at send time); data changes go through the
 * services the API uses.
 */
import { randomUUID } from 'node:crypto';
import { personStandardAttributes } from '@caravan/core/b2b/person';
import { assignMember, removeMember } from '@caravan/core/b2b/role-assignment';
import type { PeopleAction } from '@caravan/core/journey/definition';
import { assertNever } from '@caravan/core/result';
import { findBuyingGroupFor } from '@caravan/storage/buying-group.repository';
import { loadGroup } from '../buying-groups/buying-group-members.ts';
import { storeMembers } from '../buying-groups/buying-groups.service.ts';
import { patchPersonIn } from '../data/people.service.ts';
import { queueOutbox, type ActionResult } from './account-actions.ts';
import type { PersonFacts, StepContext } from './step.ts';

async function changeGroupMembers(
  ctx: StepContext,
  interestId: string,
  people: readonly PersonFacts[],
  change: { assign: string } | 'remove',
): Promise<ActionResult> {
  const { trx, now } = ctx.batch;
  const found = await findBuyingGroupFor(trx, interestId, ctx.enrollment.accountId);
  if (!found)
    return {
      kind: 'skipped',
      detail: { reason: 'the account has no buying group for that solution interest' },
    };
  const loaded = await loadGroup(trx, found.id);
  if (!loaded.ok) return { kind: 'skipped', detail: { reason: loaded.error.message } };
  const { group, setting } = loaded.value;
  if (change !== 'remove' && !setting.template.roles.some((r) => r.name === change.assign)) {
    return {
      kind: 'blocked',
      detail: { reason: `the role "${change.assign}" is not in the template` },
    };
  }
  let members = group.members;
  let changed = 0;
  for (const person of people) {
    if (change === 'remove') {
      const next = removeMember(members, person.id, 'journey');
      members = next.members;
      if (next.removed) changed += 1;
    } else {
      const next = assignMember(members, {
        personId: person.id,
        role: change.assign,
        source: 'journey',
      });
      members = next.members;
      if (next.outcome === 'added' || next.outcome === 'replaced') changed += 1;
    }
  }
  if (changed === 0)
    return {
      kind: 'skipped',
      detail: { reason: 'nothing to change (or a manual assignment takes precedence)' },
    };
  await storeMembers(trx, group, setting.template, members, now, 'journey');
  return {
    kind: 'done',
    detail: {
      decision:
        change === 'remove'
          ? `removed ${changed} from the buying group`
          : `assigned ${changed} as ${change.assign}`,
    },
  };
}

async function updatePeople(
  ctx: StepContext,
  people: readonly PersonFacts[],
  attribute: string,
  value: unknown,
): Promise<ActionResult> {
  const standard = (personStandardAttributes as readonly string[]).includes(attribute);
  const patch = standard ? { [attribute]: value } : { attributes: { [attribute]: value } };
  const problems: string[] = [];
  for (const person of people) {
    const result = await patchPersonIn(ctx.batch.trx, ctx.batch.now, person.id, patch as never);
    if (!result.ok) problems.push(`${person.id}: ${result.error.message}`);
  }
  if (problems.length === people.length && people.length > 0)
    return { kind: 'blocked', detail: { reason: problems[0] } };
  return {
    kind: 'done',
    detail: {
      decision: `set ${attribute} on ${people.length - problems.length} people`,
      value,
      ...(problems.length ? { problems } : {}),
    },
  };
}

export async function runPeopleAction(
  ctx: StepContext,
  nodeId: string,
  action: PeopleAction,
  people: readonly PersonFacts[],
): Promise<ActionResult> {
  const e = ctx.enrollment;
  switch (action.type) {
    case 'sendEmail':
      for (const person of people) {
        queueOutbox(
          ctx,
          {
            channel: 'email',
            personId: person.id,
            recipient: person.email,
            payload: {
              channel: 'email',
              ...(action.emailId ? { emailId: action.emailId } : {}),
              ...(action.content ? { content: action.content } : {}),
            },
          },
          nodeId,
        );
      }
      return {
        kind: 'done',
        detail: { decision: `email queued for ${people.length} people`, people: people.length },
      };
    case 'sendSms':
      for (const person of people) {
        queueOutbox(
          ctx,
          {
            channel: 'sms',
            personId: person.id,
            recipient: person.mobilePhone,
            payload: {
              channel: 'sms',
              ...(action.smsId ? { smsId: action.smsId } : {}),
              ...(action.content ? { content: action.content } : {}),
            },
          },
          nodeId,
        );
      }
      return {
        kind: 'done',
        detail: { decision: `SMS queued for ${people.length} people`, people: people.length },
      };
    case 'assignToBuyingGroup':
      return changeGroupMembers(ctx, action.solutionInterestId ?? '', people, {
        assign: action.role ?? '',
      });
    case 'removeFromBuyingGroup':
      return changeGroupMembers(ctx, action.solutionInterestId ?? '', people, 'remove');
    case 'updatePerson':
      return updatePeople(ctx, people, action.attribute ?? '', action.value ?? null);
    case 'interestingMoment':
      ctx.batch.activities.push(
        ...people.map((person) => ({
          id: randomUUID(),
          type: 'interestingMoment',
          accountId: e.accountId,
          personId: person.id,
          occurredAt: ctx.batch.now,
          receivedAt: ctx.batch.now,
          messageId: null,
          properties: {
            momentType: action.momentType ?? 'milestone',
            description: action.description ?? '',
            journeyId: e.journeyId,
            nodeId,
          },
        })),
      );
      return {
        kind: 'done',
        detail: { decision: `interesting moment for ${people.length} people` },
      };
    case 'webhook':
      for (const person of people) {
        queueOutbox(
          ctx,
          {
            channel: 'webhook',
            personId: person.id,
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
      }
      return { kind: 'done', detail: { decision: `webhook queued for ${people.length} people` } };
    default:
      return assertNever(action);
  }
}

/**
 * track, page and screen calls → activities, resolved set-based: every person, alias and account
 * a batch names is looked up with one query per kind, not per call. A call whose person or
 * account is not known yet is answered with the id it waits for (kept pending by the batch).
 */
import { timeOrderedId } from '@caravan/core/time-ordered-id';
import type { NewActivity } from '@caravan/storage/activity.repository';
import type { Db } from '@caravan/storage/database';
import {
  findAccountIdsByExternalIds,
  findFirstAccountsOfPeople,
  findIdentityPeople,
  findPersonIdsByExternalIds,
} from '@caravan/storage/ingestion.repository';
import {
  anonymousIdentity,
  groupIdentity,
  personIdentity,
  userIdentity,
} from './segment-identity.ts';
import type { SegmentCall } from './segment-message.ts';

export type EventCall = Extract<SegmentCall, { type: 'track' | 'page' | 'screen' }>;

/** The activity types of page and screen calls (`webPageVisited` counts for engagement). */
export const pageActivityType = 'webPageVisited';
export const screenActivityType = 'screenViewed';

type Flat = Record<string, string | number | boolean | null>;

function flat(properties: Record<string, unknown>): Flat {
  const out: Flat = {};
  for (const [key, value] of Object.entries(properties)) {
    if (value === undefined) continue;
    out[key] =
      value === null || ['string', 'number', 'boolean'].includes(typeof value)
        ? (value as string | number | boolean | null)
        : JSON.stringify(value);
  }
  return out;
}

/** B2B sources send the account of a call as `context.groupId`. */
function contextGroupId(call: EventCall): string | undefined {
  const value = call.context.groupId;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function pageProperties(call: Extract<EventCall, { type: 'page' | 'screen' }>): Flat {
  const page = call.context.page;
  const fromContext =
    typeof page === 'object' && page !== null ? (page as Record<string, unknown>) : {};
  const pick = (key: string) => call.properties[key] ?? fromContext[key];
  return flat({
    ...call.properties,
    name: call.name,
    url: pick('url'),
    path: pick('path'),
    title: pick('title'),
    referrer: pick('referrer'),
  });
}

export function activityOf(
  call: EventCall,
  subject: { accountId: string; personId: string | null },
  now: Date,
): NewActivity {
  const base = {
    id: timeOrderedId(),
    accountId: subject.accountId,
    personId: subject.personId,
    occurredAt: call.at,
    receivedAt: now,
    messageId: call.messageId,
  };
  switch (call.type) {
    case 'track':
      return { ...base, type: call.event, properties: flat(call.properties) };
    case 'page':
      return { ...base, type: pageActivityType, properties: pageProperties(call) };
    case 'screen':
      return {
        ...base,
        type: screenActivityType,
        properties: flat({ ...call.properties, name: call.name }),
      };
  }
}

export interface ResolvedEvents {
  activities: Array<{ call: EventCall; activity: NewActivity }>;
  /** Calls that name someone (or an account) not known yet, with the id they wait for. */
  waiting: Array<{ call: EventCall; identity: string }>;
}

/** Resolves each call's account (and person) with one lookup per kind for the whole set. */
export async function resolveEventCalls(
  db: Db,
  calls: readonly EventCall[],
  now: Date,
): Promise<ResolvedEvents> {
  const userIds = calls.flatMap((c) => (c.userId !== undefined ? [c.userId] : []));
  const anonymousIds = calls.flatMap((c) => (c.anonymousId !== undefined ? [c.anonymousId] : []));
  const groupIds = calls.flatMap((c) => contextGroupId(c) ?? []);
  // One after another (a transaction is one connection); other ids only for the user ids that
  // name no person by external id (the usual case: every user is known, no second lookup).
  const byExternalId = await findPersonIdsByExternalIds(db, userIds);
  const identities = await findIdentityPeople(db, [
    ...userIds.filter((id) => !byExternalId.has(id)).map(userIdentity),
    ...anonymousIds.map(anonymousIdentity),
  ]);
  const accounts = await findAccountIdsByExternalIds(db, groupIds);
  const personOf = (c: EventCall) =>
    c.userId !== undefined
      ? (byExternalId.get(c.userId) ?? identities.get(userIdentity(c.userId)))
      : identities.get(anonymousIdentity(c.anonymousId ?? ''));
  const people = calls.flatMap((c) => (contextGroupId(c) === undefined ? (personOf(c) ?? []) : []));
  const firstAccounts = await findFirstAccountsOfPeople(db, people);
  const resolved: ResolvedEvents = { activities: [], waiting: [] };
  for (const call of calls) {
    const personId = personOf(call);
    const groupId = contextGroupId(call);
    const named =
      call.userId !== undefined
        ? userIdentity(call.userId)
        : anonymousIdentity(call.anonymousId ?? '');
    const accountId =
      groupId !== undefined
        ? accounts.get(groupId)
        : personId !== undefined
          ? firstAccounts.get(personId)
          : undefined;
    if (accountId !== undefined) {
      const subject = { accountId, personId: personId ?? null };
      resolved.activities.push({ call, activity: activityOf(call, subject, now) });
    } else if (groupId !== undefined) {
      resolved.waiting.push({ call, identity: groupIdentity(groupId) });
    } else if (personId !== undefined) {
      resolved.waiting.push({ call, identity: personIdentity(personId) });
    } else {
      resolved.waiting.push({ call, identity: named });
    }
  }
  return resolved;
}

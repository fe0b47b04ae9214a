/**
 * Folder `ingestion/`: data arriving from outside as calls — native event batches and the Segment
 * spec (identify, group, track…). A workflow folder: may import the data folders, `entry/` and
 * `runtime/`.
 *
 * Native event ingestion (`POST /events`): a batch of up to 1,000 events, each resolved to an
 * account (and maybe a person) and stored as an activity. Valid events are stored even when
 * others are rejected; a message id already stored answers as a duplicate and is not stored again.
 */
import { z } from 'zod';
import { timeOrderedId } from '@caravan/core/time-ordered-id';
import { err, ok, type Result } from '@caravan/core/result';
import type { NewActivity } from '@caravan/storage/activity.repository';
import type { Db } from '@caravan/storage/database';
import {
  findAccountIdsByDomains,
  findAccountIdsByExternalIds,
  findExistingAccountIds,
  findExistingPersonIds,
  findFirstAccountsOfPeople,
  findPersonIdsByEmails,
  findPersonIdsByExternalIds,
} from '@caravan/storage/ingestion.repository';
import type { DataDeps } from '../data/attribute-definitions.service.ts';
import type { DataError, DataErrorCode } from '../data/data-error.ts';
import { storeActivityBatch } from './activity-batch.ts';

export const maxEventsPerBatch = 1000;

const PropertyValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** One event of the native batch: who it happened to (account and/or person) and what. */
export const IncomingEvent = z.object({
  messageId: z.string().min(1).max(255),
  type: z.string().min(1).max(255),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
  accountId: z.string().min(1).max(255).optional(),
  accountExternalId: z.string().min(1).max(255).optional(),
  domain: z.string().min(1).max(255).optional(),
  personId: z.string().min(1).max(255).optional(),
  personExternalId: z.string().min(1).max(255).optional(),
  email: z.string().min(1).max(254).optional(),
  properties: z.record(z.string(), PropertyValue).default({}),
});
export type IncomingEvent = z.infer<typeof IncomingEvent>;

export type RejectionCode =
  | 'INVALID_EVENT'
  | 'ACCOUNT_NOT_FOUND'
  | 'PERSON_NOT_FOUND'
  | 'ACCOUNT_UNRESOLVED'
  | 'UNSUPPORTED_TYPE';

export interface Rejection {
  index: number;
  code: RejectionCode | DataErrorCode;
  message: string;
}

export interface IngestionSummary {
  accepted: number;
  duplicates: number;
  rejected: Rejection[];
}

type Subject = { accountId: string; personId: string | null };
type Resolved = Result<Subject, Omit<Rejection, 'index'>>;

/** Every person and account a batch names, looked up with one query per kind of reference. */
async function lookUpReferences(db: Db, events: readonly IncomingEvent[]) {
  const all = (pick: (e: IncomingEvent) => string | undefined) =>
    events.flatMap((e) => pick(e) ?? []);
  // One after another: a transaction is one connection.
  const personIds = await findExistingPersonIds(
    db,
    all((e) => e.personId),
  );
  const personsByExternalId = await findPersonIdsByExternalIds(
    db,
    all((e) => e.personExternalId),
  );
  const personsByEmail = await findPersonIdsByEmails(
    db,
    all((e) => e.email),
  );
  const accountIds = await findExistingAccountIds(
    db,
    all((e) => e.accountId),
  );
  const accountsByExternalId = await findAccountIdsByExternalIds(
    db,
    all((e) => e.accountExternalId),
  );
  const accountsByDomain = await findAccountIdsByDomains(
    db,
    all((e) => e.domain),
  );
  const personOf = (e: IncomingEvent): string | undefined => {
    if (e.personId !== undefined) return personIds.has(e.personId) ? e.personId : undefined;
    if (e.personExternalId !== undefined) return personsByExternalId.get(e.personExternalId);
    if (e.email !== undefined) return personsByEmail.get(e.email.toLowerCase());
    return undefined;
  };
  const accountOf = (e: IncomingEvent): string | undefined => {
    if (e.accountId !== undefined) return accountIds.has(e.accountId) ? e.accountId : undefined;
    if (e.accountExternalId !== undefined) return accountsByExternalId.get(e.accountExternalId);
    if (e.domain !== undefined) return accountsByDomain.get(e.domain.toLowerCase());
    return undefined;
  };
  // Events naming no account belong to their person's first account.
  const firstAccounts = await findFirstAccountsOfPeople(
    db,
    events.flatMap((e) =>
      (e.accountId ?? e.accountExternalId ?? e.domain) === undefined ? (personOf(e) ?? []) : [],
    ),
  );
  return { personOf, accountOf, firstAccountOf: (id: string) => firstAccounts.get(id) };
}

/**
 * Each event's account (and maybe person), set-based: the account named, else the person's first
 * account by name (an activity always belongs to an account, since journeys enrol accounts).
 */
export async function resolveSubjects(
  db: Db,
  events: readonly IncomingEvent[],
): Promise<Resolved[]> {
  const { personOf, accountOf, firstAccountOf } = await lookUpReferences(db, events);
  return events.map((e): Resolved => {
    const namesPerson = e.personId ?? e.personExternalId ?? e.email;
    const personId = personOf(e);
    if (namesPerson !== undefined && personId === undefined) {
      return err({ code: 'PERSON_NOT_FOUND', message: `No person matches "${namesPerson}".` });
    }
    const namesAccount = e.accountId ?? e.accountExternalId ?? e.domain;
    if (namesAccount !== undefined) {
      const accountId = accountOf(e);
      if (accountId === undefined) {
        return err({ code: 'ACCOUNT_NOT_FOUND', message: `No account matches "${namesAccount}".` });
      }
      return ok({ accountId, personId: personId ?? null });
    }
    const first = personId === undefined ? undefined : firstAccountOf(personId);
    if (personId === undefined || first === undefined) {
      return err({
        code: 'ACCOUNT_UNRESOLVED',
        message: personId
          ? 'The person belongs to no account; name the account (accountId, accountExternalId or domain).'
          : 'Name an account (accountId, accountExternalId, domain) or a person of one.',
      });
    }
    return ok({ accountId: first, personId });
  });
}

export function toActivity(e: IncomingEvent, subject: Subject, now: Date): NewActivity {
  return {
    id: timeOrderedId(),
    type: e.type,
    accountId: subject.accountId,
    personId: subject.personId,
    occurredAt: e.occurredAt ? new Date(e.occurredAt) : now,
    receivedAt: now,
    messageId: e.messageId,
    properties: e.properties,
  };
}

/** The first issue of a zod error as `field: problem`, so that the sender sees what to fix. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The event is malformed.';
  const path = issue.path.join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/**
 * Validates each event, then in one transaction resolves them all set-based, stores the valid
 * ones with multi-row INSERTs and re-evaluates each touched account once.
 */
export async function ingestEvents(
  deps: DataDeps,
  events: readonly unknown[],
): Promise<Result<IngestionSummary, DataError>> {
  if (events.length > maxEventsPerBatch) {
    return err({
      code: 'PAYLOAD_TOO_LARGE',
      message: `A batch holds at most ${maxEventsPerBatch} events; this one has ${events.length}.`,
    });
  }
  const now = deps.clock.now();
  const rejected: Rejection[] = [];
  const valid: Array<{ index: number; event: IncomingEvent }> = [];
  for (const [index, raw] of events.entries()) {
    const parsed = IncomingEvent.safeParse(raw);
    if (parsed.success) valid.push({ index, event: parsed.data });
    else rejected.push({ index, code: 'INVALID_EVENT', message: describeIssue(parsed.error) });
  }
  const { accepted, stored } = await deps.database.db.transaction().execute(async (trx) => {
    const subjects = await resolveSubjects(
      trx,
      valid.map((v) => v.event),
    );
    const activities: NewActivity[] = [];
    for (const [i, { index, event }] of valid.entries()) {
      const subject = subjects[i];
      if (subject?.ok) activities.push(toActivity(event, subject.value, now));
      else if (subject) rejected.push({ index, ...subject.error });
    }
    const stored = await storeActivityBatch(trx, activities, now);
    return { accepted: activities.length, stored: stored.size };
  });
  rejected.sort((a, b) => a.index - b.index);
  return ok({ accepted: stored, duplicates: accepted - stored, rejected });
}

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
import type { Account } from '@caravan/core/b2b/account';
import { err, ok, type Result } from '@caravan/core/result';
import {
  findAccount,
  findAccountByExternalId,
  listAccounts,
} from '@caravan/storage/account.repository';
import { listPersonAccounts } from '@caravan/storage/account-membership.repository';
import { recordActivities, type NewActivity } from '@caravan/storage/activity.repository';
import type { Db } from '@caravan/storage/database';
import {
  findPerson,
  findPersonByEmail,
  findPersonByExternalId,
} from '@caravan/storage/person.repository';
import type { DataDeps } from '../data/attribute-definitions.service.ts';
import type { DataError, DataErrorCode } from '../data/data-error.ts';
import { reevaluateAccounts } from '../segments/membership-evaluation.ts';

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

type Resolved = Result<{ accountId: string; personId: string | null }, Omit<Rejection, 'index'>>;

async function findByDomain(db: Db, domain: string): Promise<Account | undefined> {
  // Storage has no exact-domain lookup: search narrows, the exact match (ignoring case) decides.
  const { items } = await listAccounts(db, { search: domain, limit: 200, offset: 0 });
  return items.find((a) => a.domain?.toLowerCase() === domain.toLowerCase());
}

async function resolvePerson(db: Db, e: IncomingEvent) {
  if (e.personId !== undefined) return findPerson(db, e.personId);
  if (e.personExternalId !== undefined) return findPersonByExternalId(db, e.personExternalId);
  if (e.email !== undefined) return findPersonByEmail(db, e.email);
  return undefined;
}

async function resolveAccount(db: Db, e: IncomingEvent) {
  if (e.accountId !== undefined) return findAccount(db, e.accountId);
  if (e.accountExternalId !== undefined) return findAccountByExternalId(db, e.accountExternalId);
  if (e.domain !== undefined) return findByDomain(db, e.domain);
  return undefined;
}

/**
 * The account the event belongs to: the one named, else the person's first account by name (an
 * activity always belongs to an account, since journeys enrol accounts).
 */
export async function resolveSubject(db: Db, e: IncomingEvent): Promise<Resolved> {
  const namesPerson = e.personId ?? e.personExternalId ?? e.email;
  const person = await resolvePerson(db, e);
  if (namesPerson !== undefined && !person) {
    return err({ code: 'PERSON_NOT_FOUND', message: `No person matches "${namesPerson}".` });
  }
  const namesAccount = e.accountId ?? e.accountExternalId ?? e.domain;
  if (namesAccount !== undefined) {
    const account = await resolveAccount(db, e);
    if (!account) {
      return err({ code: 'ACCOUNT_NOT_FOUND', message: `No account matches "${namesAccount}".` });
    }
    return ok({ accountId: account.id, personId: person?.id ?? null });
  }
  const first = person ? (await listPersonAccounts(db, person.id))[0] : undefined;
  if (!person || !first) {
    return err({
      code: 'ACCOUNT_UNRESOLVED',
      message: person
        ? 'The person belongs to no account; name the account (accountId, accountExternalId or domain).'
        : 'Name an account (accountId, accountExternalId, domain) or a person of one.',
    });
  }
  return ok({ accountId: first.account.id, personId: person.id });
}

export function toActivity(
  e: IncomingEvent,
  subject: { accountId: string; personId: string | null },
  now: Date,
): NewActivity {
  return {
    id: crypto.randomUUID(),
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

/** Validates and resolves each event, then stores the valid ones with one multi-row insert. */
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
  const db = deps.database.db;
  const now = deps.clock.now();
  const rejected: Rejection[] = [];
  const activities: NewActivity[] = [];
  // A batch usually repeats a few accounts and people: each is looked up once.
  const resolved = new Map<string, Resolved>();
  for (const [index, raw] of events.entries()) {
    const parsed = IncomingEvent.safeParse(raw);
    if (!parsed.success) {
      rejected.push({ index, code: 'INVALID_EVENT', message: describeIssue(parsed.error) });
      continue;
    }
    const e = parsed.data;
    const key = JSON.stringify([
      e.accountId,
      e.accountExternalId,
      e.domain,
      e.personId,
      e.personExternalId,
      e.email,
    ]);
    const subject = resolved.get(key) ?? (await resolveSubject(db, e));
    resolved.set(key, subject);
    if (!subject.ok) rejected.push({ index, ...subject.error });
    else activities.push(toActivity(parsed.data, subject.value, now));
  }
  // Stored and re-evaluated together: each touched account once per batch.
  const accepted = await db.transaction().execute(async (trx) => {
    const stored = await recordActivities(trx, activities);
    await reevaluateAccounts(
      trx,
      activities.map((a) => a.accountId),
      now,
    );
    return stored;
  });
  return ok({ accepted, duplicates: activities.length - accepted, rejected });
}

/**
 * Segment-spec calls: identify upserts a person (by userId as external id, else traits.email),
 * group upserts an account (groupId as external id) and links the caller's person to it, track
 * stores an activity (deduplicated by messageId). Each call runs in its own transaction.
 * identify and group are idempotent upserts, so a repeated messageId simply changes nothing.
 */
import { z } from 'zod';
import type { Person } from '@caravan/core/b2b/person';
import { assertNever, err, ok, type Result } from '@caravan/core/result';
import { findAccountByExternalId } from '@caravan/storage/account.repository';
import { listPersonAccounts } from '@caravan/storage/account-membership.repository';
import { recordActivities } from '@caravan/storage/activity.repository';
import { listAttributeDefinitions } from '@caravan/storage/attribute-definition.repository';
import type { Db } from '@caravan/storage/database';
import { findPersonByEmail, findPersonByExternalId } from '@caravan/storage/person.repository';
import { upsertAccountIn } from '../data/accounts.service.ts';
import { linkPersonIn } from '../data/account-memberships.service.ts';
import type { DataDeps } from '../data/attribute-definitions.service.ts';
import type { DataError } from '../data/data-error.ts';
import {
  describeIssue,
  maxEventsPerBatch,
  resolveSubject,
  toActivity,
  type IngestionSummary,
} from './event-ingestion.service.ts';
import { reevaluateAccount } from '../segments/membership-evaluation.ts';
import { insertCheckedPerson, patchPersonIn, upsertPersonIn } from '../data/people.service.ts';
import {
  occurredAt,
  SegmentBatchItem,
  type SegmentGroup,
  type SegmentIdentify,
  type SegmentTrack,
} from './segment-message.ts';
import { accountFieldsOf, personFieldsOf } from './segment-traits.ts';
import { inTransaction } from '../runtime/transaction.ts';

function malformed(path: string, message: string): DataError {
  return {
    code: 'VALIDATION_FAILED',
    message: `${path}: ${message}`,
    details: [{ path, message }],
  };
}

async function identifyIn(
  db: Db,
  now: Date,
  m: SegmentIdentify,
): Promise<Result<Person, DataError>> {
  const traits = m.traits ?? {};
  const fields = personFieldsOf(traits, await listAttributeDefinitions(db, 'person'));
  if (traits.email !== undefined && !z.email().safeParse(fields.email).success) {
    return err(malformed('body.traits.email', 'not an email address'));
  }
  const userId = m.userId ?? undefined;
  if (userId === undefined && fields.email === undefined) {
    return err(malformed('body.userId', 'identify needs a userId or traits.email'));
  }
  const existing =
    (userId !== undefined ? await findPersonByExternalId(db, userId) : undefined) ??
    (fields.email ? await findPersonByEmail(db, fields.email) : undefined);
  if (existing) {
    // A person first known by email (a CSV import) takes the CDP's userId as external id.
    const adopt =
      userId !== undefined && existing.externalId === null ? { externalId: userId } : {};
    return patchPersonIn(db, now, existing.id, { ...fields, ...adopt });
  }
  return insertCheckedPerson(db, now, {
    email: null,
    mobilePhone: null,
    firstName: null,
    lastName: null,
    jobTitle: null,
    city: null,
    country: null,
    emailConsent: 'optedIn',
    smsConsent: 'optedOut',
    attributes: {},
    ...fields,
    externalId: userId ?? null,
  });
}

export async function segmentIdentify(
  deps: DataDeps,
  m: SegmentIdentify,
): Promise<Result<Person, DataError>> {
  return inTransaction(deps.database, (trx) => identifyIn(trx, deps.clock.now(), m));
}

async function groupIn(db: Db, now: Date, m: SegmentGroup): Promise<Result<true, DataError>> {
  const fields = accountFieldsOf(m.traits ?? {}, await listAttributeDefinitions(db, 'account'));
  // A group call without a name still creates the account, named after its id until renamed.
  const name = fields.name ?? (await findAccountByExternalId(db, m.groupId))?.name ?? m.groupId;
  const account = await upsertAccountIn(db, now, m.groupId, { ...fields, name });
  if (!account.ok) return account;
  if (m.userId === undefined || m.userId === null) return ok(true);
  const person = await upsertPersonIn(db, now, m.userId, {});
  if (!person.ok) return person;
  const accountId = account.value.account.id;
  const memberships = await listPersonAccounts(db, person.value.person.id);
  // Keeps a role given by the API or an import: group calls carry no role.
  if (memberships.some((ms) => ms.account.id === accountId)) return ok(true);
  const linked = await linkPersonIn(db, now, {
    accountId,
    personId: person.value.person.id,
    role: null,
  });
  return linked.ok ? ok(true) : linked;
}

export async function segmentGroup(
  deps: DataDeps,
  m: SegmentGroup,
): Promise<Result<true, DataError>> {
  return inTransaction(deps.database, (trx) => groupIn(trx, deps.clock.now(), m));
}

function flatProperties(properties: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(properties).map(([key, value]) => [
      key,
      value === null || ['string', 'number', 'boolean'].includes(typeof value)
        ? (value as string | number | boolean | null)
        : JSON.stringify(value),
    ]),
  );
}

/** B2B sources send the account of a track call as `context.groupId`. */
function contextGroupId(m: SegmentTrack): string | undefined {
  const value = m.context?.groupId;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

async function trackIn(
  db: Db,
  now: Date,
  m: SegmentTrack,
): Promise<Result<{ duplicate: boolean }, DataError>> {
  const event = {
    messageId: m.messageId ?? crypto.randomUUID(),
    type: m.event,
    occurredAt: occurredAt(m),
    personExternalId: m.userId ?? undefined,
    accountExternalId: contextGroupId(m),
    properties: flatProperties(m.properties ?? {}),
  };
  const subject = await resolveSubject(db, event);
  if (!subject.ok) return err({ code: 'EVENT_UNRESOLVED', message: subject.error.message });
  const stored = await recordActivities(db, [toActivity(event, subject.value, now)]);
  if (stored > 0) await reevaluateAccount(db, subject.value.accountId, now);
  return ok({ duplicate: stored === 0 });
}

export async function segmentTrack(
  deps: DataDeps,
  m: SegmentTrack,
): Promise<Result<{ duplicate: boolean }, DataError>> {
  return inTransaction(deps.database, (trx) => trackIn(trx, deps.clock.now(), m));
}

async function runItem(
  deps: DataDeps,
  item: SegmentBatchItem,
): Promise<Result<{ duplicate: boolean }, DataError>> {
  switch (item.type) {
    case 'identify': {
      const done = await segmentIdentify(deps, item);
      return done.ok ? ok({ duplicate: false }) : done;
    }
    case 'group': {
      const done = await segmentGroup(deps, item);
      return done.ok ? ok({ duplicate: false }) : done;
    }
    case 'track':
      return segmentTrack(deps, item);
    default:
      return assertNever(item);
  }
}

const supportedTypes = ['identify', 'group', 'track'];

/** `/batch`: each call on its own; the ones that fail are listed and the others are kept. */
export async function segmentBatch(
  deps: DataDeps,
  batch: { batch: Record<string, unknown>[]; context?: Record<string, unknown> },
): Promise<Result<IngestionSummary, DataError>> {
  if (batch.batch.length > maxEventsPerBatch) {
    return err({
      code: 'PAYLOAD_TOO_LARGE',
      message: `A batch holds at most ${maxEventsPerBatch} calls; this one has ${batch.batch.length}.`,
    });
  }
  const summary: IngestionSummary = { accepted: 0, duplicates: 0, rejected: [] };
  for (const [index, raw] of batch.batch.entries()) {
    if (!supportedTypes.includes(String(raw.type))) {
      const message = `type: "${String(raw.type)}" is not one of ${supportedTypes.join(', ')}`;
      summary.rejected.push({ index, code: 'UNSUPPORTED_TYPE', message });
      continue;
    }
    const parsed = SegmentBatchItem.safeParse({ context: batch.context, ...raw });
    if (!parsed.success) {
      summary.rejected.push({ index, code: 'INVALID_EVENT', message: describeIssue(parsed.error) });
      continue;
    }
    const done = await runItem(deps, parsed.data);
    if (!done.ok)
      summary.rejected.push({ index, code: done.error.code, message: done.error.message });
    else if (done.value.duplicate) summary.duplicates += 1;
    else summary.accepted += 1;
  }
  return ok(summary);
}

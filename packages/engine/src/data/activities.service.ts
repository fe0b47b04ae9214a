/**
 * The activity history of an account or a person (ingested events, page and screen views,
 * attribute changes, list and audience entries), newest first, paged by an opaque keyset cursor
 * and filtered by type.
 */
import { err, ok, type Result } from '@caravan/core/result';
import { findAccount } from '@caravan/storage/account.repository';
import {
  activityTypesOf,
  pageActivities,
  type ActivityEntry,
} from '@caravan/storage/activity-page.query';
import { findPerson } from '@caravan/storage/person.repository';
import type { DataDeps } from './attribute-definitions.service.ts';
import { accountNotFound, personNotFound, type DataError } from './data-error.ts';

export interface ActivityHistoryQuery {
  types: readonly string[];
  limit: number;
  cursor?: string | undefined;
}

export interface ActivityHistory {
  items: ActivityEntry[];
  nextCursor: string | null;
  /** Every type in this history, for the filter. */
  types: string[];
}

function encodeCursor(entry: ActivityEntry): string {
  return Buffer.from(JSON.stringify([entry.occurredAt, entry.id])).toString('base64url');
}

function decodeCursor(
  cursor: string | undefined,
): Result<{ occurredAt: Date; id: string } | undefined, DataError> {
  if (cursor === undefined || cursor === '') return ok(undefined);
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    const occurredAt = new Date(String(at));
    if (typeof id === 'string' && !Number.isNaN(occurredAt.getTime())) {
      return ok({ occurredAt, id });
    }
  } catch {
    // Falls through: an undecodable cursor is the client's mistake.
  }
  return err({ code: 'INVALID_CURSOR', message: 'The cursor is malformed.' });
}

async function history(
  deps: DataDeps,
  subject: { accountId?: string; personId?: string },
  q: ActivityHistoryQuery,
): Promise<Result<ActivityHistory, DataError>> {
  const before = decodeCursor(q.cursor);
  if (!before.ok) return before;
  const db = deps.database.db;
  const rows = await pageActivities(db, {
    ...subject,
    types: q.types,
    limit: q.limit + 1,
    ...(before.value ? { before: before.value } : {}),
  });
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  return ok({
    items,
    nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null,
    types: await activityTypesOf(db, subject),
  });
}

export async function accountActivities(
  deps: DataDeps,
  accountId: string,
  q: ActivityHistoryQuery,
): Promise<Result<ActivityHistory, DataError>> {
  if (!(await findAccount(deps.database.db, accountId))) return err(accountNotFound(accountId));
  return history(deps, { accountId }, q);
}

export async function personActivities(
  deps: DataDeps,
  personId: string,
  q: ActivityHistoryQuery,
): Promise<Result<ActivityHistory, DataError>> {
  if (!(await findPerson(deps.database.db, personId))) return err(personNotFound(personId));
  return history(deps, { personId }, q);
}

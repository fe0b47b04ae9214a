/**
 * Drill-through from a report (issue 12): from a status to the accounts in it, and from an email
 * or SMS row (its nodes) to the people who opened, clicked, bounced, unsubscribed or complained.
 * Cursor pages; a cursor is opaque base64url JSON.
 */
import { err, ok, type Result } from '@caravan/core/result';
import type { Db } from '@caravan/storage/database';
import { findJourney } from '@caravan/storage/journey.repository';
import {
  listPassesByStatus,
  listReportRecipients,
  type RecipientRow,
} from '@caravan/storage/report-query.repository';
import type { ReportStatus } from './journey-report.ts';

export interface DrillError {
  code: 'JOURNEY_NOT_FOUND' | 'INVALID_CURSOR';
  message: string;
}

const enrollmentStatuses: Record<ReportStatus, readonly string[]> = {
  completed: ['completed'],
  inProgress: ['active'],
  aborted: ['aborted'],
  exited: ['removed', 'journeyEnded', 'accountDeleted'],
};

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decode<T>(
  cursor: string | undefined,
  check: (v: unknown) => v is T,
): T | undefined | null {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return check(value) ? value : null;
  } catch {
    return null;
  }
}

const badCursor = (): DrillError => ({
  code: 'INVALID_CURSOR',
  message: 'The cursor is malformed.',
});
const noJourney = (id: string): DrillError => ({
  code: 'JOURNEY_NOT_FOUND',
  message: `No journey has the id ${id}.`,
});

export async function accountsByStatus(
  db: Db,
  journeyId: string,
  q: { status: ReportStatus; limit: number; cursor?: string },
) {
  if ((await findJourney(db, journeyId)) === undefined) return err(noJourney(journeyId));
  const after = decode(q.cursor, (v): v is number => typeof v === 'number' && Number.isInteger(v));
  if (after === null) return err(badCursor());
  const items = await listPassesByStatus(db, {
    journeyId,
    statuses: enrollmentStatuses[q.status],
    limit: q.limit + 1,
    ...(after !== undefined ? { afterId: after } : {}),
  });
  const page = items.slice(0, q.limit);
  const last = page.at(-1);
  return ok({
    items: page,
    nextCursor: items.length > q.limit && last ? encode(last.enrollmentId) : null,
  });
}

export type RecipientKindParam = 'opened' | 'clicked' | 'bounced' | 'unsubscribed' | 'complained';

export async function messageRecipients(
  db: Db,
  q: {
    journeyId?: string;
    nodeIds?: readonly string[];
    kind: RecipientKindParam;
    limit: number;
    cursor?: string;
  },
): Promise<Result<{ items: RecipientRow[]; nextCursor: string | null }, DrillError>> {
  if (q.journeyId !== undefined && (await findJourney(db, q.journeyId)) === undefined) {
    return err(noJourney(q.journeyId));
  }
  const after = decode(
    q.cursor,
    (v): v is { at: string; personId: string } =>
      typeof v === 'object' &&
      v !== null &&
      typeof (v as { at?: unknown }).at === 'string' &&
      typeof (v as { personId?: unknown }).personId === 'string',
  );
  if (after === null) return err(badCursor());
  const rows = await listReportRecipients(db, {
    kind: q.kind,
    limit: q.limit + 1,
    ...(q.journeyId !== undefined ? { journeyId: q.journeyId } : {}),
    ...(q.nodeIds !== undefined ? { nodeIds: q.nodeIds } : {}),
    ...(after !== undefined ? { after } : {}),
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return ok({
    items: page,
    nextCursor:
      rows.length > q.limit && last ? encode({ at: last.at, personId: last.personId }) : null,
  });
}

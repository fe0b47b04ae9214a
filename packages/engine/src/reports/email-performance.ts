/**
 * Email performance across journeys (issue 12): counts and rates over the chosen journeys and
 * days, and one row per email (an email used by several journeys is one row; an email authored
 * inside a journey node is a row of its own), paged. Also the performance of chosen emails
 * across journeys for the email list and the email page.
 */
import type { Db } from '@caravan/storage/database';
import {
  contentNames,
  journeyNames,
  sumMessageRollups,
  type MessageCounts,
} from '@caravan/storage/report-query.repository';
import {
  addCounts,
  maxIso,
  messageRates,
  minIso,
  zeroCounts,
  type MessageRates,
} from './message-rates.ts';

export interface EmailPerformanceQuery {
  journeyIds?: readonly string[];
  /** Only these emails (the email page, the rows of the email list). */
  emailIds?: readonly string[];
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export interface EmailRow extends MessageCounts, MessageRates {
  /** The email's id; null for an email authored inside a journey node. */
  emailId: string | null;
  name: string;
  journeys: Array<{ journeyId: string; name: string; nodeId: string }>;
  firstActivityAt: string | null;
  lastActivityAt: string | null;
}

export interface EmailPerformance {
  totals: MessageCounts & MessageRates;
  items: EmailRow[];
  total: number;
  page: number;
  pageSize: number;
}

/** Every row of the per-email table (unpaged), most sent first. */
export async function emailRows(
  db: Db,
  q: Omit<EmailPerformanceQuery, 'page' | 'pageSize'>,
): Promise<EmailRow[]> {
  const rows = await sumMessageRollups(db, {
    channel: 'email',
    ...(q.journeyIds ? { journeyIds: q.journeyIds } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    ...(q.emailIds ? { contentIds: q.emailIds } : {}),
  });
  const names = await contentNames(
    db,
    'email',
    rows.map((r) => r.contentId),
  );
  const journeys = new Map(
    (await journeyNames(db, [...new Set(rows.map((r) => r.journeyId))])).map((j) => [j.id, j.name]),
  );
  const groups = new Map<string, EmailRow & MessageCounts>();
  for (const r of rows) {
    const key = r.contentId !== '' ? r.contentId : `${r.journeyId}:${r.nodeId}`;
    const journeyName = journeys.get(r.journeyId) ?? r.journeyId;
    const row =
      groups.get(key) ??
      ({
        emailId: r.contentId === '' ? null : r.contentId,
        name: names.get(r.contentId) ?? `${journeyName} — ${r.nodeId}`,
        journeys: [],
        ...zeroCounts(),
        ...messageRates(zeroCounts()),
        firstActivityAt: null,
        lastActivityAt: null,
      } satisfies EmailRow);
    addCounts(row, r);
    row.journeys.push({ journeyId: r.journeyId, name: journeyName, nodeId: r.nodeId });
    row.firstActivityAt = minIso(row.firstActivityAt, r.firstAt);
    row.lastActivityAt = maxIso(row.lastActivityAt, r.lastAt);
    groups.set(key, row);
  }
  return [...groups.values()]
    .map((row) => ({ ...row, ...messageRates(row) }))
    .sort((a, b) => b.sent - a.sent || a.name.localeCompare(b.name));
}

export async function emailPerformance(
  db: Db,
  q: EmailPerformanceQuery,
): Promise<EmailPerformance> {
  const rows = await emailRows(db, q);
  const totals = rows.reduce((sum, r) => addCounts(sum, r), zeroCounts());
  const start = (q.page - 1) * q.pageSize;
  return {
    totals: { ...totals, ...messageRates(totals) },
    items: rows.slice(start, start + q.pageSize),
    total: rows.length,
    page: q.page,
    pageSize: q.pageSize,
  };
}

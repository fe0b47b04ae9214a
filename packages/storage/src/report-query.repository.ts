/**
 * Reads of the report rollups (issue 12). Every query reads the rollup tables, the journey
 * counters and content names — never activities or the outbox.
 */
import { sql } from 'kysely';
import type { Db } from './database.ts';
import { rollupMetrics, type RollupMetric } from './report-rollup.repository.ts';

export type MessageCounts = Record<RollupMetric, number>;

export interface MessageRow extends MessageCounts {
  journeyId: string;
  nodeId: string;
  channel: 'email' | 'sms';
  contentId: string;
  firstAt: string | null;
  lastAt: string | null;
}

export interface MessageFilter {
  journeyIds?: readonly string[];
  channel?: 'email' | 'sms';
  contentIds?: readonly string[];
  /** Days, inclusive, 'YYYY-MM-DD'. */
  from?: string;
  to?: string;
}

/**
 * Rollup sums grouped by journey × node × channel × content: from `report_message_totals` (one
 * row per group) without a date filter, from the per-day rows within one.
 */
export async function sumMessageRollups(db: Db, f: MessageFilter): Promise<MessageRow[]> {
  const byDay = f.from !== undefined || f.to !== undefined;
  let q = db
    .selectFrom(byDay ? 'report_message_rollups' : 'report_message_totals')
    .select(['journey_id', 'node_id', 'channel', 'content_id'])
    .select((eb) => [
      ...rollupMetrics.map((m) => eb.fn.sum<number | string>(m).as(m)),
      eb.fn.min('first_at').as('first_at'),
      eb.fn.max('last_at').as('last_at'),
    ])
    .groupBy(['journey_id', 'node_id', 'channel', 'content_id']);
  if (f.journeyIds !== undefined) {
    if (f.journeyIds.length === 0) return [];
    q = q.where('journey_id', 'in', [...f.journeyIds]);
  }
  if (f.channel !== undefined) q = q.where('channel', '=', f.channel);
  if (f.contentIds !== undefined) {
    if (f.contentIds.length === 0) return [];
    q = q.where('content_id', 'in', [...f.contentIds]);
  }
  if (f.from !== undefined) q = q.where(sql.ref('day'), '>=', f.from);
  if (f.to !== undefined) q = q.where(sql.ref('day'), '<=', f.to);
  const rows = await q.execute();
  return rows.map((r) => {
    const counts = Object.fromEntries(rollupMetrics.map((m) => [m, Number(r[m] ?? 0)]));
    return {
      journeyId: r.journey_id,
      nodeId: r.node_id,
      channel: r.channel as 'email' | 'sms',
      contentId: r.content_id,
      ...(counts as MessageCounts),
      firstAt: (r.first_at as string | null) ?? null,
      lastAt: (r.last_at as string | null) ?? null,
    };
  });
}

export interface NodeMessageCounts {
  nodeId: string;
  channel: 'email' | 'sms';
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
}

/** A journey's message counts per node, all days and contents together (the map's node counts). */
export async function sumNodeMessages(db: Db, journeyId: string): Promise<NodeMessageCounts[]> {
  const rows = await db
    .selectFrom('report_message_totals')
    .select(['node_id', 'channel'])
    .select((eb) => [
      eb.fn.sum<number | string>('sent').as('sent'),
      eb.fn.sum<number | string>('delivered').as('delivered'),
      eb.fn.sum<number | string>('opened').as('opened'),
      eb.fn.sum<number | string>('clicked').as('clicked'),
    ])
    .where('journey_id', '=', journeyId)
    .groupBy(['node_id', 'channel'])
    .execute();
  return rows.map((r) => ({
    nodeId: r.node_id,
    channel: r.channel as 'email' | 'sms',
    sent: Number(r.sent ?? 0),
    delivered: Number(r.delivered ?? 0),
    opened: Number(r.opened ?? 0),
    clicked: Number(r.clicked ?? 0),
  }));
}

export async function readJourneyHours(
  db: Db,
  journeyId: string,
): Promise<Array<{ hour: string; completed: number; durationMs: number }>> {
  const rows = await db
    .selectFrom('report_journey_hours')
    .select(['hour', 'completed', 'duration_ms'])
    .where('journey_id', '=', journeyId)
    .orderBy('hour')
    .execute();
  return rows.map((r) => ({
    hour: r.hour,
    completed: Number(r.completed),
    durationMs: Number(r.duration_ms),
  }));
}

export async function readJourneyDurations(
  db: Db,
  journeyId: string,
): Promise<Array<{ seconds: number; passes: number }>> {
  const rows = await db
    .selectFrom('report_journey_durations')
    .select(['bucket_s', 'passes'])
    .where('journey_id', '=', journeyId)
    .orderBy('bucket_s')
    .execute();
  return rows.map((r) => ({ seconds: Number(r.bucket_s), passes: Number(r.passes) }));
}

/** journey id → metric → value (engaged accounts / people, engagement by kind). */
export async function readJourneyTotals(
  db: Db,
  journeyIds?: readonly string[],
): Promise<Map<string, Map<string, number>>> {
  let q = db.selectFrom('report_journey_totals').select(['journey_id', 'metric', 'value']);
  if (journeyIds !== undefined) {
    if (journeyIds.length === 0) return new Map();
    q = q.where('journey_id', 'in', [...journeyIds]);
  }
  const out = new Map<string, Map<string, number>>();
  for (const r of await q.execute()) {
    const m = out.get(r.journey_id) ?? new Map<string, number>();
    m.set(r.metric, Number(r.value));
    out.set(r.journey_id, m);
  }
  return out;
}

/** Every journey's totals counters (node ''): journey id → counter → value. */
export async function readAllJourneyTotalsCounters(
  db: Db,
): Promise<Map<string, Map<string, number>>> {
  const rows = await db
    .selectFrom('journey_counters')
    .select(['journey_id', 'counter', 'value'])
    .where('node_id', '=', '')
    .execute();
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const m = out.get(r.journey_id) ?? new Map<string, number>();
    m.set(r.counter, Number(r.value));
    out.set(r.journey_id, m);
  }
  return out;
}

export interface RecipientRow {
  personId: string;
  accountId: string | null;
  at: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  accountName: string | null;
}

/** The people who did `kind` on the messages of the nodes, oldest first, after `after`. */
export async function listReportRecipients(
  db: Db,
  q: {
    journeyId?: string;
    nodeIds?: readonly string[];
    kind: string;
    limit: number;
    after?: { at: string; personId: string };
  },
): Promise<RecipientRow[]> {
  let query = db
    .selectFrom('report_recipients as r')
    .leftJoin('people as p', 'p.id', 'r.person_id')
    .leftJoin('accounts as a', 'a.id', 'r.account_id')
    .select([
      'r.person_id',
      'r.account_id',
      'r.at',
      'p.email',
      'p.first_name',
      'p.last_name',
      'a.name as account_name',
    ])
    .where('r.kind', '=', q.kind);
  if (q.journeyId !== undefined) query = query.where('r.journey_id', '=', q.journeyId);
  if (q.nodeIds !== undefined) {
    if (q.nodeIds.length === 0) return [];
    query = query.where('r.node_id', 'in', [...q.nodeIds]);
  }
  if (q.after !== undefined) {
    const { at, personId } = q.after;
    query = query.where(
      sql<boolean>`(r.at > ${at} or (r.at = ${at} and r.person_id > ${personId}))`,
    );
  }
  const rows = await query.orderBy('r.at').orderBy('r.person_id').limit(q.limit).execute();
  return rows.map((r) => ({
    personId: r.person_id,
    accountId: r.account_id,
    at: r.at,
    email: r.email ?? null,
    firstName: r.first_name ?? null,
    lastName: r.last_name ?? null,
    accountName: r.account_name ?? null,
  }));
}

/** Names of emails and SMS by id. */
export async function contentNames(
  db: Db,
  channel: 'email' | 'sms',
  ids: readonly string[],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id) => id !== ''))];
  if (unique.length === 0) return new Map();
  const rows =
    channel === 'email'
      ? await db.selectFrom('emails').select(['id', 'name']).where('id', 'in', unique).execute()
      : await db
          .selectFrom('sms_messages')
          .select(['id', 'name'])
          .where('id', 'in', unique)
          .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function journeyNames(
  db: Db,
  ids?: readonly string[],
): Promise<Array<{ id: string; name: string; status: string }>> {
  let q = db.selectFrom('journeys').select(['id', 'name', 'status']);
  if (ids !== undefined) {
    if (ids.length === 0) return [];
    q = q.where('id', 'in', [...ids]);
  }
  const rows = await q.orderBy('name').execute();
  return rows;
}

/** Drill-through from a status: the passes of the journey in these statuses, by id. */
export async function listPassesByStatus(
  db: Db,
  q: { journeyId: string; statuses: readonly string[]; limit: number; afterId?: number },
): Promise<
  Array<{
    enrollmentId: number;
    accountId: string;
    accountName: string | null;
    pass: number;
    status: string;
    enteredAt: string;
    endedAt: string | null;
  }>
> {
  let query = db
    .selectFrom('enrollments as e')
    .leftJoin('accounts as a', 'a.id', 'e.account_id')
    .select(['e.id', 'e.account_id', 'a.name', 'e.pass', 'e.status', 'e.entered_at', 'e.ended_at'])
    .where('e.journey_id', '=', q.journeyId)
    .where('e.status', 'in', [...q.statuses]);
  if (q.afterId !== undefined) query = query.where('e.id', '>', q.afterId);
  const rows = await query.orderBy('e.id').limit(q.limit).execute();
  const iso = (v: string | Date | null) =>
    v === null ? null : (v instanceof Date ? v : new Date(v)).toISOString();
  return rows.map((r) => ({
    enrollmentId: Number(r.id),
    accountId: r.account_id,
    accountName: r.name ?? null,
    pass: r.pass,
    status: r.status,
    enteredAt: iso(r.entered_at) ?? '',
    endedAt: iso(r.ended_at),
  }));
}

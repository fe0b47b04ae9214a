/**
 * Report rollups (issue 12), bumped in the transactions that record what they count: a send
 * settled, a bounce or status callback, an open/click/unsubscribe, a pass ending. Every write is
 * an upsert that adds to a counter, so reports read these small tables and never scan the
 * outbox or activities. Recounting from raw rows must give the same numbers (reports tests).
 */
import { sql } from 'kysely';
import type { Db } from './database.ts';

export type ReportChannel = 'email' | 'sms';

/** The counters of one rollup row. */
export const rollupMetrics = [
  'sent',
  'delivered',
  'bounced',
  'failed',
  'opens',
  'opened',
  'clicks',
  'clicked',
  'unsubscribed',
  'complained',
] as const;
export type RollupMetric = (typeof rollupMetrics)[number];
export type RollupDelta = Partial<Record<RollupMetric, number>>;

export interface RollupKey {
  journeyId: string;
  nodeId: string;
  channel: ReportChannel;
  contentId: string;
  /** 'YYYY-MM-DD' (UTC). */
  day: string;
}

export const dayOf = (at: Date | string): string =>
  (typeof at === 'string' ? at : at.toISOString()).slice(0, 10);
export const hourOf = (at: Date): string => at.toISOString().slice(0, 13);

/** One bump of a rollup row: `delta` added to the row of `key`; `at` widens its activity span. */
export interface RollupBump {
  key: RollupKey;
  delta: RollupDelta;
  at: Date | undefined;
}

type Sums = Record<RollupMetric, number> & { first_at: string | null; last_at: string | null };

const earlier = (a: string | null, b: string | null) =>
  a === null || (b !== null && b < a) ? b : a;
const later = (a: string | null, b: string | null) => (a === null || (b !== null && b > a) ? b : a);

/** The bumps summed per key (the per-day key, or without its day for the totals), keys sorted. */
function sumBumps(bumps: readonly RollupBump[], withDay: boolean) {
  const rows = new Map<string, { key: RollupKey } & Sums>();
  for (const { key, delta, at } of bumps) {
    const id = [key.journeyId, key.nodeId, key.channel, key.contentId, withDay ? key.day : ''].join(
      '\u0000',
    );
    const iso = at?.toISOString() ?? null;
    const row =
      rows.get(id) ??
      ({
        key,
        ...Object.fromEntries(rollupMetrics.map((m) => [m, 0])),
        first_at: iso,
        last_at: iso,
      } as { key: RollupKey } & Sums);
    for (const m of rollupMetrics) row[m] += delta[m] ?? 0;
    row.first_at = earlier(row.first_at, iso);
    row.last_at = later(row.last_at, iso);
    rows.set(id, row);
  }
  // Sorted keys: concurrent transactions lock the rows in the same order (no deadlock).
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
}

function spanUpdate(table: 'report_message_rollups' | 'report_message_totals') {
  const t = sql.table(table);
  return {
    first_at: sql<string>`case when ${t}.first_at is null or excluded.first_at < ${t}.first_at then excluded.first_at else ${t}.first_at end`,
    last_at: sql<string>`case when ${t}.last_at is null or excluded.last_at > ${t}.last_at then excluded.last_at else ${t}.last_at end`,
  };
}

function addUpdate(table: 'report_message_rollups' | 'report_message_totals') {
  const t = sql.table(table);
  return Object.fromEntries(
    rollupMetrics.map((m) => [m, sql<number>`${t}.${sql.ref(m)} + excluded.${sql.ref(m)}`]),
  );
}

/**
 * Adds the bumps to the per-day rollups and to the all-days totals: one multi-row upsert per
 * table, whatever the number of messages (a settled group of sends is one call).
 */
export async function bumpMessageRollups(db: Db, bumps: readonly RollupBump[]): Promise<void> {
  if (bumps.length === 0) return;
  const columns = (r: { key: RollupKey } & Sums) => ({
    journey_id: r.key.journeyId,
    node_id: r.key.nodeId,
    channel: r.key.channel,
    content_id: r.key.contentId,
    ...Object.fromEntries(rollupMetrics.map((m) => [m, r[m]])),
    first_at: r.first_at,
    last_at: r.last_at,
  });
  await db
    .insertInto('report_message_rollups')
    .values(sumBumps(bumps, true).map((r) => ({ ...columns(r), day: r.key.day })))
    .onConflict((oc) =>
      oc.columns(['journey_id', 'node_id', 'channel', 'content_id', 'day']).doUpdateSet({
        ...addUpdate('report_message_rollups'),
        ...spanUpdate('report_message_rollups'),
      }),
    )
    .execute();
  await db
    .insertInto('report_message_totals')
    .values(sumBumps(bumps, false).map(columns))
    .onConflict((oc) =>
      oc.columns(['journey_id', 'node_id', 'channel', 'content_id']).doUpdateSet({
        ...addUpdate('report_message_totals'),
        ...spanUpdate('report_message_totals'),
      }),
    )
    .execute();
}

/** Adds `delta` to the row of `key` (and to its totals); `at` widens its first/last activity. */
export async function bumpMessageRollup(
  db: Db,
  key: RollupKey,
  delta: RollupDelta,
  at: Date | undefined,
): Promise<void> {
  await bumpMessageRollups(db, [{ key, delta, at }]);
}

export interface ReportMessage {
  messageKey: string;
  outboxId: number;
  journeyId: string;
  nodeId: string;
  channel: ReportChannel;
  contentId: string;
  accountId: string | null;
  personId: string | null;
  recipient: string | null;
  sentDay: string;
  state: 'delivered' | 'sent' | 'bounced' | 'failed';
}

/** A provider's message id in one form: no angle brackets, lower case. */
export function messageKeyOf(messageId: string): string {
  return messageId.trim().replace(/^<|>$/g, '').toLowerCase();
}

/** Stores the message once (by its key); answers whether it was new. */
export async function insertReportMessage(db: Db, m: ReportMessage): Promise<boolean> {
  return (await insertReportMessages(db, [m])).has(m.messageKey);
}

/** Stores the messages once each (by key), in one statement; answers the keys that were new. */
export async function insertReportMessages(
  db: Db,
  messages: readonly ReportMessage[],
): Promise<Set<string>> {
  if (messages.length === 0) return new Set();
  const rows = await db
    .insertInto('report_messages')
    .values(
      messages.map((m) => ({
        message_key: m.messageKey,
        outbox_id: m.outboxId,
        journey_id: m.journeyId,
        node_id: m.nodeId,
        channel: m.channel,
        content_id: m.contentId,
        account_id: m.accountId,
        person_id: m.personId,
        recipient: m.recipient,
        sent_day: m.sentDay,
        state: m.state,
      })),
    )
    .onConflict((oc) => oc.column('message_key').doNothing())
    .returning('message_key')
    .execute();
  return new Set(rows.map((r) => r.message_key));
}

type MessageRow = {
  message_key: string;
  outbox_id: number | string;
  journey_id: string;
  node_id: string;
  channel: string;
  content_id: string;
  account_id: string | null;
  person_id: string | null;
  recipient: string | null;
  sent_day: string;
  state: string;
};

function toReportMessage(row: MessageRow): ReportMessage {
  return {
    messageKey: row.message_key,
    outboxId: Number(row.outbox_id),
    journeyId: row.journey_id,
    nodeId: row.node_id,
    channel: row.channel as ReportChannel,
    contentId: row.content_id,
    accountId: row.account_id,
    personId: row.person_id,
    recipient: row.recipient,
    sentDay: row.sent_day,
    state: row.state as ReportMessage['state'],
  };
}

export async function findReportMessage(
  db: Db,
  messageId: string,
): Promise<ReportMessage | undefined> {
  const row = await db
    .selectFrom('report_messages')
    .selectAll()
    .where('message_key', '=', messageKeyOf(messageId))
    .executeTakeFirst();
  return row === undefined ? undefined : toReportMessage(row);
}

export async function findReportMessageByOutbox(
  db: Db,
  outboxId: number,
): Promise<ReportMessage | undefined> {
  const row = await db
    .selectFrom('report_messages')
    .selectAll()
    .where('outbox_id', '=', outboxId)
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : toReportMessage(row);
}

/** Moves a message from one of `from` to `to`; answers whether it moved (once only). */
export async function moveReportMessage(
  db: Db,
  messageKey: string,
  from: readonly ReportMessage['state'][],
  to: ReportMessage['state'],
): Promise<boolean> {
  const result = await db
    .updateTable('report_messages')
    .set({ state: to })
    .where('message_key', '=', messageKey)
    .where('state', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export type RecipientKind = 'opened' | 'clicked' | 'bounced' | 'unsubscribed' | 'complained';

/** Notes that the person did `kind` on the node's message; answers whether it was the first time. */
export async function addReportRecipient(
  db: Db,
  r: {
    journeyId: string;
    nodeId: string;
    kind: RecipientKind;
    personId: string;
    accountId: string | null;
    at: Date;
  },
): Promise<boolean> {
  const result = await db
    .insertInto('report_recipients')
    .values({
      journey_id: r.journeyId,
      node_id: r.nodeId,
      kind: r.kind,
      person_id: r.personId,
      account_id: r.accountId,
      at: r.at.toISOString(),
    })
    .onConflict((oc) => oc.columns(['journey_id', 'node_id', 'kind', 'person_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function addJourneyTotals(
  db: Db,
  journeyId: string,
  deltas: Record<string, number>,
): Promise<void> {
  const rows = Object.entries(deltas)
    .filter(([, v]) => v !== 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([metric, value]) => ({ journey_id: journeyId, metric, value }));
  if (rows.length === 0) return;
  await db
    .insertInto('report_journey_totals')
    .values(rows)
    .onConflict((oc) =>
      oc
        .columns(['journey_id', 'metric'])
        .doUpdateSet({ value: sql<number>`report_journey_totals.value + excluded.value` }),
    )
    .execute();
}

export type EngagementKind = 'emailOpened' | 'emailClicked' | 'smsClicked' | 'replied' | 'event';

async function insertEngagement(
  db: Db,
  journeyId: string,
  accountId: string,
  personId: string,
  kind: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .insertInto('report_engagement')
    .values({ journey_id: journeyId, account_id: accountId, person_id: personId, kind, at })
    .onConflict((oc) => oc.columns(['journey_id', 'account_id', 'person_id', 'kind']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * An account (and a person of it, when known) engaged in the journey. Marker rows of kind '*'
 * make "first time for this account / person" race-free under concurrent workers.
 */
export async function recordEngagement(
  db: Db,
  e: {
    journeyId: string;
    accountId: string;
    personId: string | null;
    kind: EngagementKind;
    at: Date;
  },
): Promise<void> {
  const at = e.at.toISOString();
  const person = e.personId ?? '';
  const deltas: Record<string, number> = {};
  if (await insertEngagement(db, e.journeyId, e.accountId, '', '*', at)) {
    deltas.engagedAccounts = 1;
  }
  if (person !== '' && (await insertEngagement(db, e.journeyId, e.accountId, person, '*', at))) {
    deltas.engagedPeople = 1;
  }
  if (await insertEngagement(db, e.journeyId, e.accountId, person, e.kind, at)) {
    deltas[`engagement:${e.kind}`] = 1;
  }
  await addJourneyTotals(db, e.journeyId, deltas);
}

/**
 * Durations are kept to the second below an hour, to the minute below two days and to the hour
 * beyond: the median is exact to that precision, the average exact (sum / count).
 */
export function durationBucket(ms: number): number {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 3600) return s;
  if (s < 2 * 86_400) return s - (s % 60);
  return s - (s % 3600);
}

export interface PassEnd {
  journeyId: string;
  enteredAt: Date;
  endedAt: Date;
}

/** Completed passes: per hour (count, total duration) and per duration bucket. */
export async function recordCompletedPasses(db: Db, ends: readonly PassEnd[]): Promise<void> {
  if (ends.length === 0) return;
  const hours = new Map<
    string,
    { journey_id: string; hour: string; completed: number; duration_ms: number }
  >();
  const buckets = new Map<string, { journey_id: string; bucket_s: number; passes: number }>();
  for (const end of ends) {
    const ms = end.endedAt.getTime() - end.enteredAt.getTime();
    const hour = hourOf(end.endedAt);
    const hk = `${end.journeyId}\u0000${hour}`;
    const h = hours.get(hk) ?? { journey_id: end.journeyId, hour, completed: 0, duration_ms: 0 };
    h.completed += 1;
    h.duration_ms += Math.max(0, ms);
    hours.set(hk, h);
    const bucket = durationBucket(ms);
    const bk = `${end.journeyId}\u0000${bucket}`;
    const b = buckets.get(bk) ?? { journey_id: end.journeyId, bucket_s: bucket, passes: 0 };
    b.passes += 1;
    buckets.set(bk, b);
  }
  const sorted = <T>(m: Map<string, T>) =>
    [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
  await db
    .insertInto('report_journey_hours')
    .values(sorted(hours))
    .onConflict((oc) =>
      oc.columns(['journey_id', 'hour']).doUpdateSet({
        completed: sql<number>`report_journey_hours.completed + excluded.completed`,
        duration_ms: sql<number>`report_journey_hours.duration_ms + excluded.duration_ms`,
      }),
    )
    .execute();
  await db
    .insertInto('report_journey_durations')
    .values(sorted(buckets))
    .onConflict((oc) =>
      oc
        .columns(['journey_id', 'bucket_s'])
        .doUpdateSet({ passes: sql<number>`report_journey_durations.passes + excluded.passes` }),
    )
    .execute();
}

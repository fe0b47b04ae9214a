/**
 * Enrollments: one pass of an account through a journey. The worker claims due rows in batches
 * (PostgreSQL `FOR UPDATE SKIP LOCKED` inside the transaction that also writes the result, so a
 * crashed worker's claims are released with its connection; SQLite has one writer), decides in
 * memory, and writes rows back grouped by their new state — a handful of statements per batch.
 */
import { sql } from 'kysely';
import { fromJson, fromNullableTimestamp, fromTimestamp, toJson } from './column-types.ts';
import type { Db } from './database.ts';
import { isPostgresDb } from './dialects/postgres/is-postgres.ts';
import type { EnrollmentRow } from './engine.table.ts';

export type EnrollmentStatus =
  'active' | 'pending' | 'completed' | 'aborted' | 'removed' | 'journeyEnded' | 'accountDeleted';
export type EnrollmentPhase = 'run' | 'wait' | 'listen' | 'external' | 'reentry' | 'done';

export interface Enrollment {
  id: number;
  journeyId: string;
  accountId: string;
  pass: number;
  status: EnrollmentStatus;
  nodeId: string;
  phase: EnrollmentPhase;
  dueAt: Date | null;
  enteredAt: Date;
  nodeEnteredAt: Date;
  endedAt: Date | null;
  endReason: string | null;
  state: Record<string, unknown>;
}

export function toEnrollment(row: EnrollmentRow): Enrollment {
  const due = fromNullableTimestamp(row.due_at);
  const ended = fromNullableTimestamp(row.ended_at);
  return {
    id: Number(row.id),
    journeyId: row.journey_id,
    accountId: row.account_id,
    pass: Number(row.pass),
    status: row.status as EnrollmentStatus,
    nodeId: row.node_id,
    phase: row.phase as EnrollmentPhase,
    dueAt: due === null ? null : new Date(due),
    enteredAt: new Date(fromTimestamp(row.entered_at)),
    nodeEnteredAt: new Date(fromTimestamp(row.node_entered_at)),
    endedAt: ended === null ? null : new Date(ended),
    endReason: row.end_reason,
    state: (fromJson(row.state) ?? {}) as Record<string, unknown>,
  };
}

/** Due rows, oldest due first, locked for this transaction (others skip them). */
export async function claimDueEnrollments(db: Db, now: Date, limit: number): Promise<Enrollment[]> {
  let query = db
    .selectFrom('enrollments')
    .selectAll()
    .where('due_at', 'is not', null)
    .where('due_at', '<=', now.toISOString())
    .orderBy('due_at')
    .orderBy('id')
    .limit(limit);
  if (isPostgresDb(db)) query = query.forUpdate().skipLocked();
  return (await query.execute()).map(toEnrollment);
}

/** The earliest due time of any enrollment, for the test clock's step-by-step advance. */
export async function earliestDueTime(db: Db): Promise<Date | undefined> {
  const row = await db
    .selectFrom('enrollments')
    .select('due_at')
    .where('due_at', 'is not', null)
    .orderBy('due_at')
    .limit(1)
    .executeTakeFirst();
  const due = row ? fromNullableTimestamp(row.due_at) : null;
  return due === null ? undefined : new Date(due);
}

function writtenState(e: Enrollment) {
  return {
    status: e.status,
    node_id: e.nodeId,
    phase: e.phase,
    due_at: e.dueAt === null ? null : e.dueAt.toISOString(),
    node_entered_at: e.nodeEnteredAt.toISOString(),
    ended_at: e.endedAt === null ? null : e.endedAt.toISOString(),
    end_reason: e.endReason,
    state: toJson(e.state),
  };
}

/** Writes the rows back: one UPDATE per distinct new state (most of a batch moves alike). */
export async function saveEnrollments(db: Db, enrollments: readonly Enrollment[]): Promise<void> {
  const groups = new Map<string, { values: ReturnType<typeof writtenState>; ids: number[] }>();
  for (const e of enrollments) {
    const values = writtenState(e);
    const key = JSON.stringify(values);
    const group = groups.get(key);
    if (group) group.ids.push(e.id);
    else groups.set(key, { values, ids: [e.id] });
  }
  for (const { values, ids } of groups.values()) {
    for (let start = 0; start < ids.length; start += 1000) {
      await db
        .updateTable('enrollments')
        .set(values)
        .where('id', 'in', ids.slice(start, start + 1000))
        .execute();
    }
  }
}

export interface NewEnrollment {
  journeyId: string;
  accountId: string;
  pass: number;
  status: 'active' | 'pending';
  nodeId: string;
  phase: 'run' | 'reentry';
  dueAt: Date;
  now: Date;
}

/** Inserts one enrollment; undefined when that (journey, account, pass) exists already. */
export async function insertEnrollment(db: Db, e: NewEnrollment): Promise<number | undefined> {
  const row = await db
    .insertInto('enrollments')
    .values({
      journey_id: e.journeyId,
      account_id: e.accountId,
      pass: e.pass,
      status: e.status,
      node_id: e.nodeId,
      phase: e.phase,
      due_at: e.dueAt.toISOString(),
      entered_at: e.now.toISOString(),
      node_entered_at: e.now.toISOString(),
      ended_at: null,
      end_reason: null,
      state: '{}',
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row === undefined ? undefined : Number(row.id);
}

/** The newest pass of an account in a journey. */
export async function latestEnrollment(
  db: Db,
  journeyId: string,
  accountId: string,
): Promise<Enrollment | undefined> {
  const row = await db
    .selectFrom('enrollments')
    .selectAll()
    .where('journey_id', '=', journeyId)
    .where('account_id', '=', accountId)
    .orderBy('pass', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? undefined : toEnrollment(row);
}

export type EntrySource = { kind: 'audience' | 'accountList'; id: string };

/**
 * First entry at publish: every account of the source with a non-blank name enters at the
 * audience node in ONE statement. Answers how many entered.
 */
export async function insertFirstPasses(
  db: Db,
  journeyId: string,
  audienceNodeId: string,
  source: EntrySource,
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  const members =
    source.kind === 'audience'
      ? db
          .selectFrom('audience_members as m')
          .where('m.audience_id', '=', source.id)
          .select('m.account_id')
      : db
          .selectFrom('account_list_members as m')
          .where('m.list_id', '=', source.id)
          .select('m.account_id');
  const result = await db
    .insertInto('enrollments')
    .columns([
      'journey_id',
      'account_id',
      'pass',
      'status',
      'node_id',
      'phase',
      'due_at',
      'entered_at',
      'node_entered_at',
      'state',
    ])
    .expression(
      db
        .selectFrom(members.as('src'))
        .innerJoin('accounts as a', 'a.id', 'src.account_id')
        .where(sql<boolean>`trim(a.name) <> ''`)
        .select([
          sql.lit(journeyId).as('journey_id'),
          'src.account_id',
          sql.lit(1).as('pass'),
          sql.lit('active').as('status'),
          sql.lit(audienceNodeId).as('node_id'),
          sql.lit('run').as('phase'),
          sql.val(at).as('due_at'),
          sql.val(at).as('entered_at'),
          sql.val(at).as('node_entered_at'),
          sql.lit('{}').as('state'),
        ]),
    )
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/**
 * Ends every active pass of a journey (abort) — or of one account in it (remove) — in one
 * statement; answers the node each ended pass was at, for the counters and the timeline.
 */
export async function endActiveEnrollments(
  db: Db,
  filter: { journeyId: string; accountId?: string },
  reason: EnrollmentStatus,
  now: Date,
): Promise<Array<{ id: number; accountId: string; nodeId: string }>> {
  let query = db
    .updateTable('enrollments')
    .set({
      status: reason,
      phase: 'done',
      due_at: null,
      ended_at: now.toISOString(),
      end_reason: reason,
    })
    .where('journey_id', '=', filter.journeyId)
    .where('status', '=', 'active');
  if (filter.accountId !== undefined) query = query.where('account_id', '=', filter.accountId);
  const rows = await query.returning(['id', 'account_id', 'node_id']).execute();
  return rows.map((r) => ({ id: Number(r.id), accountId: r.account_id, nodeId: r.node_id }));
}

/** Close and the end date stop every kind of entry: pending re-entries are dropped. */
export async function dropPendingEnrollments(db: Db, journeyId: string): Promise<number> {
  const result = await db
    .deleteFrom('enrollments')
    .where('journey_id', '=', journeyId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteEnrollment(db: Db, id: number): Promise<void> {
  await db.deleteFrom('enrollments').where('id', '=', id).execute();
}

/** Whether the journey still has passes in progress or waiting to re-enter. */
export async function hasOpenEnrollments(db: Db, journeyId: string): Promise<boolean> {
  const row = await db
    .selectFrom('enrollments')
    .select('id')
    .where('journey_id', '=', journeyId)
    .where('status', 'in', ['active', 'pending'])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Makes every listener of the journey without a timeout (its state's `timeoutAt` is null) due
 * now, unless it is already due: at the end date they end, whatever timer they were parked with.
 * Listeners with a timeout keep theirs. Answers how many woke.
 */
export async function wakeListenersWithoutTimeout(
  db: Db,
  journeyId: string,
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable('enrollments')
    .set({ due_at: now.toISOString() })
    .where('journey_id', '=', journeyId)
    .where('status', '=', 'active')
    .where('phase', '=', 'listen')
    .where('due_at', '>', now.toISOString())
    // `->>` reads a JSON member as text (null for JSON null) in PostgreSQL and SQLite ≥ 3.38.
    .where(sql<unknown>`state ->> 'timeoutAt'`, 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

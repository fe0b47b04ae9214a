/**
 * The raw rate the engine is compared with: the same database's batched claim + update of rows
 * shaped like `enrollments` (same columns, same indexes), with no journey logic. Every row is
 * stepped K times; each step is: in one transaction, claim the next 500 due rows (PostgreSQL:
 * `FOR UPDATE SKIP LOCKED`, SQLite: a plain SELECT — one writer per file) and write each to its
 * next node, state and due time in one set-based UPDATE. The last step ends the row (due time
 * null), as an enrollment leaving the journey does.
 */
import { sql } from 'kysely';
import type { Database } from '@caravan/storage/database';

const table = 'bench_raw_enrollments';
export const rawBatchSize = 500;

export interface RawRate {
  rows: number;
  stepsPerRow: number;
  batches: number;
  seconds: number;
  rowStepsPerSecond: number;
}

async function createRawTable(database: Database): Promise<void> {
  const pg = database.dialect === 'postgres';
  const ts = pg ? 'timestamptz' : 'text';
  await sql
    .raw(
      `create table ${table} (id ${pg ? 'bigserial' : 'integer'} primary key,
        journey_id text not null, account_id text not null, pass integer not null,
        status text not null, node_id text not null, phase text not null, due_at ${ts},
        entered_at ${ts} not null, node_entered_at ${ts} not null, ended_at ${ts},
        end_reason text, state ${pg ? 'jsonb' : 'text'} not null)`,
    )
    .execute(database.db);
  for (const index of [
    `create unique index ${table}_jap on ${table} (journey_id, account_id, pass)`,
    `create index ${table}_due on ${table} (due_at, id) where due_at is not null`,
    `create index ${table}_account_status on ${table} (account_id, status)`,
    `create index ${table}_journey_node_status on ${table} (journey_id, node_id, status)`,
  ]) {
    await sql.raw(index).execute(database.db);
  }
}

async function fillRawTable(database: Database, at: string): Promise<number> {
  const pg = database.dialect === 'postgres';
  const atValue = pg ? sql`cast(${at} as timestamptz)` : sql`${at}`;
  await sql`insert into ${sql.table(table)} (journey_id, account_id, pass, status, node_id, phase,
      due_at, entered_at, node_entered_at, state)
    select 'raw', id, 1, 'active', 'n0', 'run', ${atValue}, ${atValue}, ${atValue},
      ${sql.raw(pg ? `'{}'::jsonb` : `'{}'`)}
    from accounts order by id`.execute(database.db);
  if (pg) await sql.raw(`analyze ${table}`).execute(database.db);
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(
    database.db,
  );
  return Number(rows[0]?.n ?? 0);
}

interface NextRow {
  id: number;
  node: string;
  status: string;
  phase: string;
  due: string | null;
  ended: string | null;
  state: string;
}

/** The decision "in memory": the next node, or the end after the last step. */
function nextOf(row: { id: number; node_id: string }, steps: number, base: number, now: string) {
  const step = Number(row.node_id.slice(1)) + 1;
  const done = step >= steps;
  return {
    id: Number(row.id),
    node: `n${step}`,
    status: done ? 'completed' : 'active',
    phase: done ? 'done' : 'run',
    // A later due time per step keeps the order breadth-first, as a journey's timers do.
    due: done ? null : new Date(base + step).toISOString(),
    ended: done ? now : null,
    state: JSON.stringify({ step }),
  } satisfies NextRow;
}

async function writeBack(trx: Database['db'], pg: boolean, next: NextRow[], now: string) {
  if (pg) {
    await sql`update ${sql.table(table)} as t set node_id = v.node, status = v.status,
        phase = v.phase, due_at = v.due, ended_at = v.ended, node_entered_at = ${now},
        state = v.state
      from unnest(${next.map((r) => r.id)}::bigint[], ${next.map((r) => r.node)}::text[],
        ${next.map((r) => r.status)}::text[], ${next.map((r) => r.phase)}::text[],
        ${next.map((r) => r.due)}::timestamptz[], ${next.map((r) => r.ended)}::timestamptz[],
        ${next.map((r) => r.state)}::jsonb[]) as v(id, node, status, phase, due, ended, state)
      where t.id = v.id`.execute(trx);
    return;
  }
  const values = sql.join(
    next.map(
      (r) => sql`(${r.id}, ${r.node}, ${r.status}, ${r.phase}, ${r.due}, ${r.ended}, ${r.state})`,
    ),
  );
  await sql`with v(id, node, status, phase, due, ended, state) as (values ${values})
    update ${sql.table(table)} set node_id = v.node, status = v.status, phase = v.phase,
      due_at = v.due, ended_at = v.ended, node_entered_at = ${now}, state = v.state
    from v where ${sql.table(table)}.id = v.id`.execute(trx);
}

/** One claim + update transaction; answers how many rows it stepped (0 = nothing due). */
async function stepBatch(database: Database, steps: number, base: number): Promise<number> {
  const pg = database.dialect === 'postgres';
  const now = new Date(base + steps + 1).toISOString();
  return database.db.transaction().execute(async (trx) => {
    const lock = pg ? sql` for update skip locked` : sql``;
    const { rows } = await sql<{ id: number; node_id: string }>`select id, node_id
      from ${sql.table(table)} where due_at is not null and due_at <= ${now}
      order by due_at, id limit ${rawBatchSize}${lock}`.execute(trx);
    if (rows.length === 0) return 0;
    await writeBack(
      trx,
      pg,
      rows.map((row) => nextOf(row, steps, base, now)),
      now,
    );
    return rows.length;
  });
}

/** Builds the table from `accounts` (not timed), then times stepping every row `steps` times. */
export async function measureRawRate(
  database: Database,
  steps: number,
  start: Date,
): Promise<RawRate> {
  await createRawTable(database);
  const rows = await fillRawTable(database, start.toISOString());
  const base = start.getTime();
  let batches = 0;
  let stepped = 0;
  const began = performance.now();
  for (;;) {
    const n = await stepBatch(database, steps, base);
    if (n === 0) break;
    batches += 1;
    stepped += n;
  }
  const seconds = (performance.now() - began) / 1000;
  if (stepped !== rows * steps)
    throw new Error(`raw: stepped ${stepped}, expected ${rows * steps}`);
  await sql.raw(`drop table ${table}`).execute(database.db);
  return {
    rows,
    stepsPerRow: steps,
    batches,
    seconds: round(seconds, 2),
    rowStepsPerSecond: Math.round(stepped / seconds),
  };
}

export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

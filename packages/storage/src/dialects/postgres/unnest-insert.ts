/**
 * Multi-row INSERT on PostgreSQL with one array parameter per column:
 * `INSERT INTO t (a, b) SELECT * FROM unnest($1::text[], $2::bigint[])`. Whatever the row count,
 * the statement text is the same, so it is parsed and planned once per connection (see
 * `withNamedStatements`), binds n parameters instead of n × rows, and has no row limit.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../database.ts';

/** A column and its PostgreSQL element type (`text`, `bigint`, `timestamptz`, `jsonb`…). */
export type UnnestColumn = readonly [name: string, type: string];

/** The INSERT … SELECT FROM unnest(…) of `rows` (one array per column); `tail` may add ON CONFLICT. */
export function unnestInsert(
  table: string,
  columns: readonly UnnestColumn[],
  values: ReadonlyArray<readonly unknown[]>,
  tail: RawBuilder<unknown> = sql``,
): RawBuilder<unknown> {
  const names = sql.join(columns.map(([name]) => sql.id(name)));
  const arrays = sql.join(columns.map(([, type], i) => sql`${values[i]}::${sql.raw(type)}[]`));
  return sql`insert into ${sql.id(table)} (${names}) select * from unnest(${arrays}) ${tail}`;
}

/** Runs `unnestInsert`; answers the number of rows inserted (or updated by ON CONFLICT). */
export async function executeUnnestInsert(
  db: Db,
  table: string,
  columns: readonly UnnestColumn[],
  rows: ReadonlyArray<readonly unknown[]>,
  tail?: RawBuilder<unknown>,
): Promise<number> {
  if (rows.length === 0) return 0;
  const values = columns.map((_column, i) => rows.map((row) => row[i] ?? null));
  const result = await unnestInsert(table, columns, values, tail).execute(db);
  return Number(result.numAffectedRows ?? 0);
}

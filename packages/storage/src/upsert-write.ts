/**
 * The write step of the account and people upserts: one multi-row `INSERT … ON CONFLICT (id) DO
 * UPDATE` of the planned rows. On PostgreSQL with one array per column (`unnest`), which binds
 * one parameter per column instead of one per column and row and is planned once per connection.
 */
import { sql } from 'kysely';
import type { Db } from './database.ts';
import { isPostgresDb } from './dialects/postgres/is-postgres.ts';
import { executeUnnestInsert, type UnnestColumn } from './dialects/postgres/unnest-insert.ts';

export async function writeRowsById(
  db: Db,
  table: 'accounts' | 'people',
  /** Every column written, `id` first, with its PostgreSQL type. */
  columns: readonly UnnestColumn[],
  /** The columns an existing row takes from the new one. */
  updatedColumns: readonly string[],
  rows: ReadonlyArray<Record<string, unknown>>,
): Promise<void> {
  if (isPostgresDb(db)) {
    const sets = sql.join(updatedColumns.map((c) => sql`${sql.id(c)} = excluded.${sql.id(c)}`));
    const values = rows.map((row) => columns.map(([name]) => row[name]));
    await executeUnnestInsert(
      db,
      table,
      columns,
      values,
      sql`on conflict (id) do update set ${sets}`,
    );
    return;
  }
  await db
    .insertInto(table)
    .values(rows as never)
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet(
          Object.fromEntries(updatedColumns.map((c) => [c, sql.ref(`excluded.${c}`)])) as never,
        ),
    )
    .execute();
}

/** Names that are unique ignoring case (lists, audiences, content…), checked the same way everywhere. */
import { sql } from 'kysely';
import { err, ok, type Result } from '@caravan/core/result';
import type { Db } from './database.ts';

export type NamedTable =
  | 'account_lists'
  | 'audiences'
  | 'role_templates'
  | 'stage_models'
  | 'solution_interests'
  | 'emails'
  | 'sms_messages';

/** Whether a row of `table` other than `exceptId` has this name, ignoring case. */
export async function isNameTaken(
  db: Db,
  table: NamedTable,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  const except = exceptId === undefined ? sql`` : sql` and id <> ${exceptId}`;
  const { rows } = await sql<{ id: string }>`select id from ${sql.table(table)}
    where lower(name) = lower(${name})${except} limit 1`.execute(db);
  return rows.length > 0;
}

export interface NameTaken {
  code: 'NAME_TAKEN';
  message: string;
}

export function nameTaken(what: string, name: string): NameTaken {
  return { code: 'NAME_TAKEN', message: `${what} named "${name}" already exists.` };
}

export interface NotFound {
  code: 'NOT_FOUND';
  message: string;
}

export function notFound(what: string, id: string): NotFound {
  return { code: 'NOT_FOUND', message: `${what} ${id} does not exist.` };
}

/**
 * Runs an `INSERT … ON CONFLICT DO NOTHING` (DO NOTHING rather than catching, since a failed
 * statement would abort the caller's PostgreSQL transaction) and tells a taken name from a
 * repeated id, which is a caller bug and throws.
 */
export async function insertUnlessNameTaken(
  db: Db,
  table: NamedTable,
  what: string,
  row: { id: string; name: string },
  insert: () => Promise<{ numInsertedOrUpdatedRows?: bigint }>,
): Promise<Result<void, NameTaken>> {
  const result = await insert();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) > 0) return ok(undefined);
  if (await isNameTaken(db, table, row.name)) return err(nameTaken(what, row.name));
  throw new Error(`${what} with id ${row.id} already exists.`);
}

/**
 * Settling a sent group of outbox rows at once (the dispatcher's settlement,
 * `engine/outbox/settle-sent-group.ts`), beside the row-by-row `settleOutbox` it matches.
 */
import { sql } from 'kysely';
import { toTimestamp } from './column-types.ts';
import type { Db } from './database.ts';
import { isPostgresDb } from './dialects/postgres/is-postgres.ts';
import { settleOutbox } from './outbox.repository.ts';

/** A row this process holds and sent (`settleOutboxSent`). */
export interface SentRow {
  id: number;
  sentAt: Date;
  recipient?: string | undefined;
}

/**
 * Settles many sent rows at once, exactly as `settleOutbox` settles each with `status: 'sent'`
 * (only a row still `sending` is settled; a recipient given replaces the stored one); answers the
 * ids it settled. PostgreSQL: one `UPDATE … FROM unnest(…)` instead of a round trip per row;
 * SQLite (in-process, no round trips): one statement per row.
 */
export async function settleOutboxSent(db: Db, rows: readonly SentRow[]): Promise<Set<number>> {
  const settled = new Set<number>();
  if (rows.length === 0) return settled;
  if (!isPostgresDb(db)) {
    for (const row of rows) {
      const sent = { status: 'sent' as const, sentAt: row.sentAt };
      const settlement = row.recipient === undefined ? sent : { ...sent, recipient: row.recipient };
      if (await settleOutbox(db, row.id, settlement)) settled.add(row.id);
    }
    return settled;
  }
  const ids = rows.map((r) => r.id);
  const sentAts = rows.map((r) => toTimestamp(r.sentAt));
  const recipients = rows.map((r) => r.recipient ?? null);
  const result = await sql<{ id: number | string }>`
    update outbox set
      status = 'sent',
      sent_at = v.sent_at,
      next_attempt_at = null,
      last_error = null,
      lease_until = null,
      recipient = coalesce(v.recipient, outbox.recipient)
    from unnest(${ids}::bigint[], ${sentAts}::timestamptz[], ${recipients}::text[])
      as v(id, sent_at, recipient)
    where outbox.id = v.id and outbox.status = 'sending'
    returning outbox.id`.execute(db);
  for (const row of result.rows) settled.add(Number(row.id));
  return settled;
}

/**
 * Folder `audit/`: the audit log — who created, changed, published, closed, aborted or deleted a
 * journey, and who changed users, keys, limits and settings. Every command records its entry with
 * the transaction (`db`) it changes things in, so an entry exists exactly when the change does.
 * A layer-1 folder (next to `entry/`): it knows only the audit and actor tables, so that every
 * data and workflow folder may record.
 */
import { err, ok, type Result } from '@caravan/core/result';
import type { Clock } from '@caravan/core/clock';
import {
  findActor,
  insertAuditEntry,
  listAuditEntries,
  type AuditEntry,
  type AuditFilter,
} from '@caravan/storage/audit.repository';
import type { Database, Db } from '@caravan/storage/database';

export type { AuditEntry } from '@caravan/storage/audit.repository';

export interface AuditRecord {
  /** A user id or an API key id; null for the system. */
  actorId: string | null;
  action: string;
  entityType: 'journey' | 'user' | 'apiKey' | 'settings';
  entityId: string | null;
  entityName: string | null;
  before?: unknown;
  after?: unknown;
}

/** Writes one entry, naming the actor as they are called now. */
export async function recordAudit(db: Db, at: Date, record: AuditRecord): Promise<void> {
  const actor =
    record.actorId === null
      ? { id: null, name: 'System', kind: 'system' as const }
      : ((await findActor(db, record.actorId)) ?? {
          id: record.actorId,
          name: 'Unknown',
          kind: 'system' as const,
        });
  await insertAuditEntry(db, {
    at,
    actor,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId,
    entityName: record.entityName,
    ...(record.before === undefined ? {} : { before: record.before }),
    ...(record.after === undefined ? {} : { after: record.after }),
  });
}

export interface AuditQuery extends AuditFilter {
  limit?: number;
  cursor?: string;
}

export type AuditQueryError = { code: 'INVALID_CURSOR'; message: string };

/** A page of entries, newest first; the cursor is the id of the last entry of the page. */
export async function listAudit(
  deps: { database: Database; clock: Clock },
  q: AuditQuery,
): Promise<
  Result<{ items: AuditEntry[]; total: number; nextCursor: string | null }, AuditQueryError>
> {
  let beforeId: number | undefined;
  if (q.cursor !== undefined && q.cursor !== '') {
    beforeId = /^\d{1,15}$/.test(q.cursor) ? Number(q.cursor) : NaN;
    if (!Number.isSafeInteger(beforeId)) {
      return err({ code: 'INVALID_CURSOR', message: 'The cursor is malformed.' });
    }
  }
  const { limit: requested, cursor: _cursor, ...filter } = q;
  const limit = requested ?? 50;
  const page = await listAuditEntries(deps.database.db, {
    ...filter,
    ...(beforeId === undefined ? {} : { beforeId }),
    limit,
  });
  const last = page.items.at(-1);
  const nextCursor = page.items.length === limit && last ? String(last.id) : null;
  return ok({ ...page, nextCursor });
}

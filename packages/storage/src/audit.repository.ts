/**
 * The audit log: who changed what and when, written in the transaction of the change, read
 * newest first with filters. Actors and entities are copied by name so that the log outlives them.
 */
import { fromJson, fromTimestamp, toJson, toTimestamp } from './column-types.ts';
import type { Db } from './database.ts';
import type { AuditLogRow } from './admin.table.ts';

export type AuditActorKind = 'user' | 'apiKey' | 'system';

export interface AuditActor {
  id: string | null;
  name: string;
  kind: AuditActorKind;
}

export interface NewAuditEntry {
  at: Date;
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId: string | null;
  entityName: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId: string | null;
  entityName: string | null;
  before: unknown;
  after: unknown;
}

export async function insertAuditEntry(db: Db, entry: NewAuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: toTimestamp(entry.at),
      actor_id: entry.actor.id,
      actor_name: entry.actor.name,
      actor_kind: entry.actor.kind,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      entity_name: entry.entityName,
      before: entry.before === undefined ? null : toJson(entry.before),
      after: entry.after === undefined ? null : toJson(entry.after),
    })
    .execute();
}

/** Who an actor id names: a user, else an API key, else nobody we know. */
export async function findActor(db: Db, id: string): Promise<AuditActor | undefined> {
  const user = await db
    .selectFrom('users')
    .select(['name', 'email'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (user) return { id, name: user.name || user.email, kind: 'user' };
  const key = await db
    .selectFrom('api_keys')
    .select('name')
    .where('id', '=', id)
    .executeTakeFirst();
  return key ? { id, name: key.name, kind: 'apiKey' } : undefined;
}

function toAuditEntry(row: AuditLogRow): AuditEntry {
  return {
    id: Number(row.id),
    at: fromTimestamp(row.at),
    actor: {
      id: row.actor_id,
      name: row.actor_name,
      kind: row.actor_kind as AuditActorKind,
    },
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    entityName: row.entity_name,
    before: row.before === null ? null : fromJson(row.before),
    after: row.after === null ? null : fromJson(row.after),
  };
}

export interface AuditFilter {
  actorId?: string;
  entityType?: string;
  entityId?: string;
  /** An exact action (`journey.published`) or a prefix ending in a dot (`journey.`). */
  action?: string;
  from?: Date;
  to?: Date;
}

/** Newest first; `beforeId` continues after the last row of the previous page. */
export async function listAuditEntries(
  db: Db,
  q: AuditFilter & { beforeId?: number; limit: number },
): Promise<{ items: AuditEntry[]; total: number }> {
  let query = db.selectFrom('audit_log');
  if (q.actorId !== undefined) query = query.where('actor_id', '=', q.actorId);
  if (q.entityType !== undefined) query = query.where('entity_type', '=', q.entityType);
  if (q.entityId !== undefined) query = query.where('entity_id', '=', q.entityId);
  if (q.action !== undefined) {
    query = q.action.endsWith('.')
      ? query.where('action', 'like', `${q.action.replace(/[%_\\]/g, '')}%`)
      : query.where('action', '=', q.action);
  }
  if (q.from !== undefined) query = query.where('at', '>=', toTimestamp(q.from));
  if (q.to !== undefined) query = query.where('at', '<', toTimestamp(q.to));
  const { total } = await query
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  let page = query.selectAll();
  if (q.beforeId !== undefined) page = page.where('id', '<', q.beforeId);
  const rows = await page.orderBy('id', 'desc').limit(q.limit).execute();
  return { items: rows.map(toAuditEntry), total: Number(total) };
}

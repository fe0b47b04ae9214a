/** Emails (core `Email`): names unique ignoring case. Checks of the content live in core. */
import type { Email } from '@caravan/core/content/email';
import { err, ok, type Result } from '@caravan/core/result';
import { sql, type Expression, type SqlBool } from 'kysely';
import { toTimestamp } from './column-types.ts';
import type { EmailRow } from './content.table.ts';
import type { Db } from './database.ts';
import { likePattern } from './journey.query.ts';
import {
  insertUnlessNameTaken,
  isNameTaken,
  nameTaken,
  notFound,
  type NameTaken,
  type NotFound,
} from './unique-name.query.ts';

function toEmail(row: EmailRow): Email {
  return {
    id: row.id,
    name: row.name,
    subject: row.subject,
    fromName: row.from_name,
    fromEmail: row.from_email,
    replyTo: row.reply_to,
    preheader: row.preheader,
    html: row.html,
    text: row.text,
  };
}

function emailColumns(e: Partial<Omit<Email, 'id'>>) {
  return {
    ...(e.name !== undefined && { name: e.name }),
    ...(e.subject !== undefined && { subject: e.subject }),
    ...(e.fromName !== undefined && { from_name: e.fromName }),
    ...(e.fromEmail !== undefined && { from_email: e.fromEmail }),
    ...(e.replyTo !== undefined && { reply_to: e.replyTo }),
    ...(e.preheader !== undefined && { preheader: e.preheader }),
    ...(e.html !== undefined && { html: e.html }),
    ...(e.text !== undefined && { text: e.text }),
  };
}

export async function insertEmail(
  db: Db,
  e: Email & { now: Date },
): Promise<Result<Email, NameTaken>> {
  const at = toTimestamp(e.now);
  const inserted = await insertUnlessNameTaken(db, 'emails', 'An email', e, () =>
    db
      .insertInto('emails')
      .values({
        id: e.id,
        name: e.name,
        subject: e.subject,
        from_name: e.fromName,
        from_email: e.fromEmail,
        reply_to: e.replyTo,
        preheader: e.preheader,
        html: e.html,
        text: e.text,
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst(),
  );
  if (!inserted.ok) return inserted;
  const { now: _now, ...stored } = e;
  return ok(stored);
}

export async function findEmail(db: Db, id: string): Promise<Email | undefined> {
  const row = await db.selectFrom('emails').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toEmail(row);
}

export async function updateEmail(
  db: Db,
  id: string,
  patch: Partial<Omit<Email, 'id'>>,
  now: Date,
): Promise<Result<Email, NotFound | NameTaken>> {
  if (patch.name !== undefined && (await isNameTaken(db, 'emails', patch.name, id))) {
    return err(nameTaken('An email', patch.name));
  }
  const result = await db
    .updateTable('emails')
    .set({ ...emailColumns(patch), updated_at: toTimestamp(now) })
    .where('id', '=', id)
    .executeTakeFirst();
  const updated = result.numUpdatedRows > 0n ? await findEmail(db, id) : undefined;
  return updated === undefined ? err(notFound('Email', id)) : ok(updated);
}

export async function deleteEmail(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('emails').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** One page of emails by name, with the total matching a case-insensitive name search. */
export async function listEmails(
  db: Db,
  q: { search?: string; limit: number; offset: number },
): Promise<{ items: Email[]; total: number }> {
  const filters: Expression<SqlBool>[] = [];
  if (q.search !== undefined && q.search !== '') {
    filters.push(sql<SqlBool>`lower(name) like lower(${likePattern(q.search)}) escape '\\'`);
  }
  const rows = await db
    .selectFrom('emails')
    .selectAll()
    .where((eb) => eb.and(filters))
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const { total } = await db
    .selectFrom('emails')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where((eb) => eb.and(filters))
    .executeTakeFirstOrThrow();
  return { items: rows.map(toEmail), total: Number(total) };
}

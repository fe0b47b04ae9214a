/** The short links of sent SMS: written before the send, read when one is clicked. */
import type { Db } from './database.ts';

export interface SmsLink {
  code: string;
  outboxId: number;
  url: string;
}

export async function insertSmsLinks(db: Db, links: readonly SmsLink[], now: Date): Promise<void> {
  if (links.length === 0) return;
  await db
    .insertInto('sms_links')
    .values(
      links.map((link) => ({
        code: link.code,
        outbox_id: link.outboxId,
        url: link.url,
        created_at: now.toISOString(),
      })),
    )
    .execute();
}

/** The link of a code, with the message it was sent in (undefined: no such link). */
export async function findSmsLink(
  db: Db,
  code: string,
): Promise<
  | (SmsLink & {
      journeyId: string | null;
      nodeId: string | null;
      accountId: string | null;
      personId: string | null;
    })
  | undefined
> {
  const row = await db
    .selectFrom('sms_links')
    .innerJoin('outbox', 'outbox.id', 'sms_links.outbox_id')
    .select([
      'sms_links.code',
      'sms_links.outbox_id',
      'sms_links.url',
      'outbox.journey_id',
      'outbox.node_id',
      'outbox.account_id',
      'outbox.person_id',
    ])
    .where('sms_links.code', '=', code)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : {
        code: row.code,
        outboxId: Number(row.outbox_id),
        url: row.url,
        journeyId: row.journey_id,
        nodeId: row.node_id,
        accountId: row.account_id,
        personId: row.person_id,
      };
}

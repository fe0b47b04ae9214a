/**
 * Addresses that bounced hard or complained (issue 12): later emails to them are suppressed with
 * the reason EMAIL_UNDELIVERABLE. Kept by address, not by person: the address is what bounced.
 */
import type { Db } from './database.ts';

export type UndeliverableReason = 'hardBounce' | 'complaint';

export interface Undeliverable {
  address: string;
  reason: UndeliverableReason;
  source: string;
  detail: string | null;
  at: string;
}

/** Marks the address; a complaint outranks a bounce, otherwise the first reason stays. */
export async function markUndeliverable(db: Db, u: Undeliverable): Promise<void> {
  const address = u.address.trim().toLowerCase();
  const row = { address, reason: u.reason, source: u.source, detail: u.detail, at: u.at };
  if (u.reason === 'complaint') {
    await db
      .insertInto('email_undeliverable')
      .values(row)
      .onConflict((oc) =>
        oc
          .column('address')
          .doUpdateSet({ reason: 'complaint', source: u.source, detail: u.detail, at: u.at }),
      )
      .execute();
    return;
  }
  await db
    .insertInto('email_undeliverable')
    .values(row)
    .onConflict((oc) => oc.column('address').doNothing())
    .execute();
}

export async function findUndeliverable(
  db: Db,
  address: string,
): Promise<Undeliverable | undefined> {
  const row = await db
    .selectFrom('email_undeliverable')
    .selectAll()
    .where('address', '=', address.trim().toLowerCase())
    .executeTakeFirst();
  return row === undefined ? undefined : { ...row, reason: row.reason as UndeliverableReason };
}

/** The marked ones among `addresses`, by lower-case address: one statement for a whole batch. */
export async function findUndeliverableAddresses(
  db: Db,
  addresses: readonly string[],
): Promise<Map<string, Undeliverable>> {
  const wanted = [...new Set(addresses.map((a) => a.trim().toLowerCase()))];
  const found = new Map<string, Undeliverable>();
  if (wanted.length === 0) return found;
  const rows = await db
    .selectFrom('email_undeliverable')
    .selectAll()
    .where('address', 'in', wanted)
    .execute();
  for (const row of rows)
    found.set(row.address, { ...row, reason: row.reason as UndeliverableReason });
  return found;
}

/**
 * Lifts the mark of an address when it came from `source` (e.g. a refusal at send time, `smtp`);
 * marks from other sources (a provider's bounce, a complaint) stay. Answers whether one went.
 */
export async function liftUndeliverable(db: Db, address: string, source: string): Promise<boolean> {
  const result = await db
    .deleteFrom('email_undeliverable')
    .where('address', '=', address.trim().toLowerCase())
    .where('source', '=', source)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

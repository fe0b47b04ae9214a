/**
 * The accounts that currently satisfy an audience's condition. The engine evaluates the condition;
 * this stores the result — all at once (`replaceAudienceMembers`, set-based, for millions of
 * accounts) or one account at a time as changes arrive. Entries and exits are activities, and
 * `audiences.member_count` is kept in step in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { recordActivities } from './activity.repository.ts';
import { audienceEnteredType, audienceExitedType } from './audience.repository.ts';
import { toTimestamp } from './column-types.ts';
import type { Db } from './database.ts';
import type { Tables } from './tables.ts';
import { jsonValue, timestampValue } from './typed-value.ts';
import { withTransaction } from './with-transaction.ts';

function memberActivity(type: string, audienceId: string, accountId: string, now: Date) {
  return {
    id: randomUUID(),
    type,
    accountId,
    personId: null,
    occurredAt: now,
    receivedAt: now,
    messageId: null,
    properties: { audienceId },
  };
}

/** Adds one account; false when it already was a member (then nothing is written). */
export async function addAudienceMember(
  db: Db,
  audienceId: string,
  accountId: string,
  now: Date,
): Promise<boolean> {
  return withTransaction(db, async (trx) => {
    const inserted = await trx
      .insertInto('audience_members')
      .values({ audience_id: audienceId, account_id: accountId, entered_at: toTimestamp(now) })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    await trx
      .updateTable('audiences')
      .set((eb) => ({ member_count: eb('member_count', '+', 1) }))
      .where('id', '=', audienceId)
      .execute();
    await recordActivities(trx, [memberActivity(audienceEnteredType, audienceId, accountId, now)]);
    return true;
  });
}

/** Removes one account; false when it was not a member. */
export async function removeAudienceMember(
  db: Db,
  audienceId: string,
  accountId: string,
  now: Date,
): Promise<boolean> {
  return withTransaction(db, async (trx) => {
    const deleted = await trx
      .deleteFrom('audience_members')
      .where('audience_id', '=', audienceId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    if (deleted.numDeletedRows === 0n) return false;
    await trx
      .updateTable('audiences')
      .set((eb) => ({ member_count: eb('member_count', '-', 1) }))
      .where('id', '=', audienceId)
      .execute();
    await recordActivities(trx, [memberActivity(audienceExitedType, audienceId, accountId, now)]);
    return true;
  });
}

/** A WHERE over the `accounts` table (unaliased) that the qualifying accounts satisfy. */
export type AccountFilter = (eb: ExpressionBuilder<Tables, 'accounts'>) => Expression<SqlBool>;

/** Activities for every account `from` selects, with ids unique per (type, audience, instant, account). */
function membershipActivitiesSql(db: Db, type: string, audienceId: string, now: Date) {
  const prefix = `${type}:${audienceId}:${toTimestamp(now)}:`;
  return {
    id: (accountId: Expression<string>) => sql<string>`${prefix} || ${accountId}`,
    type: sql<string>`${type}`,
    at: timestampValue(db, now),
    properties: jsonValue(db, { audienceId }),
  };
}

const activityColumns = [
  'id',
  'type',
  'account_id',
  'person_id',
  'occurred_at',
  'received_at',
  'message_id',
  'properties',
] as const;

/** Records an exit for, then removes, every member no longer matching `filter`. */
async function removeLeavers(
  trx: Db,
  audienceId: string,
  filter: AccountFilter,
  now: Date,
): Promise<number> {
  const leaving = (eb: ExpressionBuilder<Tables, 'audience_members'>) =>
    eb.and([
      eb('audience_members.audience_id', '=', audienceId),
      eb.not(
        eb.exists(
          eb
            .selectFrom('accounts')
            .select(sql`1`.as('one'))
            .whereRef('accounts.id', '=', 'audience_members.account_id')
            // The filter speaks of `accounts`; inside this subquery that table is in scope.
            .where((inner) => filter(inner as unknown as ExpressionBuilder<Tables, 'accounts'>)),
        ),
      ),
    ]);
  const exit = membershipActivitiesSql(trx, audienceExitedType, audienceId, now);
  await trx
    .insertInto('activities')
    .columns(activityColumns)
    .expression(
      trx
        .selectFrom('audience_members')
        .select((eb) => [
          exit.id(eb.ref('audience_members.account_id')).as('id'),
          exit.type.as('type'),
          'audience_members.account_id',
          sql<null>`null`.as('person_id'),
          exit.at.as('occurred_at'),
          exit.at.as('received_at'),
          sql<null>`null`.as('message_id'),
          exit.properties.as('properties'),
        ])
        .where(leaving),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
  const exited = await trx.deleteFrom('audience_members').where(leaving).executeTakeFirst();
  return Number(exited.numDeletedRows);
}

/** Records an entry for, then adds, every account matching `filter` that is not a member yet. */
async function addEntrants(
  trx: Db,
  audienceId: string,
  filter: AccountFilter,
  now: Date,
): Promise<number> {
  const entering = (eb: ExpressionBuilder<Tables, 'accounts'>) =>
    eb.and([
      filter(eb),
      eb.not(
        eb.exists(
          eb
            .selectFrom('audience_members')
            .select(sql`1`.as('one'))
            .where('audience_members.audience_id', '=', audienceId)
            .whereRef('audience_members.account_id', '=', 'accounts.id'),
        ),
      ),
    ]);
  const entry = membershipActivitiesSql(trx, audienceEnteredType, audienceId, now);
  await trx
    .insertInto('activities')
    .columns(activityColumns)
    .expression(
      trx
        .selectFrom('accounts')
        .select((eb) => [
          entry.id(eb.ref('accounts.id')).as('id'),
          entry.type.as('type'),
          'accounts.id as account_id',
          sql<null>`null`.as('person_id'),
          entry.at.as('occurred_at'),
          entry.at.as('received_at'),
          sql<null>`null`.as('message_id'),
          entry.properties.as('properties'),
        ])
        .where(entering),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
  // SQLite needs the WHERE that `entering` provides to parse `INSERT … SELECT … ON CONFLICT`.
  const entered = await trx
    .insertInto('audience_members')
    .columns(['audience_id', 'account_id', 'entered_at'])
    .expression(
      trx
        .selectFrom('accounts')
        .select([
          sql<string>`${audienceId}`.as('audience_id'),
          'accounts.id as account_id',
          entry.at.as('entered_at'),
        ])
        .where(entering),
    )
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(entered.numInsertedOrUpdatedRows ?? 0);
}

/**
 * Makes the members exactly the accounts matching `filter`, set-based (a handful of statements
 * whatever the size): records exits and entries as activities, removes and adds members, stamps
 * `evaluatedAt` and the member count. Answers how many entered and exited and the new total.
 */
export async function replaceAudienceMembers(
  db: Db,
  audienceId: string,
  filter: AccountFilter,
  now: Date,
): Promise<{ entered: number; exited: number; total: number }> {
  return withTransaction(db, async (trx) => {
    const exited = await removeLeavers(trx, audienceId, filter, now);
    const entered = await addEntrants(trx, audienceId, filter, now);
    const { total } = await trx
      .selectFrom('audience_members')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .where('audience_id', '=', audienceId)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('audiences')
      .set({ member_count: Number(total), evaluated_at: toTimestamp(now) })
      .where('id', '=', audienceId)
      .execute();
    return { entered, exited, total: Number(total) };
  });
}

/** Whether the account is a member of the audience now. */
export async function isAudienceMember(
  db: Db,
  audienceId: string,
  accountId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('audience_members')
    .select('account_id')
    .where('audience_id', '=', audienceId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row !== undefined;
}

/** One page of the audience's account ids (in id order) and how many members it has. */
export async function listAudienceMembers(
  db: Db,
  audienceId: string,
  page: { limit: number; offset: number },
): Promise<{ accountIds: string[]; total: number }> {
  const rows = await db
    .selectFrom('audience_members')
    .select('account_id')
    .where('audience_id', '=', audienceId)
    .orderBy('account_id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const { total } = await db
    .selectFrom('audience_members')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where('audience_id', '=', audienceId)
    .executeTakeFirstOrThrow();
  return { accountIds: rows.map((r) => r.account_id), total: Number(total) };
}

/** The ids of every audience the account is in. */
export async function listAudienceIdsOf(db: Db, accountId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('audience_members')
    .select('audience_id')
    .where('account_id', '=', accountId)
    .orderBy('audience_id')
    .execute();
  return rows.map((r) => r.audience_id);
}

/** Which people work at which accounts, each with an optional role there. */
import type { Account } from '@caravan/core/b2b/account';
import type { AccountMembership } from '@caravan/core/b2b/account-membership';
import type { Person } from '@caravan/core/b2b/person';
import { err, ok, type Result } from '@caravan/core/result';
import { sql } from 'kysely';
import { toAccount } from './account.mapper.ts';
import { toTimestamp } from './column-types.ts';
import type { Db } from './database.ts';
import { toPerson } from './person.mapper.ts';
import type { NotFound } from './unique-name.query.ts';

/**
 * Links the person to the account, or changes the role of an existing link. NOT_FOUND when the
 * account or the person does not exist.
 */
export async function linkPerson(
  db: Db,
  m: AccountMembership & { now: Date },
): Promise<Result<AccountMembership, NotFound>> {
  const account = await db
    .selectFrom('accounts')
    .select('id')
    .where('id', '=', m.accountId)
    .executeTakeFirst();
  const person = await db
    .selectFrom('people')
    .select('id')
    .where('id', '=', m.personId)
    .executeTakeFirst();
  if (account === undefined || person === undefined) {
    const missing = account === undefined ? `Account ${m.accountId}` : `Person ${m.personId}`;
    return err({ code: 'NOT_FOUND', message: `${missing} does not exist.` });
  }
  await db
    .insertInto('account_memberships')
    .values({
      account_id: m.accountId,
      person_id: m.personId,
      role: m.role,
      created_at: toTimestamp(m.now),
    })
    .onConflict((oc) => oc.columns(['account_id', 'person_id']).doUpdateSet({ role: m.role }))
    .execute();
  return ok({ accountId: m.accountId, personId: m.personId, role: m.role });
}

/** Removes the link; false when there was none. */
export async function unlinkPerson(db: Db, accountId: string, personId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('account_memberships')
    .where('account_id', '=', accountId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The account's people with their role there (the shape of `AccountFacts.people`), by name. */
export async function listAccountPeople(
  db: Db,
  accountId: string,
): Promise<Array<Person & { role: string | null }>> {
  const rows = await db
    .selectFrom('account_memberships as m')
    .innerJoin('people as p', 'p.id', 'm.person_id')
    .selectAll('p')
    .select('m.role as membership_role')
    .where('m.account_id', '=', accountId)
    .orderBy(sql`lower(p.last_name)`, (ob) => ob.asc().nullsLast())
    .orderBy(sql`lower(p.first_name)`, (ob) => ob.asc().nullsLast())
    .orderBy('p.id')
    .execute();
  return rows.map(({ membership_role, ...row }) => ({ ...toPerson(row), role: membership_role }));
}

/** The accounts the person belongs to, with their role at each, by account name. */
export async function listPersonAccounts(
  db: Db,
  personId: string,
): Promise<Array<{ account: Account; role: string | null }>> {
  const rows = await db
    .selectFrom('account_memberships as m')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .selectAll('a')
    .select('m.role as membership_role')
    .where('m.person_id', '=', personId)
    .orderBy(sql`lower(a.name)`)
    .orderBy('a.id')
    .execute();
  return rows.map(({ membership_role, ...row }) => ({
    account: toAccount(row),
    role: membership_role,
  }));
}

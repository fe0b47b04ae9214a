/** Which people work at which accounts: link (with an optional role), unlink and both listings. */
import type { Account } from '@caravan/core/b2b/account';
import type { AccountMembership } from '@caravan/core/b2b/account-membership';
import type { Person } from '@caravan/core/b2b/person';
import { err, ok, type Result } from '@caravan/core/result';
import { findAccount } from '@caravan/storage/account.repository';
import {
  linkPerson as linkPersonRow,
  listAccountPeople as listAccountPeopleRows,
  listPersonAccounts as listPersonAccountRows,
  unlinkPerson as unlinkPersonRow,
} from '@caravan/storage/account-membership.repository';
import type { Db } from '@caravan/storage/database';
import { findPerson } from '@caravan/storage/person.repository';
import type { DataDeps } from './attribute-definitions.service.ts';
import { accountNotFound, personNotFound, type DataError } from './data-error.ts';
import { reevaluateAccount } from '../segments/membership-evaluation.ts';
import { inTransaction } from '../runtime/transaction.ts';

/** Links in `db`, or changes the role of an existing link. */
export async function linkPersonIn(
  db: Db,
  now: Date,
  m: AccountMembership,
): Promise<Result<AccountMembership, DataError>> {
  if (!(await findAccount(db, m.accountId))) return err(accountNotFound(m.accountId));
  if (!(await findPerson(db, m.personId))) return err(personNotFound(m.personId));
  const linked = await linkPersonRow(db, { ...m, now });
  // The checks above make NOT_FOUND a race with a delete; it answers as the account missing.
  if (!linked.ok) return err(accountNotFound(m.accountId));
  // Same transaction: person and role rules now see the new member.
  await reevaluateAccount(db, m.accountId, now);
  return linked;
}

export async function linkPerson(
  deps: DataDeps,
  m: AccountMembership,
): Promise<Result<AccountMembership, DataError>> {
  return inTransaction(deps.database, (trx) => linkPersonIn(trx, deps.clock.now(), m));
}

export async function unlinkPerson(
  deps: DataDeps,
  accountId: string,
  personId: string,
): Promise<Result<true, DataError>> {
  return inTransaction(deps.database, async (trx) => {
    if (await unlinkPersonRow(trx, accountId, personId)) {
      await reevaluateAccount(trx, accountId, deps.clock.now());
      return ok(true);
    }
    return err({
      code: 'MEMBERSHIP_NOT_FOUND',
      message: `Person ${personId} is not linked to account ${accountId}.`,
    });
  });
}

export async function accountPeople(
  deps: DataDeps,
  accountId: string,
): Promise<Result<Array<Person & { role: string | null }>, DataError>> {
  if (!(await findAccount(deps.database.db, accountId))) return err(accountNotFound(accountId));
  return ok(await listAccountPeopleRows(deps.database.db, accountId));
}

export async function personAccounts(
  deps: DataDeps,
  personId: string,
): Promise<Result<Array<{ account: Account; role: string | null }>, DataError>> {
  if (!(await findPerson(deps.database.db, personId))) return err(personNotFound(personId));
  return ok(await listPersonAccountRows(deps.database.db, personId));
}

/**
 * Linking imported people to their accounts in bulk: one query finds the accounts a batch names
 * (by external id, else domain ignoring case), one statement writes the memberships, and one
 * query reads the accounts of the batch's people (for re-evaluating their audiences).
 * These two queries belong in `@caravan/storage` (next to `linkPerson`, which costs three round
 * trips per person); they live here until storage grows batch versions.
 */
import type { Db } from '@caravan/storage/database';
import { toTimestamp } from '@caravan/storage/column-types';
import { sql } from 'kysely';
import type { AccountLink } from './csv-import-columns.ts';

export interface AccountIndex {
  byExternalId: Map<string, string>;
  byDomain: Map<string, string>;
}

/** The ids of the accounts the links name; the oldest account wins a shared domain. */
export async function findLinkedAccounts(
  db: Db,
  links: readonly AccountLink[],
): Promise<AccountIndex> {
  const externalIds = [...new Set(links.flatMap((l) => l.accountExternalId ?? []))];
  const domains = [...new Set(links.flatMap((l) => l.accountDomain?.toLowerCase() ?? []))];
  const index: AccountIndex = { byExternalId: new Map(), byDomain: new Map() };
  if (externalIds.length === 0 && domains.length === 0) return index;
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'external_id', sql<string | null>`lower(domain)`.as('domain')])
    .where((eb) =>
      eb.or([
        ...(externalIds.length > 0 ? [eb('external_id', 'in', externalIds)] : []),
        ...(domains.length > 0 ? [eb(sql`lower(domain)`, 'in', domains)] : []),
      ]),
    )
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const row of rows) {
    if (row.external_id !== null) index.byExternalId.set(row.external_id, row.id);
    if (row.domain !== null && !index.byDomain.has(row.domain)) {
      index.byDomain.set(row.domain, row.id);
    }
  }
  return index;
}

/** The account a link names, by external id first, else by domain; undefined when none. */
export function resolveLink(index: AccountIndex, link: AccountLink): string | undefined {
  if (link.accountExternalId !== undefined) {
    const byExternalId = index.byExternalId.get(link.accountExternalId);
    if (byExternalId !== undefined || link.accountDomain === undefined) return byExternalId;
  }
  return link.accountDomain === undefined
    ? undefined
    : index.byDomain.get(link.accountDomain.toLowerCase());
}

export interface NewMembership {
  accountId: string;
  personId: string;
  role: string | null;
}

/**
 * Writes the links; a row with a role sets it on an existing link, a row without one leaves an
 * existing link's role alone. The last row for the same pair wins.
 */
export async function insertMemberships(
  db: Db,
  memberships: readonly NewMembership[],
  now: Date,
): Promise<void> {
  const unique = new Map(memberships.map((m) => [`${m.accountId} ${m.personId}`, m]));
  const at = toTimestamp(now);
  const values = [...unique.values()].map((m) => ({
    account_id: m.accountId,
    person_id: m.personId,
    role: m.role,
    created_at: at,
  }));
  const withRole = values.filter((v) => v.role !== null);
  const withoutRole = values.filter((v) => v.role === null);
  if (withRole.length > 0) {
    await db
      .insertInto('account_memberships')
      .values(withRole)
      .onConflict((oc) =>
        oc
          .columns(['account_id', 'person_id'])
          .doUpdateSet((eb) => ({ role: eb.ref('excluded.role') })),
      )
      .execute();
  }
  if (withoutRole.length > 0) {
    await db
      .insertInto('account_memberships')
      .values(withoutRole)
      .onConflict((oc) => oc.columns(['account_id', 'person_id']).doNothing())
      .execute();
  }
}

/** The ids of every account the people are linked to, one query per 1,000 people. */
export async function accountIdsOfPeople(
  db: Db,
  personIds: readonly string[],
): Promise<Set<string>> {
  const accountIds = new Set<string>();
  for (let start = 0; start < personIds.length; start += 1000) {
    const rows = await db
      .selectFrom('account_memberships')
      .select('account_id')
      .distinct()
      .where('person_id', 'in', personIds.slice(start, start + 1000))
      .execute();
    for (const row of rows) accountIds.add(row.account_id);
  }
  return accountIds;
}

/**
 * The CSV import's write path for accounts: a batch of rows matched to stored accounts by external
 * id, else by domain, written with one multi-row `INSERT … ON CONFLICT (id) DO UPDATE`.
 */
import type { Account } from '@caravan/core/b2b/account';
import { sql } from 'kysely';
import { applyAccountChanges, attributeChangeActivities, diffAccount } from './account-change.ts';
import { accountColumns, toAccount } from './account.mapper.ts';
import { recordActivities, type NewActivity } from './activity.repository.ts';
import { toTimestamp } from './column-types.ts';
import type { Db } from './database.ts';
import { supportsRowLocks } from './dialects/postgres/row-lock.ts';
import { planUpserts, type UpsertRules } from './upsert-plan.ts';
import { withTransaction } from './with-transaction.ts';

/** `id` is used only when the row makes a new account; fields left out keep their stored value. */
export type AccountUpsert = { id: string; name: string } & Partial<Omit<Account, 'id' | 'name'>>;

export interface UpsertResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Per input row, the id of the account (or person) it landed in. */
  ids: string[];
}

/** Rows per statement: 12 parameters each stays below SQLite's 32,766 and PostgreSQL's 65,535. */
export const upsertBatchSize = 1000;

const emptyAccount = (id: string, name: string): Account => ({
  id,
  name,
  domain: null,
  industry: null,
  annualRevenue: null,
  employees: null,
  city: null,
  state: null,
  country: null,
  sicCode: null,
  externalId: null,
  attributes: {},
});

const accountRules: UpsertRules<Account, AccountUpsert> = {
  secondKey: (value) => value.domain?.toLowerCase() ?? null,
  // Two CRM accounts with their own external ids may share a domain: never merge them.
  maySecondKeyMatch: (row, candidate) =>
    (row.externalId ?? null) === null || candidate.externalId === null,
  merge: (before, { id, ...changes }) =>
    applyAccountChanges(before ?? emptyAccount(id, changes.name), changes),
};

/** The accounts a batch may match, each key through its own index (see people's candidates). */
async function loadCandidates(db: Db, rows: readonly AccountUpsert[]): Promise<Account[]> {
  const externalIds = rows.flatMap((r) => (r.externalId ? [r.externalId] : []));
  const domains = rows.flatMap((r) => (r.domain ? [r.domain.toLowerCase()] : []));
  if (externalIds.length === 0 && domains.length === 0) return [];
  const byExternalId = db
    .selectFrom('accounts')
    .select('id')
    .where('external_id', 'in', externalIds.length > 0 ? externalIds : ['']);
  const byDomain = db
    .selectFrom('accounts')
    .select('id')
    .where(sql`lower(domain)`, 'in', domains.length > 0 ? domains : ['']);
  const ids =
    externalIds.length === 0
      ? byDomain
      : domains.length === 0
        ? byExternalId
        : byExternalId.unionAll(byDomain);
  const found = await db
    .selectFrom('accounts')
    .selectAll()
    .where('id', 'in', ids)
    .orderBy('created_at')
    .orderBy('id')
    .$if(supportsRowLocks(db), (q) => q.forUpdate())
    .execute();
  return found.map(toAccount);
}

async function upsertChunk(db: Db, rows: readonly AccountUpsert[], now: Date) {
  const plan = planUpserts(await loadCandidates(db, rows), rows, accountRules);
  const at = toTimestamp(now);
  const writes: ReturnType<typeof accountColumns>[] = [];
  const activities: NewActivity[] = [];
  let inserted = 0;
  let updated = 0;
  for (const { before, after } of plan.records.values()) {
    if (before === undefined) {
      inserted += 1;
    } else {
      const changes = diffAccount(before, after);
      if (changes.length === 0) continue;
      updated += 1;
      activities.push(...attributeChangeActivities(after.id, changes, now));
    }
    writes.push(accountColumns(after));
  }
  if (writes.length > 0) {
    await db
      .insertInto('accounts')
      .values(writes.map((w) => ({ ...w, created_at: at, updated_at: at })))
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          domain: eb.ref('excluded.domain'),
          industry: eb.ref('excluded.industry'),
          annual_revenue: eb.ref('excluded.annual_revenue'),
          employees: eb.ref('excluded.employees'),
          city: eb.ref('excluded.city'),
          state: eb.ref('excluded.state'),
          country: eb.ref('excluded.country'),
          sic_code: eb.ref('excluded.sic_code'),
          external_id: eb.ref('excluded.external_id'),
          attributes: eb.ref('excluded.attributes'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
  await recordActivities(db, activities);
  const touched = new Set(plan.ids).size;
  return { inserted, updated, unchanged: touched - inserted - updated, ids: plan.ids };
}

/**
 * Inserts new accounts and updates matched ones (by external id, else by domain ignoring case;
 * a row with an external id only takes over an account by domain if that account has none).
 * Later rows of the batch see earlier ones. Changed attributes are recorded as activities, all in
 * one transaction. `unchanged` counts matched accounts the rows left as they were.
 */
export async function upsertAccounts(
  db: Db,
  rows: readonly AccountUpsert[],
  now: Date,
): Promise<UpsertResult> {
  return withTransaction(db, async (trx) => {
    const total: UpsertResult = { inserted: 0, updated: 0, unchanged: 0, ids: [] };
    for (let start = 0; start < rows.length; start += upsertBatchSize) {
      const chunk = await upsertChunk(trx, rows.slice(start, start + upsertBatchSize), now);
      total.inserted += chunk.inserted;
      total.updated += chunk.updated;
      total.unchanged += chunk.unchanged;
      total.ids.push(...chunk.ids);
    }
    return total;
  });
}

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
import type { UnnestColumn } from './dialects/postgres/unnest-insert.ts';
import { writeRowsById } from './upsert-write.ts';
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

const updatedColumns = [
  'name',
  'domain',
  'industry',
  'annual_revenue',
  'employees',
  'city',
  'state',
  'country',
  'sic_code',
  'external_id',
  'attributes',
  'updated_at',
] as const;

const columnTypes: Partial<Record<string, string>> = {
  annual_revenue: 'double precision',
  employees: 'integer',
  attributes: 'jsonb',
  updated_at: 'timestamptz',
  created_at: 'timestamptz',
};

const unnestColumns: readonly UnnestColumn[] = ['id', ...updatedColumns, 'created_at'].map(
  (name): UnnestColumn => [name, columnTypes[name] ?? 'text'],
);

/** One multi-row upsert of the planned rows (`writeRowsById`). */
function writeAccounts(
  db: Db,
  writes: ReadonlyArray<ReturnType<typeof accountColumns>>,
  at: string,
): Promise<void> {
  const rows = writes.map((w) => ({ ...w, created_at: at, updated_at: at }));
  return writeRowsById(db, 'accounts', unnestColumns, updatedColumns, rows);
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
  if (writes.length > 0) await writeAccounts(db, writes, at);
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

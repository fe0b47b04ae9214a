/**
 * The CSV import's write path for people: a batch of rows matched to stored people by external
 * id, else by email ignoring case, written with one multi-row `INSERT … ON CONFLICT (id) DO UPDATE`.
 */
import type { Person } from '@caravan/core/b2b/person';
import { sql } from 'kysely';
import { upsertBatchSize, type UpsertResult } from './account-upsert.repository.ts';
import { toTimestamp } from './column-types.ts';
import type { Db } from './database.ts';
import { supportsRowLocks } from './dialects/postgres/row-lock.ts';
import type { UnnestColumn } from './dialects/postgres/unnest-insert.ts';
import { writeRowsById } from './upsert-write.ts';
import { applyPersonChanges, personChanged, personColumns, toPerson } from './person.mapper.ts';
import { planUpserts, type UpsertRules } from './upsert-plan.ts';
import { withTransaction } from './with-transaction.ts';

/** `id` is used only when the row makes a new person; fields left out keep their stored value. */
export type PersonUpsert = { id: string } & Partial<Omit<Person, 'id'>>;

const emptyPerson = (id: string): Person => ({
  id,
  email: null,
  mobilePhone: null,
  firstName: null,
  lastName: null,
  jobTitle: null,
  city: null,
  country: null,
  emailConsent: 'optedIn',
  smsConsent: 'optedOut',
  externalId: null,
  attributes: {},
});

const personRules: UpsertRules<Person, PersonUpsert> = {
  secondKey: (value) => value.email?.toLowerCase() ?? null,
  // An email belongs to one person (unique index), so a row with that email is that person.
  maySecondKeyMatch: () => true,
  merge: (before, { id, ...changes }) => applyPersonChanges(before ?? emptyPerson(id), changes),
};

/**
 * The people a batch may match: each key is looked up through its own unique index (`id IN (…
 * UNION ALL …)`). One `external_id IN … OR lower(email) IN …` condition made PostgreSQL's planner
 * guess most of the table for the OR and scan all of it for every batch (an import of 100,000
 * people slowed to a twentieth of the raw insert rate); SQLite reads both indexes either way.
 */
async function loadCandidates(db: Db, rows: readonly PersonUpsert[]): Promise<Person[]> {
  const externalIds = rows.flatMap((r) => (r.externalId ? [r.externalId] : []));
  const emails = rows.flatMap((r) => (r.email ? [r.email.toLowerCase()] : []));
  if (externalIds.length === 0 && emails.length === 0) return [];
  const byExternalId = db
    .selectFrom('people')
    .select('id')
    .where('external_id', 'in', externalIds.length > 0 ? externalIds : ['']);
  // `email is not null` lets SQLite use the partial unique index on lower(email).
  const byEmail = db
    .selectFrom('people')
    .select('id')
    .where('email', 'is not', null)
    .where(sql`lower(email)`, 'in', emails.length > 0 ? emails : ['']);
  const ids =
    externalIds.length === 0
      ? byEmail
      : emails.length === 0
        ? byExternalId
        : byExternalId.unionAll(byEmail);
  const found = await db
    .selectFrom('people')
    .selectAll()
    .where('id', 'in', ids)
    .orderBy('created_at')
    .orderBy('id')
    .$if(supportsRowLocks(db), (q) => q.forUpdate())
    .execute();
  return found.map(toPerson);
}

const updatedColumns = [
  'email',
  'mobile_phone',
  'first_name',
  'last_name',
  'job_title',
  'city',
  'country',
  'email_consent',
  'sms_consent',
  'external_id',
  'attributes',
  'updated_at',
] as const;

const unnestColumns: readonly UnnestColumn[] = [
  ['id', 'text'],
  ...updatedColumns.map((name): UnnestColumn => {
    if (name === 'attributes') return [name, 'jsonb'];
    return [name, name === 'updated_at' ? 'timestamptz' : 'text'];
  }),
  ['created_at', 'timestamptz'],
];

/** One multi-row upsert of the planned rows (`writeRowsById`). */
function writePeople(
  db: Db,
  writes: ReadonlyArray<ReturnType<typeof personColumns>>,
  at: string,
): Promise<void> {
  const rows = writes.map((w) => ({ ...w, created_at: at, updated_at: at }));
  return writeRowsById(db, 'people', unnestColumns, updatedColumns, rows);
}

async function upsertChunk(
  db: Db,
  rows: readonly PersonUpsert[],
  now: Date,
): Promise<UpsertResult> {
  const plan = planUpserts(await loadCandidates(db, rows), rows, personRules);
  const at = toTimestamp(now);
  const writes: ReturnType<typeof personColumns>[] = [];
  let inserted = 0;
  let updated = 0;
  for (const { before, after } of plan.records.values()) {
    if (before !== undefined && !personChanged(before, after)) continue;
    if (before === undefined) inserted += 1;
    else updated += 1;
    writes.push(personColumns(after));
  }
  if (writes.length > 0) await writePeople(db, writes, at);
  const touched = new Set(plan.ids).size;
  return { inserted, updated, unchanged: touched - inserted - updated, ids: plan.ids };
}

/**
 * Inserts new people and updates matched ones (by external id, else by email ignoring case), in
 * one transaction; later rows of the batch see earlier ones.
 */
export async function upsertPeople(
  db: Db,
  rows: readonly PersonUpsert[],
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

/**
 * The benchmark's data, written set-based straight into the tables (not timed): N accounts over
 * three industries, two opted-in people each, one live audience holding every account, one
 * library email and one static list per split path. One `INSERT … SELECT` per table over
 * `generate_series` (PostgreSQL) or a recursive CTE (SQLite), so 1,000,000 accounts take seconds.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Database } from '@caravan/storage/database';

/** One split path per industry; `i % 3` spreads the accounts evenly over them. */
export const industries = ['Software', 'Manufacturing', 'Finance'] as const;

export const benchIds = {
  audience: 'bench-audience',
  email: 'bench-email',
  list: (industry: string) => `bench-list-${industry.toLowerCase()}`,
  /** Deterministic account ids, so the raw and graphile runs can name them too. */
  account: (i: number) => `a${String(i).padStart(8, '0')}`,
} as const;

export interface BenchDataset {
  accounts: number;
  people: number;
}

/** `FROM <n rows with column i>` in the database's own way. */
function numbers(database: Database, n: number): { cte: RawBuilder<unknown>; from: string } {
  return database.dialect === 'postgres'
    ? { cte: sql``, from: `generate_series(1, ${n}) as seq(i)` }
    : {
        cte: sql.raw(
          `with recursive seq(i) as (select 1 union all select i + 1 from seq where i < ${n}) `,
        ),
        from: 'seq',
      };
}

/** The same zero-padded id expression in both dialects (`a00000042`). */
function padded(database: Database, prefix: string): string {
  return database.dialect === 'postgres'
    ? `'${prefix}' || lpad(i::text, 8, '0')`
    : `'${prefix}' || printf('%08d', i)`;
}

/** A typed timestamp and empty-JSON value inside `INSERT … SELECT` (PostgreSQL needs the casts). */
function typedValues(database: Database, at: string) {
  return database.dialect === 'postgres'
    ? { at: sql`cast(${at} as timestamptz)`, json: sql.raw(`'{}'::jsonb`) }
    : { at: sql`${at}`, json: sql.raw(`'{}'`) };
}

async function seedAccountsAndPeople(database: Database, n: number, now: string): Promise<void> {
  const { db } = database;
  const { at, json } = typedValues(database, now);
  const seq = numbers(database, n);
  const accountId = padded(database, 'a');
  const industry = `case i % 3 ${industries.map((name, k) => `when ${k} then '${name}'`).join(' ')} end`;
  await sql`${seq.cte}insert into accounts (id, name, domain, industry, annual_revenue, employees,
      country, attributes, created_at, updated_at)
    select ${sql.raw(accountId)}, 'Account ' || i, 'a' || i || '.example', ${sql.raw(industry)},
      1000000 + i, 10 + i % 500, 'SE', ${json}, ${at}, ${at}
    from ${sql.raw(seq.from)}`.execute(db);
  for (const k of [1, 2]) {
    const personId = padded(database, `p${k}-`);
    await sql`${seq.cte}insert into people (id, email, first_name, last_name, email_consent,
        sms_consent, attributes, created_at, updated_at)
      select ${sql.raw(personId)}, 'p' || i || '-${sql.raw(String(k))}@bench.example', 'Pat', 'Person' || i,
        'optedIn', 'optedOut', ${json}, ${at}, ${at}
      from ${sql.raw(seq.from)}`.execute(db);
    await sql`${seq.cte}insert into account_memberships (account_id, person_id, role, created_at)
      select ${sql.raw(accountId)}, ${sql.raw(personId)}, null, ${at}
      from ${sql.raw(seq.from)}`.execute(db);
  }
}

async function seedAudienceEmailAndLists(database: Database, n: number, at: string) {
  const { db } = database;
  const condition = JSON.stringify({
    match: 'all',
    rules: [{ kind: 'account', attribute: 'country', operator: 'equals', value: 'SE' }],
  });
  await db
    .insertInto('audiences')
    .values({
      id: benchIds.audience,
      name: 'Bench: every account',
      description: '',
      condition,
      status: 'live',
      member_count: n,
      evaluated_at: at,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await sql`insert into audience_members (audience_id, account_id, entered_at)
    select ${benchIds.audience}, id, ${typedValues(database, at).at} from accounts`.execute(db);
  await db
    .insertInto('emails')
    .values({
      id: benchIds.email,
      name: 'Bench welcome',
      subject: 'Hello {{person.firstName}}',
      from_name: 'Bench',
      from_email: 'bench@caravan.example',
      reply_to: null,
      preheader: '',
      html: '<p>Hello {{person.firstName}} of {{account.name}}</p><a href="{{unsubscribe}}">Unsubscribe</a>',
      text: 'Hello {{person.firstName}} of {{account.name}}',
      created_at: at,
      updated_at: at,
    })
    .execute();
  await db
    .insertInto('account_lists')
    .values(
      industries.map((industry) => ({
        id: benchIds.list(industry),
        name: `Bench ${industry}`,
        description: '',
        kind: 'static',
        status: 'live',
        condition: null,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
}

/** Writes the dataset into an empty, migrated database. */
export async function seedBenchDataset(
  database: Database,
  n: number,
  now: Date,
): Promise<BenchDataset> {
  const at = now.toISOString();
  await seedAccountsAndPeople(database, n, at);
  await seedAudienceEmailAndLists(database, n, at);
  if (database.dialect === 'postgres') await sql`analyze`.execute(database.db);
  return { accounts: n, people: 2 * n };
}

/**
 * The B2B data (SPEC §5): accounts, people and their links, activities, event types, account
 * lists, audiences, buying groups and content. Frozen: never edit, add a migration.
 *
 * Sized for millions of accounts: every table the engine reads "by account" has an index that
 * starts with account_id, and member tables have their pk on (set, account) plus an index on
 * account_id so that both "members of X" and "what is this account in" are index scans.
 */
import { sql, type Kysely } from 'kysely';
import { columnTypes2026 } from './migration-dialect.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time, not typed against today's tables
type AnyDb = Kysely<any>;

async function createLowerUniqueIndex(db: AnyDb, table: string, column: string): Promise<void> {
  await db.schema
    .createIndex(`${table}_${column}_lower_unique`)
    .on(table)
    .unique()
    .expression(sql`lower(${sql.ref(column)})`)
    .execute();
}

async function createAccountsAndPeople(db: AnyDb): Promise<void> {
  const t = columnTypes2026(db);
  await db.schema
    .createTable('attribute_definitions')
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('attribute_definitions_pk', ['entity', 'name'])
    .execute();

  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('domain', 'text')
    .addColumn('industry', 'text')
    .addColumn('annual_revenue', 'double precision')
    .addColumn('employees', 'integer')
    .addColumn('city', 'text')
    .addColumn('state', 'text')
    .addColumn('country', 'text')
    .addColumn('sic_code', 'text')
    .addColumn('external_id', 'text', (c) => c.unique())
    .addColumn('attributes', t.json, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  for (const column of ['domain', 'name']) {
    await db.schema
      .createIndex(`accounts_${column}_lower`)
      .on('accounts')
      .expression(sql`lower(${sql.ref(column)})`)
      .execute();
  }
  await db.schema.createIndex('accounts_industry').on('accounts').column('industry').execute();

  await db.schema
    .createTable('people')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text')
    .addColumn('mobile_phone', 'text')
    .addColumn('first_name', 'text')
    .addColumn('last_name', 'text')
    .addColumn('job_title', 'text')
    .addColumn('city', 'text')
    .addColumn('country', 'text')
    .addColumn('email_consent', 'text', (c) => c.notNull())
    .addColumn('sms_consent', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.unique())
    .addColumn('attributes', t.json, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  // Same statement in both dialects; a partial unique index so that many people may have no email.
  await sql`create unique index people_email_lower_unique on people (lower(email)) where email is not null`.execute(
    db,
  );

  await db.schema
    .createTable('account_memberships')
    .addColumn('account_id', 'text', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('role', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('account_memberships_pk', ['account_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('account_memberships_person_id')
    .on('account_memberships')
    .column('person_id')
    .execute();
}

async function createActivities(db: AnyDb): Promise<void> {
  const t = columnTypes2026(db);
  await db.schema
    .createTable('activities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('person_id', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('occurred_at', t.timestamp, (c) => c.notNull())
    .addColumn('received_at', t.timestamp, (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.unique())
    .addColumn('properties', t.json, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('activities_account_type_occurred')
    .on('activities')
    .columns(['account_id', 'type', 'occurred_at'])
    .execute();
  await db.schema
    .createIndex('activities_person_type_occurred')
    .on('activities')
    .columns(['person_id', 'type', 'occurred_at'])
    .execute();

  await db.schema
    .createTable('event_types')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('fields', t.json, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
}

async function createListsAndAudiences(db: AnyDb): Promise<void> {
  const t = columnTypes2026(db);
  await db.schema
    .createTable('account_lists')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('condition', t.json)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await createLowerUniqueIndex(db, 'account_lists', 'name');
  await db.schema
    .createTable('account_list_members')
    .addColumn('list_id', 'text', (c) =>
      c.notNull().references('account_lists.id').onDelete('cascade'),
    )
    .addColumn('account_id', 'text', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('added_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('account_list_members_pk', ['list_id', 'account_id'])
    .execute();
  await db.schema
    .createIndex('account_list_members_account_id')
    .on('account_list_members')
    .column('account_id')
    .execute();

  await db.schema
    .createTable('audiences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('condition', t.json, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('member_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('evaluated_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await createLowerUniqueIndex(db, 'audiences', 'name');
  await db.schema
    .createTable('audience_members')
    .addColumn('audience_id', 'text', (c) =>
      c.notNull().references('audiences.id').onDelete('cascade'),
    )
    .addColumn('account_id', 'text', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('entered_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('audience_members_pk', ['audience_id', 'account_id'])
    .execute();
  await db.schema
    .createIndex('audience_members_account_id')
    .on('audience_members')
    .column('account_id')
    .execute();
}

async function createBuyingGroups(db: AnyDb): Promise<void> {
  const t = columnTypes2026(db);
  await db.schema
    .createTable('role_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('roles', t.json, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await createLowerUniqueIndex(db, 'role_templates', 'name');
  await db.schema
    .createTable('stage_models')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('stages', t.json, (c) => c.notNull())
    .addColumn('transitions', t.json, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await createLowerUniqueIndex(db, 'stage_models', 'name');
  await db.schema
    .createTable('solution_interests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('role_template_id', 'text', (c) => c.notNull().references('role_templates.id'))
    .addColumn('stage_model_id', 'text', (c) => c.notNull().references('stage_models.id'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await createLowerUniqueIndex(db, 'solution_interests', 'name');

  await db.schema
    .createTable('buying_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('solution_interest_id', 'text', (c) =>
      c.notNull().references('solution_interests.id').onDelete('cascade'),
    )
    .addColumn('account_id', 'text', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('status', 'text')
    .addColumn('completeness_score', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('engagement_score', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('buying_groups_interest_account_unique', [
      'solution_interest_id',
      'account_id',
    ])
    .execute();
  await db.schema
    .createIndex('buying_groups_account_id')
    .on('buying_groups')
    .column('account_id')
    .execute();
  await db.schema
    .createTable('buying_group_members')
    .addColumn('buying_group_id', 'text', (c) =>
      c.notNull().references('buying_groups.id').onDelete('cascade'),
    )
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('assigned_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('buying_group_members_pk', ['buying_group_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('buying_group_members_person_id')
    .on('buying_group_members')
    .column('person_id')
    .execute();
}

async function createContent(db: AnyDb): Promise<void> {
  const t = columnTypes2026(db);
  await db.schema
    .createTable('emails')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('from_name', 'text', (c) => c.notNull())
    .addColumn('from_email', 'text', (c) => c.notNull())
    .addColumn('reply_to', 'text')
    .addColumn('preheader', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await createLowerUniqueIndex(db, 'emails', 'name');
  await db.schema
    .createTable('sms_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await createLowerUniqueIndex(db, 'sms_messages', 'name');
}

export async function up(db: AnyDb): Promise<void> {
  await createAccountsAndPeople(db);
  await createActivities(db);
  await createListsAndAudiences(db);
  await createBuyingGroups(db);
  await createContent(db);
}

/** Children first, so that every foreign key is dropped before the table it points to. */
const tablesInDropOrder = [
  'sms_messages',
  'emails',
  'buying_group_members',
  'buying_groups',
  'solution_interests',
  'stage_models',
  'role_templates',
  'audience_members',
  'audiences',
  'account_list_members',
  'account_lists',
  'event_types',
  'activities',
  'account_memberships',
  'people',
  'accounts',
  'attribute_definitions',
];

export async function down(db: AnyDb): Promise<void> {
  for (const table of tablesInDropOrder) await db.schema.dropTable(table).execute();
}

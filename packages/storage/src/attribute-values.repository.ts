/**
 * The values an attribute takes in the data, most frequent first: what a condition's value input
 * suggests ("Industry is …" offers Software, Finance …). Standard fields are columns; custom ones
 * are read from the `attributes` JSON by the dialect. Searching folds case (A–Z) on the text form.
 */
import { sql, type Expression, type RawBuilder } from 'kysely';
import { conditionSqlDialect } from './conditions/condition.sql.ts';
import type { Db } from './database.ts';

export type ValueEntity = 'account' | 'person';

const standardColumns: Record<ValueEntity, Readonly<Record<string, string>>> = {
  account: {
    name: 'name',
    domain: 'domain',
    industry: 'industry',
    annualRevenue: 'annual_revenue',
    employees: 'employees',
    city: 'city',
    state: 'state',
    country: 'country',
    sicCode: 'sic_code',
    externalId: 'external_id',
  },
  person: {
    email: 'email',
    mobilePhone: 'mobile_phone',
    firstName: 'first_name',
    lastName: 'last_name',
    jobTitle: 'job_title',
    city: 'city',
    country: 'country',
    emailConsent: 'email_consent',
    smsConsent: 'sms_consent',
    externalId: 'external_id',
  },
};

export interface AttributeValueCount {
  value: string | number | boolean;
  count: number;
}

export interface AttributeValuesQuery {
  entity: ValueEntity;
  /** A standard field name (`industry`) or a custom attribute's name. */
  attribute: string;
  search?: string;
  limit: number;
}

export function isStandardAttribute(entity: ValueEntity, attribute: string): boolean {
  return Object.hasOwn(standardColumns[entity], attribute);
}

export async function distinctAttributeValues(
  db: Db,
  query: AttributeValuesQuery,
): Promise<AttributeValueCount[]> {
  const table = query.entity === 'account' ? 'accounts' : 'people';
  const dialect = conditionSqlDialect(db);
  const column = standardColumns[query.entity][query.attribute];
  let value: Expression<unknown>;
  let present: Expression<unknown> | RawBuilder<unknown>;
  if (column !== undefined) {
    value = sql.ref(`${table}.${column}`);
    present = sql`${value} is not null`;
  } else {
    const scalar = dialect.jsonScalar(sql.ref(`${table}.attributes`), query.attribute);
    value = scalar.text;
    present = scalar.present;
  }
  const search = query.search?.trim() ?? '';
  const matches =
    search === ''
      ? sql`1 = 1`
      : sql`${dialect.position(
          dialect.fold(sql<string>`cast(${value} as text)`),
          // Folded as the dialect folds the column: A–Z only.
          search.replace(/[A-Z]/g, (c) => c.toLowerCase()),
        )} > 0`;
  const rows = await db
    .selectFrom(table)
    .select([
      sql<string | number | boolean>`${value}`.as('value'),
      sql<number>`count(*)`.as('count'),
    ])
    .where(sql<boolean>`${present}`)
    .where(sql<boolean>`${matches}`)
    // By position: PostgreSQL would see the JSON key parameter of a custom attribute as a
    // different expression in GROUP BY than in the select list.
    .groupBy(sql`1`)
    .orderBy(sql`2`, 'desc')
    .orderBy(sql`1`)
    .limit(query.limit)
    .execute();
  return rows
    .filter((r) => r.value !== '')
    .map((r) => ({ value: r.value, count: Number(r.count) }));
}

/**
 * Conditions (SPEC §2, docs/conditions.md) compiled to one SQL predicate over `accounts`, so that
 * audiences and dynamic lists are evaluated set-based. It must agree with the in-memory reference,
 * core `evaluateForAccount`; `condition-agreement.property.test.ts` checks that on random
 * conditions and data, on SQLite and PostgreSQL.
 *
 * Custom attributes and event properties are JSON. Their type is read from the stored JSON value
 * (`json_type` / `jsonb_typeof`), not from `attribute_definitions`: the declaration decided that
 * type when the value was written (`validateAttributes` refuses anything else), so the two are the
 * same, and memory compares by the stored value's type too. Reading it from the value keeps SQL
 * and memory agreeing even for values written before a declaration was removed, and needs no
 * lookup before compiling.
 */
import type { accountStandardAttributes } from '@caravan/core/b2b/account';
import type { personStandardAttributes } from '@caravan/core/b2b/person';
import { foldCase } from '@caravan/core/conditions/compare';
import type { Condition, EventConstraint, Rule } from '@caravan/core/conditions/condition';
import { lookbackStart } from '@caravan/core/conditions/lookback';
import { assertNever, err, ok, type Result } from '@caravan/core/result';
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Db } from '../database.ts';
import { isPostgresDb } from '../dialects/postgres/is-postgres.ts';
import { postgresConditionSql } from '../dialects/postgres/condition-sql.ts';
import { sqliteConditionSql } from '../dialects/sqlite/condition-sql.ts';
import type { Tables } from '../tables.ts';
import {
  and,
  columnValue,
  jsonValue,
  not,
  operatorSql,
  or,
  sqlFalse,
  type ValueSql,
} from './condition-operator.sql.ts';
import { isSafeJsonKey, type ConditionSqlDialect } from './condition-sql-dialect.ts';

/** A WHERE over the `accounts` table, which must not be aliased (subqueries name it). */
export type AccountFilter = (eb: ExpressionBuilder<Tables, 'accounts'>) => Expression<SqlBool>;

/** A rule SQL cannot express; the caller evaluates the condition in memory instead. */
export interface NotCompilable {
  code: 'NOT_COMPILABLE';
  message: string;
  rule: Rule;
}

type Compiled = Result<Expression<SqlBool>, NotCompilable>;

interface Context {
  d: ConditionSqlDialect;
  now: Date;
}

const accountColumns: Record<
  (typeof accountStandardAttributes)[number],
  [string, 'text' | 'number']
> = {
  name: ['name', 'text'],
  domain: ['domain', 'text'],
  industry: ['industry', 'text'],
  annualRevenue: ['annual_revenue', 'number'],
  employees: ['employees', 'number'],
  city: ['city', 'text'],
  state: ['state', 'text'],
  country: ['country', 'text'],
  sicCode: ['sic_code', 'text'],
  externalId: ['external_id', 'text'],
};

const personColumns: Record<(typeof personStandardAttributes)[number], string> = {
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
};

function notCompilable(rule: Rule, why: string): Compiled {
  return err({ code: 'NOT_COMPILABLE', message: why, rule });
}

function unsafeKey(rule: Rule, key: string): Compiled {
  return notCompilable(
    rule,
    `"${key}" holds a double quote, backslash or control character, which a JSON path cannot name; evaluate in memory.`,
  );
}

/** A standard column of `table` (a fixed name from the maps above) or a custom attribute. */
function attributeValue(
  d: ConditionSqlDialect,
  table: 'accounts' | 'cp',
  column: [string, 'text' | 'number'] | undefined,
  attribute: string,
): ValueSql {
  if (column !== undefined) return columnValue(sql.ref(`${table}.${column[0]}`), column[1]);
  return jsonValue(d.jsonScalar(sql.ref(`${table}.attributes`), attribute));
}

function isOwn<K extends string>(map: Record<K, unknown>, name: string): name is K {
  return Object.hasOwn(map, name);
}

/** Some person of the account satisfies `test` (over `cm` = membership, `cp` = person). */
function somePerson(test: Expression<SqlBool>): Expression<SqlBool> {
  return sql<SqlBool>`exists (
    select 1 from account_memberships cm join people cp on cp.id = cm.person_id
    where cm.account_id = accounts.id and ${test})`;
}

function groupColumn(solutionInterestId: string, column: string): Expression<unknown> {
  return sql`(
    select ${sql.ref(`bg.${column}`)} from buying_groups bg
    where bg.account_id = accounts.id and bg.solution_interest_id = ${solutionInterestId})`;
}

function groupExists(solutionInterestId: string): Expression<SqlBool> {
  return sql<SqlBool>`exists (
    select 1 from buying_groups bg
    where bg.account_id = accounts.id and bg.solution_interest_id = ${solutionInterestId})`;
}

function buyingGroupRule(c: Context, rule: Extract<Rule, { kind: 'buyingGroup' }>): Compiled {
  const si = rule.solutionInterestId;
  const apply = (source: ValueSql) => ok(operatorSql(c.d, rule.operator, source, rule.value));
  switch (rule.attribute) {
    case 'exists':
      return apply({ present: groupExists(si), boolean: { value: sql<string>`'true'` } });
    case 'stage':
    case 'status':
      return apply(columnValue(groupColumn(si, rule.attribute), 'text'));
    case 'completenessScore':
      return apply(columnValue(groupColumn(si, 'completeness_score'), 'number'));
    case 'engagementScore':
      return apply(columnValue(groupColumn(si, 'engagement_score'), 'number'));
    case 'roleCount': {
      // docs/conditions.md: a roleCount without a role is incomplete and never matches.
      if (rule.role === undefined || rule.role === '') return ok(sqlFalse);
      const count = sql<number>`(
        select count(distinct bgm.person_id)
        from buying_groups bg join buying_group_members bgm on bgm.buying_group_id = bg.id
        where bg.account_id = accounts.id and bg.solution_interest_id = ${si}
          and ${c.d.fold(sql.ref('bgm.role'))} = ${foldCase(rule.role)})`;
      return apply({ present: groupExists(si), number: { value: count } });
    }
    case 'memberRole': {
      const role = sql<string>`(
        select bgm.role
        from buying_groups bg join buying_group_members bgm on bgm.buying_group_id = bg.id
        where bg.account_id = accounts.id and bg.solution_interest_id = ${si}
          and bgm.person_id = cm.person_id)`;
      return ok(somePerson(operatorSql(c.d, rule.operator, columnValue(role, 'text'), rule.value)));
    }
    default:
      return assertNever(rule.attribute);
  }
}

function constraintSql(c: Context, constraint: EventConstraint): Expression<SqlBool> {
  const value = jsonValue(c.d.jsonScalar(sql.ref('ev.properties'), constraint.field));
  const equalsOne = operatorSql(c.d, 'in', value, constraint.values);
  return constraint.operator === 'is' ? equalsOne : not(equalsOne);
}

function eventHistoryRule(c: Context, rule: Extract<Rule, { kind: 'eventHistory' }>): Compiled {
  const unsafe = rule.constraints.find((constraint) => !isSafeJsonKey(constraint.field));
  if (unsafe !== undefined) return unsafeKey(rule, unsafe.field);
  const window: Expression<SqlBool>[] = [sql`ev.occurred_at <= ${c.d.timestamp(c.now)}`];
  if (rule.lookback !== undefined) {
    window.push(sql`ev.occurred_at >= ${c.d.timestamp(lookbackStart(rule.lookback, c.now))}`);
  }
  const filters = and([...window, ...rule.constraints.map((x) => constraintSql(c, x))]);
  const count = sql<number>`(
    select count(*) from activities ev
    where ev.account_id = accounts.id and ev.type = ${rule.eventType} and ${filters})`;
  const did = sql<SqlBool>`${count} >= ${c.d.number(rule.minCount)}`;
  return ok(rule.didNotDo ? not(did) : did);
}

function ruleSql(c: Context, rule: Rule): Compiled {
  switch (rule.kind) {
    case 'account': {
      const column = isOwn(accountColumns, rule.attribute)
        ? accountColumns[rule.attribute]
        : undefined;
      if (column === undefined && !isSafeJsonKey(rule.attribute))
        return unsafeKey(rule, rule.attribute);
      const value = attributeValue(c.d, 'accounts', column, rule.attribute);
      return ok(operatorSql(c.d, rule.operator, value, rule.value));
    }
    case 'person': {
      const name = isOwn(personColumns, rule.attribute) ? personColumns[rule.attribute] : undefined;
      if (name === undefined && !isSafeJsonKey(rule.attribute))
        return unsafeKey(rule, rule.attribute);
      const column: [string, 'text'] | undefined = name === undefined ? undefined : [name, 'text'];
      const value = attributeValue(c.d, 'cp', column, rule.attribute);
      return ok(somePerson(operatorSql(c.d, rule.operator, value, rule.value)));
    }
    case 'role':
      return ok(
        somePerson(
          operatorSql(c.d, rule.operator, columnValue(sql.ref('cm.role'), 'text'), rule.value),
        ),
      );
    case 'buyingGroup':
      return buyingGroupRule(c, rule);
    case 'listMembership': {
      const member = sql<SqlBool>`exists (
        select 1 from account_list_members lm
        where lm.account_id = accounts.id and lm.list_id = ${rule.listId})`;
      return ok(rule.isMember ? member : not(member));
    }
    case 'eventHistory':
      return eventHistoryRule(c, rule);
    default:
      return assertNever(rule);
  }
}

export function conditionSqlDialect(db: Db): ConditionSqlDialect {
  return isPostgresDb(db) ? postgresConditionSql : sqliteConditionSql;
}

/**
 * The condition as a WHERE over `accounts` (`db.selectFrom('accounts').where(filter)`), or
 * NOT_COMPILABLE naming the first rule SQL cannot express: today only a custom attribute or event
 * property name with a double quote, backslash or control character (see `isSafeJsonKey`).
 */
export function compileAccountCondition(
  db: Db,
  condition: Condition,
  now: Date,
): Result<AccountFilter, NotCompilable> {
  const c: Context = { d: conditionSqlDialect(db), now };
  const parts: Expression<SqlBool>[] = [];
  for (const rule of condition.rules) {
    const compiled = ruleSql(c, rule);
    if (!compiled.ok) return compiled;
    parts.push(compiled.value);
  }
  // `all` of none holds, `any` of none does not: exactly what and([]) / or([]) answer.
  const predicate = condition.match === 'all' ? and(parts) : or(parts);
  return ok(() => predicate);
}

/** The ids (ascending) of the accounts matching the condition, at most `limit` of them. */
export async function selectMatchingAccountIds(
  db: Db,
  condition: Condition,
  now: Date,
  options: { limit?: number } = {},
): Promise<Result<string[], NotCompilable>> {
  const compiled = compileAccountCondition(db, condition, now);
  if (!compiled.ok) return compiled;
  let query = db.selectFrom('accounts').select('id').where(compiled.value).orderBy('id');
  if (options.limit !== undefined) query = query.limit(options.limit);
  const rows = await query.execute();
  return ok(rows.map((row) => row.id));
}

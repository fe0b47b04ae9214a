/** The journey SELECT shared by every read, and the pieces of `listJourneys`' WHERE and ORDER BY. */
import { sql, type Expression, type SqlBool } from 'kysely';
import { journeyStatusOrder, type JourneyStatus } from '@caravan/core/journey/status';
import type { Db } from './database.ts';

/** Journeys with the names and emails of whoever created, updated and published them. */
export function selectJourneys(db: Db) {
  return db
    .selectFrom('journeys')
    .leftJoin('users as cu', 'cu.id', 'journeys.created_by')
    .leftJoin('api_keys as ck', 'ck.id', 'journeys.created_by')
    .leftJoin('users as uu', 'uu.id', 'journeys.updated_by')
    .leftJoin('api_keys as uk', 'uk.id', 'journeys.updated_by')
    .leftJoin('users as pu', 'pu.id', 'journeys.published_by')
    .leftJoin('api_keys as pk', 'pk.id', 'journeys.published_by')
    .selectAll('journeys')
    .select((eb) => [
      eb.fn.coalesce('cu.name', 'ck.name').as('created_by_name'),
      'cu.email as created_by_email',
      eb.fn.coalesce('uu.name', 'uk.name').as('updated_by_name'),
      'uu.email as updated_by_email',
      eb.fn.coalesce('pu.name', 'pk.name').as('published_by_name'),
      'pu.email as published_by_email',
    ]);
}

export type JourneyRecord = NonNullable<
  Awaited<ReturnType<ReturnType<typeof selectJourneys>['executeTakeFirst']>>
>;

/** `%`, `_` and the escape character itself match literally in a search. */
export function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The WHERE of a journey list; an empty `statuses` filters nothing (same as absent). */
export function journeyFilters(filter: {
  search?: string;
  statuses?: readonly JourneyStatus[];
}): Expression<SqlBool>[] {
  const filters: Expression<SqlBool>[] = [];
  if (filter.search !== undefined && filter.search !== '') {
    // lower() on both sides so that both dialects fold case the same way.
    filters.push(
      sql<SqlBool>`lower(journeys.name) like lower(${likePattern(filter.search)}) escape '\\'`,
    );
  }
  if (filter.statuses !== undefined && filter.statuses.length > 0) {
    filters.push(sql<SqlBool>`journeys.status in (${sql.join([...filter.statuses])})`);
  }
  return filters;
}

/** Sorts statuses in lifecycle order (draft first) rather than alphabetically. */
export const statusRank: Expression<number> = sql<number>`case journeys.status ${sql.join(
  journeyStatusOrder.map((status, rank) => sql`when ${sql.lit(status)} then ${sql.lit(rank)}`),
  sql` `,
)} end`;

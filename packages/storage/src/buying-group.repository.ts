/**
 * Buying groups (core `BuyingGroup`), one per (solution interest, account), with their members.
 * Who may replace whom and the scores are decided in core (`role-assignment.ts`,
 * `completenessScore`, `engagementScore`); this stores the outcome.
 */
import type { BuyingGroup, BuyingGroupMember } from '@caravan/core/b2b/buying-group';
import { err, ok, type Result } from '@caravan/core/result';
import { toTimestamp } from './column-types.ts';
import type { Db } from './database.ts';
import { toBuyingGroup, type MemberRow } from './buying-group.mapper.ts';
import type { BuyingGroupRow } from './buying-group.table.ts';
import { notFound, type NotFound } from './unique-name.query.ts';
import { withTransaction } from './with-transaction.ts';

export interface BuyingGroupExists {
  code: 'BUYING_GROUP_EXISTS';
  message: string;
}

export type NewBuyingGroup = Omit<BuyingGroup, 'members'> & { now: Date };

/** Groups with their members, in the order of `rows`; one query for all members. */
async function withMembers(db: Db, rows: readonly BuyingGroupRow[]): Promise<BuyingGroup[]> {
  if (rows.length === 0) return [];
  const members = await db
    .selectFrom('buying_group_members')
    .select(['buying_group_id', 'person_id', 'role', 'source'])
    .where(
      'buying_group_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('assigned_at')
    .orderBy('person_id')
    .execute();
  const byGroup = new Map<string, MemberRow[]>();
  for (const m of members)
    byGroup.set(m.buying_group_id, [...(byGroup.get(m.buying_group_id) ?? []), m]);
  return rows.map((row) => toBuyingGroup(row, byGroup.get(row.id) ?? []));
}

/**
 * Creates an empty group. BUYING_GROUP_EXISTS when the account already has one for the interest;
 * NOT_FOUND when the interest or the account does not exist.
 */
export async function insertBuyingGroup(
  db: Db,
  g: NewBuyingGroup,
): Promise<Result<BuyingGroup, BuyingGroupExists | NotFound>> {
  const interest = await db
    .selectFrom('solution_interests')
    .select('id')
    .where('id', '=', g.solutionInterestId)
    .executeTakeFirst();
  if (interest === undefined) return err(notFound('Solution interest', g.solutionInterestId));
  const account = await db
    .selectFrom('accounts')
    .select('id')
    .where('id', '=', g.accountId)
    .executeTakeFirst();
  if (account === undefined) return err(notFound('Account', g.accountId));
  const at = toTimestamp(g.now);
  const inserted = await db
    .insertInto('buying_groups')
    .values({
      id: g.id,
      solution_interest_id: g.solutionInterestId,
      account_id: g.accountId,
      stage: g.stage,
      status: g.status,
      completeness_score: g.completenessScore,
      engagement_score: g.engagementScore,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
    if ((await findBuyingGroupFor(db, g.solutionInterestId, g.accountId)) !== undefined) {
      return err({
        code: 'BUYING_GROUP_EXISTS',
        message: `Account ${g.accountId} already has a buying group for solution interest ${g.solutionInterestId}.`,
      });
    }
    throw new Error(`A buying group with id ${g.id} already exists.`);
  }
  const { now: _now, ...stored } = g;
  return ok({ ...stored, members: [] });
}

export async function findBuyingGroup(db: Db, id: string): Promise<BuyingGroup | undefined> {
  const row = await db
    .selectFrom('buying_groups')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : (await withMembers(db, [row]))[0];
}

/** The account's group for the solution interest, if it has one. */
export async function findBuyingGroupFor(
  db: Db,
  solutionInterestId: string,
  accountId: string,
): Promise<BuyingGroup | undefined> {
  const row = await db
    .selectFrom('buying_groups')
    .selectAll()
    .where('solution_interest_id', '=', solutionInterestId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row === undefined ? undefined : (await withMembers(db, [row]))[0];
}

/** Which of these accounts have a buying group (one query for a batch's accounts). */
export async function findAccountsWithBuyingGroups(
  db: Db,
  accountIds: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  const unique = [...new Set(accountIds)];
  for (let start = 0; start < unique.length; start += 500) {
    const rows = await db
      .selectFrom('buying_groups')
      .select('account_id')
      .distinct()
      .where('account_id', 'in', unique.slice(start, start + 500))
      .execute();
    for (const row of rows) found.add(row.account_id);
  }
  return found;
}

/** Every group of the account (`AccountFacts.buyingGroups`), oldest first. */
export async function listAccountBuyingGroups(db: Db, accountId: string): Promise<BuyingGroup[]> {
  const rows = await db
    .selectFrom('buying_groups')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return withMembers(db, rows);
}

/** One page of groups (of one interest, or all), oldest first, with the total. */
export async function listBuyingGroups(
  db: Db,
  q: { solutionInterestId?: string; limit: number; offset: number },
): Promise<{ items: BuyingGroup[]; total: number }> {
  let rows = db.selectFrom('buying_groups');
  if (q.solutionInterestId !== undefined)
    rows = rows.where('solution_interest_id', '=', q.solutionInterestId);
  const page = await rows
    .selectAll()
    .orderBy('created_at')
    .orderBy('id')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const { total } = await rows
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return { items: await withMembers(db, page), total: Number(total) };
}

export interface BuyingGroupPatch {
  stage?: string;
  status?: string | null;
  completenessScore?: number;
  engagementScore?: number;
}

export async function updateBuyingGroup(
  db: Db,
  id: string,
  patch: BuyingGroupPatch,
  now: Date,
): Promise<Result<BuyingGroup, NotFound>> {
  const result = await db
    .updateTable('buying_groups')
    .set({
      ...(patch.stage !== undefined && { stage: patch.stage }),
      ...(patch.status !== undefined && { status: patch.status }),
      ...(patch.completenessScore !== undefined && { completeness_score: patch.completenessScore }),
      ...(patch.engagementScore !== undefined && { engagement_score: patch.engagementScore }),
      updated_at: toTimestamp(now),
    })
    .where('id', '=', id)
    .executeTakeFirst();
  const updated = result.numUpdatedRows > 0n ? await findBuyingGroup(db, id) : undefined;
  return updated === undefined ? err(notFound('Buying group', id)) : ok(updated);
}

/**
 * Replaces the group's members with `members` (as decided by core's role assignment) and stores
 * the completeness score computed for them, in one transaction. Members that stay keep their
 * assignment time.
 */
export async function replaceBuyingGroupMembers(
  db: Db,
  id: string,
  members: readonly BuyingGroupMember[],
  completenessScore: number,
  now: Date,
): Promise<Result<BuyingGroup, NotFound>> {
  return withTransaction(db, async (trx) => {
    const touched = await trx
      .updateTable('buying_groups')
      .set({ completeness_score: completenessScore, updated_at: toTimestamp(now) })
      .where('id', '=', id)
      .executeTakeFirst();
    if (touched.numUpdatedRows === 0n) return err(notFound('Buying group', id));
    const keep = members.map((m) => m.personId);
    let removal = trx.deleteFrom('buying_group_members').where('buying_group_id', '=', id);
    if (keep.length > 0) removal = removal.where('person_id', 'not in', keep);
    await removal.execute();
    if (members.length > 0) {
      await trx
        .insertInto('buying_group_members')
        .values(
          members.map((m) => ({
            buying_group_id: id,
            person_id: m.personId,
            role: m.role,
            source: m.source,
            assigned_at: toTimestamp(now),
          })),
        )
        .onConflict((oc) =>
          oc.columns(['buying_group_id', 'person_id']).doUpdateSet((eb) => ({
            role: eb.ref('excluded.role'),
            source: eb.ref('excluded.source'),
          })),
        )
        .execute();
    }
    const group = await findBuyingGroup(trx, id);
    if (group === undefined) throw new Error(`Buying group ${id} vanished while being written.`);
    return ok(group);
  });
}

/** The ids of the groups the person is a member of. */
export async function listPersonBuyingGroupIds(db: Db, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('buying_group_members')
    .select('buying_group_id')
    .where('person_id', '=', personId)
    .orderBy('buying_group_id')
    .execute();
  return rows.map((r) => r.buying_group_id);
}

/** Deletes the group and its members; false when there was none. */
export async function deleteBuyingGroup(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('buying_groups').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

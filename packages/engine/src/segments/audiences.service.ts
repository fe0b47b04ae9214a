/**
 * Account audiences: rule-based segments in the condition language. Creating one, or changing its
 * condition, evaluates it in full at once; afterwards `reevaluateAccount` keeps it current as
 * accounts change. An audience that a non-draft journey enrols from cannot be deleted.
 */
import type { Account } from '@caravan/core/b2b/account';
import type { Condition } from '@caravan/core/conditions/condition';
import { err, ok, type Result } from '@caravan/core/result';
import { findAccount } from '@caravan/storage/account.repository';
import { listAudienceMembers } from '@caravan/storage/audience-members.repository';
import {
  deleteAudience as deleteAudienceRow,
  findAudience,
  insertAudience,
  listAudiences as listAudienceRows,
  updateAudience,
  type Audience,
  type AudienceStatus,
} from '@caravan/storage/audience.repository';
import type { Db } from '@caravan/storage/database';
import type { Page, ListQuery } from '../data/accounts.service.ts';
import type { DataDeps } from '../data/attribute-definitions.service.ts';
import {
  evaluateAudienceInFull,
  matchingAccountIds,
  type FullEvaluation,
  type Progress,
} from './membership-evaluation.ts';
import { findJourneyUsages } from '../data/journey-usages.ts';
import { pagedSearch } from '../data/page-cursor.ts';
import { inTransaction } from '../runtime/transaction.ts';

export type SegmentErrorCode =
  | 'AUDIENCE_NOT_FOUND'
  | 'AUDIENCE_NAME_TAKEN'
  | 'AUDIENCE_IN_USE'
  | 'ACCOUNT_LIST_NOT_FOUND'
  | 'LIST_NAME_TAKEN'
  | 'LIST_IN_USE'
  | 'LIST_NOT_STATIC'
  | 'LIST_MEMBERS_UNKNOWN'
  | 'INVALID_CURSOR';

/** Expected failures of audiences and account lists; every code is in the server's catalogue. */
export interface SegmentError {
  code: SegmentErrorCode;
  message: string;
  details?: unknown;
}

function audienceNotFound(id: string): SegmentError {
  return { code: 'AUDIENCE_NOT_FOUND', message: `No audience has the id ${id}.` };
}

export interface AudienceInput {
  name: string;
  description?: string;
  condition: Condition;
  status?: AudienceStatus;
}

export type AudiencePatchInput = Partial<AudienceInput>;

/** One page of accounts, in id order, from a paged id listing. */
export async function accountPage(
  db: Db,
  query: Omit<ListQuery, 'search'>,
  load: (page: {
    limit: number;
    offset: number;
  }) => Promise<{ accountIds: string[]; total: number }>,
): Promise<Result<Page<Account>, SegmentError>> {
  return pagedSearch<Account>(query, async ({ limit, offset }) => {
    const { accountIds, total } = await load({ limit, offset });
    const accounts = await Promise.all(accountIds.map((id) => findAccount(db, id)));
    return { items: accounts.filter((a): a is Account => a !== undefined), total };
  });
}

export async function listAudiences(
  deps: DataDeps,
  query: ListQuery,
): Promise<Result<Page<Audience>, SegmentError>> {
  return pagedSearch(query, (q) => listAudienceRows(deps.database.db, q));
}

export async function getAudience(
  deps: DataDeps,
  id: string,
): Promise<Result<Audience, SegmentError>> {
  const audience = await findAudience(deps.database.db, id);
  return audience ? ok(audience) : err(audienceNotFound(id));
}

export async function createAudience(
  deps: DataDeps,
  input: AudienceInput,
): Promise<Result<Audience, SegmentError>> {
  const now = deps.clock.now();
  return inTransaction(deps.database, async (trx) => {
    const inserted = await insertAudience(trx, {
      id: crypto.randomUUID(),
      name: input.name,
      description: input.description ?? '',
      condition: input.condition,
      status: input.status ?? 'live',
      now,
    });
    if (!inserted.ok) return err({ code: 'AUDIENCE_NAME_TAKEN', message: inserted.error.message });
    await evaluateAudienceInFull(trx, inserted.value, now);
    const evaluated = await findAudience(trx, inserted.value.id);
    return evaluated ? ok(evaluated) : err(audienceNotFound(inserted.value.id));
  });
}

export async function patchAudience(
  deps: DataDeps,
  id: string,
  patch: AudiencePatchInput,
): Promise<Result<Audience, SegmentError>> {
  const now = deps.clock.now();
  return inTransaction(deps.database, async (trx) => {
    const updated = await updateAudience(trx, id, patch, now);
    if (!updated.ok) {
      return err(
        updated.error.code === 'NOT_FOUND'
          ? audienceNotFound(id)
          : { code: 'AUDIENCE_NAME_TAKEN', message: updated.error.message },
      );
    }
    if (patch.condition === undefined) return ok(updated.value);
    await evaluateAudienceInFull(trx, updated.value, now);
    const evaluated = await findAudience(trx, id);
    return evaluated ? ok(evaluated) : err(audienceNotFound(id));
  });
}

export async function deleteAudience(
  deps: DataDeps,
  id: string,
): Promise<Result<true, SegmentError>> {
  return inTransaction(deps.database, async (trx) => {
    const audience = await findAudience(trx, id);
    if (!audience) return err(audienceNotFound(id));
    const usages = await findJourneyUsages(trx, 'audience', id);
    if (usages.length > 0) {
      return err({
        code: 'AUDIENCE_IN_USE',
        message: `Journeys enrol from the audience "${audience.name}": ${usages.map((u) => `"${u.journeyName}" (${u.status})`).join(', ')}.`,
        details: usages,
      });
    }
    await deleteAudienceRow(trx, id);
    return ok(true);
  });
}

export async function audienceMembers(
  deps: DataDeps,
  id: string,
  query: Omit<ListQuery, 'search'>,
): Promise<Result<Page<Account>, SegmentError>> {
  const db = deps.database.db;
  if (!(await findAudience(db, id))) return err(audienceNotFound(id));
  return accountPage(db, query, (page) => listAudienceMembers(db, id, page));
}

export async function evaluateAudience(
  deps: DataDeps,
  id: string,
  progress?: Progress,
): Promise<Result<FullEvaluation, SegmentError>> {
  const now = deps.clock.now();
  return inTransaction(deps.database, async (trx) => {
    const audience = await findAudience(trx, id);
    if (!audience) return err(audienceNotFound(id));
    return ok(await evaluateAudienceInFull(trx, audience, now, progress));
  });
}

/** How many accounts match a condition now, without saving anything (the editor's live count). */
export async function previewAudienceCount(
  deps: DataDeps,
  condition: Condition,
): Promise<{ count: number }> {
  const ids = await matchingAccountIds(deps.database.db, condition, deps.clock.now());
  return { count: ids.length };
}

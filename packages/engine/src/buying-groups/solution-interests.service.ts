/**
 * Role templates, stage models and solution interests (SPEC §5): the definitions buying groups
 * are built from. Shapes are checked by core's schemas; names are unique per kind; a template or
 * model stays while a solution interest uses it (IN_USE).
 */
import { completenessScore, type BuyingGroup } from '@caravan/core/b2b/buying-group';
import type { RoleTemplate } from '@caravan/core/b2b/role-template';
import type { SolutionInterest } from '@caravan/core/b2b/solution-interest';
import { StageModel } from '@caravan/core/b2b/stage-model';
import { err, ok, type Result } from '@caravan/core/result';
import { recordActivities, type ActivityProperties } from '@caravan/storage/activity.repository';
import { listBuyingGroups, updateBuyingGroup } from '@caravan/storage/buying-group.repository';
import type { Db } from '@caravan/storage/database';
import {
  deleteRoleTemplate as deleteRoleTemplateRow,
  findRoleTemplate,
  insertRoleTemplate,
  listRoleTemplates as listRoleTemplateRows,
  updateRoleTemplate,
} from '@caravan/storage/role-template.repository';
import {
  deleteSolutionInterest as deleteSolutionInterestRow,
  findSolutionInterest,
  insertSolutionInterest,
  listSolutionInterests as listSolutionInterestRows,
  updateSolutionInterest,
} from '@caravan/storage/solution-interest.repository';
import {
  deleteStageModel as deleteStageModelRow,
  findStageModel,
  insertStageModel,
  listStageModels as listStageModelRows,
  updateStageModel,
} from '@caravan/storage/stage-model.repository';
import type { DataDeps } from '../data/attribute-definitions.service.ts';
import { findJourneyUsages } from '../data/journey-usages.ts';
import { inTransaction } from '../runtime/transaction.ts';

/**
 * The expected failures of the buying-group services. Every code here must exist in the server's
 * error catalogue (`@caravan/server/errors`); the server's type-check fails when one is missing.
 */
export type GroupErrorCode =
  | 'ROLE_TEMPLATE_NOT_FOUND'
  | 'ROLE_TEMPLATE_NAME_TAKEN'
  | 'STAGE_MODEL_NOT_FOUND'
  | 'STAGE_MODEL_NAME_TAKEN'
  | 'SOLUTION_INTEREST_NOT_FOUND'
  | 'SOLUTION_INTEREST_NAME_TAKEN'
  | 'IN_USE'
  | 'BUYING_GROUP_NOT_FOUND'
  | 'BUYING_GROUP_MEMBER_NOT_FOUND'
  | 'STAGE_TRANSITION_NOT_ALLOWED'
  | 'ROLE_NOT_IN_TEMPLATE'
  | 'PERSON_NOT_IN_ACCOUNT'
  | 'ACCOUNT_NOT_FOUND'
  | 'PERSON_NOT_FOUND'
  | 'VALIDATION_FAILED'
  | 'INVALID_CURSOR';

export interface GroupError {
  code: GroupErrorCode;
  message: string;
  details?: unknown;
}

export function groupError(code: GroupErrorCode, message: string): GroupError {
  return { code, message };
}

const templateNotFound = (id: string) =>
  groupError('ROLE_TEMPLATE_NOT_FOUND', `No role template has the id ${id}.`);
const modelNotFound = (id: string) =>
  groupError('STAGE_MODEL_NOT_FOUND', `No stage model has the id ${id}.`);
export const interestNotFound = (id: string) =>
  groupError('SOLUTION_INTEREST_NOT_FOUND', `No solution interest has the id ${id}.`);

export type RoleTemplateInput = Omit<RoleTemplate, 'id'>;
export type StageModelInput = Omit<StageModel, 'id'>;
export type SolutionInterestInput = Omit<SolutionInterest, 'id'>;

/** One activity on the group's account about the group, stamped `now`. */
export function groupActivity(
  group: Pick<BuyingGroup, 'id' | 'accountId' | 'solutionInterestId'>,
  type: string,
  now: Date,
  personId: string | null,
  properties: ActivityProperties,
) {
  return {
    id: crypto.randomUUID(),
    type,
    accountId: group.accountId,
    personId,
    occurredAt: now,
    receivedAt: now,
    messageId: null,
    properties: {
      buyingGroupId: group.id,
      solutionInterestId: group.solutionInterestId,
      ...properties,
    },
  };
}

/** Groups are read in pages of this size when a definition change touches all of them. */
const groupBatch = 500;

/** Runs `visit` on every buying group of the interests, page by page. */
async function forEachGroup(
  db: Db,
  interestIds: readonly string[],
  visit: (group: BuyingGroup) => Promise<void>,
): Promise<void> {
  for (const solutionInterestId of interestIds) {
    for (let offset = 0; ; offset += groupBatch) {
      const page = await listBuyingGroups(db, { solutionInterestId, limit: groupBatch, offset });
      for (const group of page.items) await visit(group);
      if (page.items.length < groupBatch) break;
    }
  }
}

async function interestsUsing(
  db: Db,
  ref: { roleTemplateId: string } | { stageModelId: string },
): Promise<string[]> {
  const all = await listSolutionInterestRows(db);
  return all
    .filter((i) =>
      'roleTemplateId' in ref
        ? i.roleTemplateId === ref.roleTemplateId
        : i.stageModelId === ref.stageModelId,
    )
    .map((i) => i.id);
}

/**
 * New roles change what complete means: every group using the template gets its score
 * recomputed, so that stored scores (read by conditions) are never stale.
 */
async function rescoreGroups(db: Db, template: RoleTemplate, now: Date): Promise<void> {
  const interests = await interestsUsing(db, { roleTemplateId: template.id });
  await forEachGroup(db, interests, async (group) => {
    const score = completenessScore(template, group.members);
    if (score === group.completenessScore) return;
    await updateBuyingGroup(db, group.id, { completenessScore: score }, now);
    await recordActivities(db, [
      groupActivity(group, 'completenessScoreChanged', now, null, {
        old: group.completenessScore,
        new: score,
      }),
    ]);
  });
}

// ---- Role templates -------------------------------------------------------------------------

export async function listRoleTemplates(deps: DataDeps): Promise<RoleTemplate[]> {
  return listRoleTemplateRows(deps.database.db);
}

export async function getRoleTemplate(
  deps: DataDeps,
  id: string,
): Promise<Result<RoleTemplate, GroupError>> {
  const template = await findRoleTemplate(deps.database.db, id);
  return template ? ok(template) : err(templateNotFound(id));
}

export async function createRoleTemplate(
  deps: DataDeps,
  input: RoleTemplateInput,
): Promise<Result<RoleTemplate, GroupError>> {
  const inserted = await insertRoleTemplate(deps.database.db, {
    ...input,
    id: crypto.randomUUID(),
    now: deps.clock.now(),
  });
  return inserted.ok
    ? inserted
    : err(groupError('ROLE_TEMPLATE_NAME_TAKEN', inserted.error.message));
}

export async function patchRoleTemplate(
  deps: DataDeps,
  id: string,
  patch: Partial<RoleTemplateInput>,
): Promise<Result<RoleTemplate, GroupError>> {
  const now = deps.clock.now();
  return inTransaction(deps.database, async (trx: Db) => {
    const updated = await updateRoleTemplate(trx, id, patch, now);
    if (!updated.ok) {
      return err(
        updated.error.code === 'NOT_FOUND'
          ? templateNotFound(id)
          : groupError('ROLE_TEMPLATE_NAME_TAKEN', updated.error.message),
      );
    }
    if (patch.roles !== undefined) await rescoreGroups(trx, updated.value, now);
    return updated;
  });
}

export async function deleteRoleTemplate(
  deps: DataDeps,
  id: string,
): Promise<Result<true, GroupError>> {
  const deleted = await deleteRoleTemplateRow(deps.database.db, id);
  if (deleted.ok) return ok(true);
  return err(
    deleted.error.code === 'NOT_FOUND'
      ? templateNotFound(id)
      : groupError('IN_USE', deleted.error.message),
  );
}

// ---- Stage models ---------------------------------------------------------------------------

/** Core's model schema decides: unique stage names, exactly one entry, known transition ends. */
function checkStageModel(id: string, input: StageModelInput): Result<StageModel, GroupError> {
  const parsed = StageModel.safeParse({ id, ...input });
  if (parsed.success) return ok(parsed.data);
  const details = parsed.error.issues.map((issue) => ({
    path: ['body', ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const first = details[0];
  return err({
    code: 'VALIDATION_FAILED',
    message: first ? `${first.path}: ${first.message}` : 'The stage model is invalid.',
    details,
  });
}

/** IN_USE when a buying group is in a stage the changed model no longer has. */
async function strandedStage(db: Db, model: StageModel): Promise<GroupError | undefined> {
  const names = new Set(model.stages.map((s) => s.name));
  const stranded = new Set<string>();
  await forEachGroup(db, await interestsUsing(db, { stageModelId: model.id }), async (group) => {
    if (!names.has(group.stage)) stranded.add(group.stage);
  });
  if (stranded.size === 0) return undefined;
  const list = [...stranded].map((s) => `"${s}"`).join(', ');
  return groupError('IN_USE', `Buying groups are in the stages ${list}, which the change removes.`);
}

export async function listStageModels(deps: DataDeps): Promise<StageModel[]> {
  return listStageModelRows(deps.database.db);
}

export async function getStageModel(
  deps: DataDeps,
  id: string,
): Promise<Result<StageModel, GroupError>> {
  const model = await findStageModel(deps.database.db, id);
  return model ? ok(model) : err(modelNotFound(id));
}

export async function createStageModel(
  deps: DataDeps,
  input: StageModelInput,
): Promise<Result<StageModel, GroupError>> {
  const model = checkStageModel(crypto.randomUUID(), input);
  if (!model.ok) return model;
  const inserted = await insertStageModel(deps.database.db, {
    ...model.value,
    now: deps.clock.now(),
  });
  return inserted.ok ? inserted : err(groupError('STAGE_MODEL_NAME_TAKEN', inserted.error.message));
}

/** The patch is merged with the stored model and the result checked as a whole. */
export async function patchStageModel(
  deps: DataDeps,
  id: string,
  patch: Partial<StageModelInput>,
): Promise<Result<StageModel, GroupError>> {
  return inTransaction(deps.database, async (trx: Db) => {
    const stored = await findStageModel(trx, id);
    if (stored === undefined) return err(modelNotFound(id));
    const { id: _id, ...current } = stored;
    const model = checkStageModel(id, { ...current, ...patch });
    if (!model.ok) return model;
    const stranding = await strandedStage(trx, model.value);
    if (stranding) return err(stranding);
    const updated = await updateStageModel(trx, id, patch, deps.clock.now());
    if (updated.ok) return updated;
    return err(
      updated.error.code === 'NOT_FOUND'
        ? modelNotFound(id)
        : groupError('STAGE_MODEL_NAME_TAKEN', updated.error.message),
    );
  });
}

export async function deleteStageModel(
  deps: DataDeps,
  id: string,
): Promise<Result<true, GroupError>> {
  const deleted = await deleteStageModelRow(deps.database.db, id);
  if (deleted.ok) return ok(true);
  return err(
    deleted.error.code === 'NOT_FOUND'
      ? modelNotFound(id)
      : groupError('IN_USE', deleted.error.message),
  );
}

// ---- Solution interests ---------------------------------------------------------------------

/** Named codes for the template and model a solution interest refers to. */
async function missingReference(
  db: Db,
  refs: { roleTemplateId?: string | undefined; stageModelId?: string | undefined },
): Promise<GroupError | undefined> {
  if (refs.roleTemplateId !== undefined && !(await findRoleTemplate(db, refs.roleTemplateId))) {
    return templateNotFound(refs.roleTemplateId);
  }
  if (refs.stageModelId !== undefined && !(await findStageModel(db, refs.stageModelId))) {
    return modelNotFound(refs.stageModelId);
  }
  return undefined;
}

function interestWriteError(id: string, error: { code: string; message: string }): GroupError {
  if (error.code === 'NAME_TAKEN') return groupError('SOLUTION_INTEREST_NAME_TAKEN', error.message);
  return interestNotFound(id);
}

export async function listSolutionInterests(deps: DataDeps): Promise<SolutionInterest[]> {
  return listSolutionInterestRows(deps.database.db);
}

export async function getSolutionInterest(
  deps: DataDeps,
  id: string,
): Promise<Result<SolutionInterest, GroupError>> {
  const interest = await findSolutionInterest(deps.database.db, id);
  return interest ? ok(interest) : err(interestNotFound(id));
}

export async function createSolutionInterest(
  deps: DataDeps,
  input: SolutionInterestInput,
): Promise<Result<SolutionInterest, GroupError>> {
  return inTransaction(deps.database, async (trx: Db) => {
    const missing = await missingReference(trx, input);
    if (missing) return err(missing);
    const id = crypto.randomUUID();
    const inserted = await insertSolutionInterest(trx, { ...input, id, now: deps.clock.now() });
    return inserted.ok ? inserted : err(interestWriteError(id, inserted.error));
  });
}

export async function patchSolutionInterest(
  deps: DataDeps,
  id: string,
  patch: Partial<SolutionInterestInput>,
): Promise<Result<SolutionInterest, GroupError>> {
  return inTransaction(deps.database, async (trx: Db) => {
    const stored = await findSolutionInterest(trx, id);
    if (stored === undefined) return err(interestNotFound(id));
    const missing = await missingReference(trx, patch);
    if (missing) return err(missing);
    const rewired =
      (patch.roleTemplateId ?? stored.roleTemplateId) !== stored.roleTemplateId ||
      (patch.stageModelId ?? stored.stageModelId) !== stored.stageModelId;
    // Groups were built from the old template and model: their roles and stages would not fit.
    if (
      rewired &&
      (await listBuyingGroups(trx, { solutionInterestId: id, limit: 1, offset: 0 })).total > 0
    ) {
      return err(
        groupError(
          'IN_USE',
          `Solution interest ${id} has buying groups; its template and model stay.`,
        ),
      );
    }
    const updated = await updateSolutionInterest(trx, id, patch, deps.clock.now());
    return updated.ok ? updated : err(interestWriteError(id, updated.error));
  });
}

/** Deletes the interest together with its buying groups (storage cascades). */
/** Refused (409 IN_USE) while a journey that can still act uses the solution interest. */
export async function deleteSolutionInterest(
  deps: DataDeps,
  id: string,
): Promise<Result<true, GroupError>> {
  return inTransaction(deps.database, async (trx) => {
    const usages = await findJourneyUsages(trx, 'solutionInterest', id);
    if (usages.length > 0) {
      const names = usages.map((u) => `"${u.journeyName}" (${u.status})`).join(', ');
      return err(
        groupError('IN_USE', `Journeys that can still act use this solution interest: ${names}.`),
      );
    }
    return (await deleteSolutionInterestRow(trx, id)) ? ok(true) : err(interestNotFound(id));
  });
}

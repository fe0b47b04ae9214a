/** Solution interests (core `SolutionInterest`): what an account may buy, with its template and model. */
import type { SolutionInterest } from '@caravan/core/b2b/solution-interest';
import { err, ok, type Result } from '@caravan/core/result';
import { sql } from 'kysely';
import { toTimestamp } from './column-types.ts';
import type { Db } from './database.ts';
import {
  insertUnlessNameTaken,
  isNameTaken,
  nameTaken,
  notFound,
  type NameTaken,
  type NotFound,
} from './unique-name.query.ts';

const columns = ['id', 'name', 'description', 'role_template_id', 'stage_model_id'] as const;

function toSolutionInterest(row: {
  id: string;
  name: string;
  description: string;
  role_template_id: string;
  stage_model_id: string;
}): SolutionInterest {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    roleTemplateId: row.role_template_id,
    stageModelId: row.stage_model_id,
  };
}

/** NOT_FOUND when `roleTemplateId` or `stageModelId` names nothing stored. */
async function missingReference(
  db: Db,
  s: { roleTemplateId?: string; stageModelId?: string },
): Promise<NotFound | undefined> {
  if (s.roleTemplateId !== undefined) {
    const found = await db
      .selectFrom('role_templates')
      .select('id')
      .where('id', '=', s.roleTemplateId)
      .executeTakeFirst();
    if (found === undefined) return notFound('Role template', s.roleTemplateId);
  }
  if (s.stageModelId !== undefined) {
    const found = await db
      .selectFrom('stage_models')
      .select('id')
      .where('id', '=', s.stageModelId)
      .executeTakeFirst();
    if (found === undefined) return notFound('Stage model', s.stageModelId);
  }
  return undefined;
}

export async function insertSolutionInterest(
  db: Db,
  s: SolutionInterest & { now: Date },
): Promise<Result<SolutionInterest, NameTaken | NotFound>> {
  const missing = await missingReference(db, s);
  if (missing !== undefined) return err(missing);
  const at = toTimestamp(s.now);
  const inserted = await insertUnlessNameTaken(
    db,
    'solution_interests',
    'A solution interest',
    s,
    () =>
      db
        .insertInto('solution_interests')
        .values({
          id: s.id,
          name: s.name,
          description: s.description,
          role_template_id: s.roleTemplateId,
          stage_model_id: s.stageModelId,
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst(),
  );
  if (!inserted.ok) return inserted;
  const { now: _now, ...stored } = s;
  return ok(stored);
}

export async function findSolutionInterest(
  db: Db,
  id: string,
): Promise<SolutionInterest | undefined> {
  const row = await db
    .selectFrom('solution_interests')
    .select(columns)
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : toSolutionInterest(row);
}

/** Every solution interest by name. */
export async function listSolutionInterests(db: Db): Promise<SolutionInterest[]> {
  const rows = await db
    .selectFrom('solution_interests')
    .select(columns)
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .execute();
  return rows.map(toSolutionInterest);
}

export async function updateSolutionInterest(
  db: Db,
  id: string,
  patch: Partial<Omit<SolutionInterest, 'id'>>,
  now: Date,
): Promise<Result<SolutionInterest, NameTaken | NotFound>> {
  if (patch.name !== undefined && (await isNameTaken(db, 'solution_interests', patch.name, id))) {
    return err(nameTaken('A solution interest', patch.name));
  }
  const missing = await missingReference(db, patch);
  if (missing !== undefined) return err(missing);
  const result = await db
    .updateTable('solution_interests')
    .set({
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.description !== undefined && { description: patch.description }),
      ...(patch.roleTemplateId !== undefined && { role_template_id: patch.roleTemplateId }),
      ...(patch.stageModelId !== undefined && { stage_model_id: patch.stageModelId }),
      updated_at: toTimestamp(now),
    })
    .where('id', '=', id)
    .executeTakeFirst();
  const updated = result.numUpdatedRows > 0n ? await findSolutionInterest(db, id) : undefined;
  return updated === undefined ? err(notFound('Solution interest', id)) : ok(updated);
}

/** Deletes the interest and its buying groups; false when there was none. */
export async function deleteSolutionInterest(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('solution_interests').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

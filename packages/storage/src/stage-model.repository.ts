/** Stage models (core `StageModel`): the stages of buying groups and the moves between them. */
import type { Stage, StageModel, StageTransition } from '@caravan/core/b2b/stage-model';
import { err, ok, type Result } from '@caravan/core/result';
import { sql } from 'kysely';
import { fromJson, toJson, toTimestamp } from './column-types.ts';
import type { Db } from './database.ts';
import type { InUse } from './role-template.repository.ts';
import {
  insertUnlessNameTaken,
  isNameTaken,
  nameTaken,
  notFound,
  type NameTaken,
  type NotFound,
} from './unique-name.query.ts';

function toStageModel(row: {
  id: string;
  name: string;
  stages: string;
  transitions: string;
}): StageModel {
  return {
    id: row.id,
    name: row.name,
    // Trusted: models are parsed by the core schema before they are written.
    stages: fromJson(row.stages) as Stage[],
    transitions: fromJson(row.transitions) as StageTransition[],
  };
}

export async function insertStageModel(
  db: Db,
  m: StageModel & { now: Date },
): Promise<Result<StageModel, NameTaken>> {
  const at = toTimestamp(m.now);
  const inserted = await insertUnlessNameTaken(db, 'stage_models', 'A stage model', m, () =>
    db
      .insertInto('stage_models')
      .values({
        id: m.id,
        name: m.name,
        stages: toJson(m.stages),
        transitions: toJson(m.transitions),
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst(),
  );
  if (!inserted.ok) return inserted;
  return ok({ id: m.id, name: m.name, stages: m.stages, transitions: m.transitions });
}

export async function findStageModel(db: Db, id: string): Promise<StageModel | undefined> {
  const row = await db
    .selectFrom('stage_models')
    .select(['id', 'name', 'stages', 'transitions'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : toStageModel(row);
}

/** Every stage model by name. */
export async function listStageModels(db: Db): Promise<StageModel[]> {
  const rows = await db
    .selectFrom('stage_models')
    .select(['id', 'name', 'stages', 'transitions'])
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .execute();
  return rows.map(toStageModel);
}

export async function updateStageModel(
  db: Db,
  id: string,
  patch: Partial<Omit<StageModel, 'id'>>,
  now: Date,
): Promise<Result<StageModel, NotFound | NameTaken>> {
  if (patch.name !== undefined && (await isNameTaken(db, 'stage_models', patch.name, id))) {
    return err(nameTaken('A stage model', patch.name));
  }
  const result = await db
    .updateTable('stage_models')
    .set({
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.stages !== undefined && { stages: toJson(patch.stages) }),
      ...(patch.transitions !== undefined && { transitions: toJson(patch.transitions) }),
      updated_at: toTimestamp(now),
    })
    .where('id', '=', id)
    .executeTakeFirst();
  const updated = result.numUpdatedRows > 0n ? await findStageModel(db, id) : undefined;
  return updated === undefined ? err(notFound('Stage model', id)) : ok(updated);
}

/** Deletes an unused model; IN_USE while a solution interest uses it. */
export async function deleteStageModel(
  db: Db,
  id: string,
): Promise<Result<void, NotFound | InUse>> {
  const user = await db
    .selectFrom('solution_interests')
    .select('name')
    .where('stage_model_id', '=', id)
    .executeTakeFirst();
  if (user !== undefined) {
    return err({
      code: 'IN_USE',
      message: `Stage model ${id} is used by the solution interest "${user.name}".`,
    });
  }
  const result = await db.deleteFrom('stage_models').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n ? ok(undefined) : err(notFound('Stage model', id));
}

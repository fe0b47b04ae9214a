/** Role templates (core `RoleTemplate`): the roles a buying group should fill. */
import type { RoleTemplate, TemplateRole } from '@caravan/core/b2b/role-template';
import { err, ok, type Result } from '@caravan/core/result';
import { sql } from 'kysely';
import { fromJson, toJson, toTimestamp } from './column-types.ts';
import type { Db } from './database.ts';
import {
  insertUnlessNameTaken,
  isNameTaken,
  nameTaken,
  notFound,
  type NameTaken,
  type NotFound,
} from './unique-name.query.ts';

export interface InUse {
  code: 'IN_USE';
  message: string;
}

function toRoleTemplate(row: {
  id: string;
  name: string;
  description: string;
  roles: string;
}): RoleTemplate {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    // Trusted: templates are parsed by the core schema before they are written.
    roles: fromJson(row.roles) as TemplateRole[],
  };
}

export async function insertRoleTemplate(
  db: Db,
  t: RoleTemplate & { now: Date },
): Promise<Result<RoleTemplate, NameTaken>> {
  const at = toTimestamp(t.now);
  const inserted = await insertUnlessNameTaken(db, 'role_templates', 'A role template', t, () =>
    db
      .insertInto('role_templates')
      .values({
        id: t.id,
        name: t.name,
        description: t.description,
        roles: toJson(t.roles),
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst(),
  );
  if (!inserted.ok) return inserted;
  return ok({ id: t.id, name: t.name, description: t.description, roles: t.roles });
}

export async function findRoleTemplate(db: Db, id: string): Promise<RoleTemplate | undefined> {
  const row = await db
    .selectFrom('role_templates')
    .select(['id', 'name', 'description', 'roles'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : toRoleTemplate(row);
}

/** Every role template by name. */
export async function listRoleTemplates(db: Db): Promise<RoleTemplate[]> {
  const rows = await db
    .selectFrom('role_templates')
    .select(['id', 'name', 'description', 'roles'])
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .execute();
  return rows.map(toRoleTemplate);
}

export async function updateRoleTemplate(
  db: Db,
  id: string,
  patch: Partial<Omit<RoleTemplate, 'id'>>,
  now: Date,
): Promise<Result<RoleTemplate, NotFound | NameTaken>> {
  if (patch.name !== undefined && (await isNameTaken(db, 'role_templates', patch.name, id))) {
    return err(nameTaken('A role template', patch.name));
  }
  const result = await db
    .updateTable('role_templates')
    .set({
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.description !== undefined && { description: patch.description }),
      ...(patch.roles !== undefined && { roles: toJson(patch.roles) }),
      updated_at: toTimestamp(now),
    })
    .where('id', '=', id)
    .executeTakeFirst();
  const updated = result.numUpdatedRows > 0n ? await findRoleTemplate(db, id) : undefined;
  return updated === undefined ? err(notFound('Role template', id)) : ok(updated);
}

/** Deletes an unused template; IN_USE while a solution interest uses it. */
export async function deleteRoleTemplate(
  db: Db,
  id: string,
): Promise<Result<void, NotFound | InUse>> {
  const user = await db
    .selectFrom('solution_interests')
    .select('name')
    .where('role_template_id', '=', id)
    .executeTakeFirst();
  if (user !== undefined) {
    return err({
      code: 'IN_USE',
      message: `Role template ${id} is used by the solution interest "${user.name}".`,
    });
  }
  const result = await db.deleteFrom('role_templates').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n ? ok(undefined) : err(notFound('Role template', id));
}

/** Journeys and their status history. Lifecycle rules live in core; this only stores. */
import { assertNever, err, ok, type Result } from '@caravan/core/result';
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import type { JourneySettings, Schedule, UserRef } from '@caravan/core/journey/journey';
import { JourneyStatus } from '@caravan/core/journey/status';
import { sql, type Updateable } from 'kysely';
import { toUserRef } from './actor.mapper.ts';
import { fromTimestamp, toJson, toTimestamp } from './column-types.ts';
import type { Db } from './database.ts';
import { scheduleColumns, toJourney, type StoredJourney } from './journey.mapper.ts';
import { journeyFilters, selectJourneys, statusRank } from './journey.query.ts';
import type { JourneyTable } from './journey.table.ts';
import { isUniqueViolation } from './unique-violation.ts';

export interface NewJourney {
  id: string;
  name: string;
  description: string;
  status: JourneyStatus;
  definition: JourneyDefinition;
  schedule: Schedule;
  settings: JourneySettings;
  /** A user id or an API key id. */
  createdBy: string;
  now: Date;
}

export interface JourneyNameTaken {
  code: 'JOURNEY_NAME_TAKEN';
  message: string;
}

function nameTaken(name: string): JourneyNameTaken {
  return { code: 'JOURNEY_NAME_TAKEN', message: `A journey named "${name}" already exists.` };
}

/** Inserts a journey; a name already used (ignoring case) is refused without throwing. */
export async function insertJourney(
  db: Db,
  j: NewJourney,
): Promise<Result<StoredJourney, JourneyNameTaken>> {
  const at = toTimestamp(j.now);
  // ON CONFLICT DO NOTHING instead of catching the violation: a failed statement would abort
  // the caller's PostgreSQL transaction.
  const inserted = await db
    .insertInto('journeys')
    .values({
      id: j.id,
      name: j.name,
      description: j.description,
      status: j.status,
      definition: toJson(j.definition),
      ...scheduleColumns(j.schedule),
      settings: toJson(j.settings),
      created_at: at,
      created_by: j.createdBy,
      updated_at: at,
      updated_by: j.createdBy,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
    if (await isJourneyNameTaken(db, j.name)) return err(nameTaken(j.name));
    throw new Error(`A journey with id ${j.id} already exists.`);
  }
  return ok(await getJourney(db, j.id));
}

export async function findJourney(db: Db, id: string): Promise<StoredJourney | undefined> {
  const record = await selectJourneys(db).where('journeys.id', '=', id).executeTakeFirst();
  return record === undefined ? undefined : toJourney(record);
}

async function getJourney(db: Db, id: string): Promise<StoredJourney> {
  const journey = await findJourney(db, id);
  if (journey === undefined) throw new Error(`Journey ${id} vanished while being written.`);
  return journey;
}

/** Whether another journey (not `exceptId`) has this name, ignoring case. */
export async function isJourneyNameTaken(
  db: Db,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  let query = db
    .selectFrom('journeys')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', eb.fn('lower', [eb.val(name)])));
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export interface JourneyPatch {
  name?: string;
  description?: string;
  definition?: JourneyDefinition;
  schedule?: Schedule;
  settings?: JourneySettings;
  status?: JourneyStatus;
  publishedAt?: Date;
  publishedBy?: string;
}

export interface JourneyUpdateError {
  code: 'JOURNEY_NOT_FOUND' | 'JOURNEY_NAME_TAKEN' | 'STATUS_CHANGED';
  message: string;
}

function patchColumns(patch: JourneyPatch): Updateable<JourneyTable> {
  return {
    ...(patch.name !== undefined && { name: patch.name }),
    ...(patch.description !== undefined && { description: patch.description }),
    ...(patch.definition !== undefined && { definition: toJson(patch.definition) }),
    ...(patch.schedule !== undefined && scheduleColumns(patch.schedule)),
    ...(patch.settings !== undefined && { settings: toJson(patch.settings) }),
    ...(patch.status !== undefined && { status: patch.status }),
    ...(patch.publishedAt !== undefined && { published_at: toTimestamp(patch.publishedAt) }),
    ...(patch.publishedBy !== undefined && { published_by: patch.publishedBy }),
  };
}

export interface JourneyVersionConflict {
  code: 'JOURNEY_VERSION_CONFLICT';
  message: string;
  details: { version: number };
}

export function versionConflict(version: number): JourneyVersionConflict {
  return {
    code: 'JOURNEY_VERSION_CONFLICT',
    message: `This journey was changed elsewhere (version ${version}); reload to see the latest.`,
    details: { version },
  };
}

interface Expected {
  status?: JourneyStatus | undefined;
  version?: number | undefined;
}

/**
 * Applies `patch`, stamps `updatedAt`/`updatedBy` and bumps the row version. Compare-and-set:
 * when `expectedStatus` is given and the row has another status, nothing changes and
 * 'STATUS_CHANGED' is returned (someone else moved the journey meanwhile).
 */
export async function updateJourney(
  db: Db,
  id: string,
  patch: JourneyPatch,
  by: string,
  now: Date,
  expectedStatus?: JourneyStatus,
): Promise<Result<StoredJourney, JourneyUpdateError>> {
  const written = await writeJourney(db, id, patch, by, now, { status: expectedStatus });
  if (written.ok) return written;
  const { error } = written;
  // Without an expected version there is no version to conflict with.
  if (error.code === 'JOURNEY_VERSION_CONFLICT') throw new Error(`Journey ${id}: ${error.message}`);
  return err(error);
}

/**
 * `updateJourney` that also requires the row to still be at `expected.version` (the version the
 * editor loaded): otherwise nothing changes and 'JOURNEY_VERSION_CONFLICT' names the current one.
 * The check is part of the UPDATE's WHERE, so two concurrent saves of one version cannot both win.
 */
export function updateJourneyAtVersion(
  db: Db,
  id: string,
  patch: JourneyPatch,
  by: string,
  now: Date,
  expected: { status: JourneyStatus; version: number },
): Promise<Result<StoredJourney, JourneyUpdateError | JourneyVersionConflict>> {
  return writeJourney(db, id, patch, by, now, expected);
}

async function writeJourney(
  db: Db,
  id: string,
  patch: JourneyPatch,
  by: string,
  now: Date,
  expected: Expected,
): Promise<Result<StoredJourney, JourneyUpdateError | JourneyVersionConflict>> {
  // Checked first so that the common conflict does not abort the caller's PG transaction.
  if (patch.name !== undefined && (await isJourneyNameTaken(db, patch.name, id))) {
    return err(nameTaken(patch.name));
  }
  let query = db
    .updateTable('journeys')
    .set({ ...patchColumns(patch), updated_at: toTimestamp(now), updated_by: by })
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', id);
  if (expected.status !== undefined) query = query.where('status', '=', expected.status);
  if (expected.version !== undefined) query = query.where('version', '=', expected.version);
  let updated: bigint;
  try {
    updated = (await query.executeTakeFirst()).numUpdatedRows;
  } catch (error) {
    // A concurrent rename between the check above and this update.
    if (isUniqueViolation(error) && patch.name !== undefined) return err(nameTaken(patch.name));
    throw error;
  }
  if (updated === 0n) return err(await whyNotUpdated(db, id, expected));
  return ok(await getJourney(db, id));
}

/** Which expectation the row failed; status first, since a moved journey needs more than a reload. */
async function whyNotUpdated(
  db: Db,
  id: string,
  expected: Expected,
): Promise<JourneyUpdateError | JourneyVersionConflict> {
  const current = await findJourney(db, id);
  if (current === undefined) {
    return { code: 'JOURNEY_NOT_FOUND', message: `Journey ${id} does not exist.` };
  }
  if (expected.status !== undefined && current.status !== expected.status) {
    return {
      code: 'STATUS_CHANGED',
      message: `Journey ${id} is ${current.status} now, no longer ${expected.status}.`,
    };
  }
  return versionConflict(current.version);
}

/**
 * Deletes the journey with its timeline and (by cascade) its status history, enrollments and
 * counters; false when there was none. The timeline has no foreign key on PostgreSQL (migration
 * 0013), so its rows are deleted here: call it inside the transaction of the deletion.
 */
export async function deleteJourney(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('journeys').where('id', '=', id).executeTakeFirst();
  // After the journey: its cascade waits for any batch still holding the journey's enrollments,
  // so this statement also sees the timeline rows such a batch committed.
  await db.deleteFrom('journey_timeline').where('journey_id', '=', id).execute();
  return result.numDeletedRows > 0n;
}

export type JourneySortField =
  'name' | 'status' | 'createdAt' | 'updatedAt' | 'publishedAt' | 'startAt' | 'endAt';

export interface JourneyQuery {
  /** Case-insensitive substring of the name. */
  search?: string;
  /** Only these statuses; empty or absent = every status. */
  statuses?: JourneyStatus[];
  sort: { field: JourneySortField; direction: 'asc' | 'desc' };
  limit: number;
  offset: number;
}

function sortExpression(field: JourneySortField) {
  switch (field) {
    case 'name':
      return sql`lower(journeys.name)`;
    case 'status':
      return statusRank;
    case 'createdAt':
      return sql`journeys.created_at`;
    case 'updatedAt':
      return sql`journeys.updated_at`;
    case 'publishedAt':
      return sql`journeys.published_at`;
    case 'startAt':
      return sql`journeys.start_at`;
    case 'endAt':
      return sql`journeys.end_at`;
    default:
      return assertNever(field);
  }
}

/**
 * One page of journeys and the total matching the filter. Status sorts in lifecycle order
 * (draft, scheduled, live, closed, aborted, completed); ties by id; nulls last both ways.
 */
export async function listJourneys(
  db: Db,
  q: JourneyQuery,
): Promise<{ items: StoredJourney[]; total: number }> {
  const filters = journeyFilters(q);
  const { direction } = q.sort;
  const records = await selectJourneys(db)
    .where((eb) => eb.and(filters))
    .orderBy(sortExpression(q.sort.field), (ob) =>
      direction === 'asc' ? ob.asc().nullsLast() : ob.desc().nullsLast(),
    )
    .orderBy('journeys.id', direction)
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const { total } = await db
    .selectFrom('journeys')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .where((eb) => eb.and(filters))
    .executeTakeFirstOrThrow();
  return { items: records.map(toJourney), total: Number(total) };
}

/** Scheduled journeys whose start has come (an immediate start counts as come). */
export async function findJourneysDueToStart(db: Db, now: Date): Promise<StoredJourney[]> {
  const records = await selectJourneys(db)
    .where('journeys.status', '=', 'scheduled')
    .where((eb) =>
      eb.or([eb('journeys.start_at', 'is', null), eb('journeys.start_at', '<=', toTimestamp(now))]),
    )
    .orderBy('journeys.start_at')
    .orderBy('journeys.id')
    .execute();
  return records.map(toJourney);
}

export interface StatusChange {
  journeyId: string;
  from: JourneyStatus | null;
  to: JourneyStatus;
  by: UserRef | null;
  at: string;
}

/** Records one step of a journey's lifecycle; `by` is a user id, an API key id, or null (system). */
export async function insertStatusChange(
  db: Db,
  c: {
    journeyId: string;
    from: JourneyStatus | null;
    to: JourneyStatus;
    by: string | null;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto('journey_status_changes')
    .values({
      journey_id: c.journeyId,
      from_status: c.from,
      to_status: c.to,
      changed_by: c.by,
      changed_at: toTimestamp(c.at),
    })
    .execute();
}

/** The journey's status history, oldest first. */
export async function listStatusChanges(db: Db, journeyId: string): Promise<StatusChange[]> {
  const rows = await db
    .selectFrom('journey_status_changes as c')
    .leftJoin('users as u', 'u.id', 'c.changed_by')
    .leftJoin('api_keys as k', 'k.id', 'c.changed_by')
    .select((eb) => [
      'c.journey_id',
      'c.from_status',
      'c.to_status',
      'c.changed_by',
      'c.changed_at',
      eb.fn.coalesce('u.name', 'k.name').as('changed_by_name'),
      'u.email as changed_by_email',
    ])
    .where('c.journey_id', '=', journeyId)
    .orderBy('c.changed_at')
    .orderBy('c.id')
    .execute();
  return rows.map((row) => ({
    journeyId: row.journey_id,
    from: row.from_status === null ? null : JourneyStatus.parse(row.from_status),
    to: JourneyStatus.parse(row.to_status),
    by: toUserRef(row.changed_by, row.changed_by_name, row.changed_by_email),
    at: fromTimestamp(row.changed_at),
  }));
}

/**
 * Folder `journeys/`: a journey's life — commands (create, change, publish, close, abort, delete,
 * duplicate), queries, export/import, reference checks, the scheduler and the lifecycle effects
 * of a status change (where a journey changes status), and the metrics, drill-downs and timelines
 * of a run. A workflow folder: may import every data folder, `entry/`, `runtime/` and the other
 * workflow folders.
 *
 * Changing journeys. Every command is one transaction holding its status-change row, and every
 * write is a compare-and-set on the status it read, so that two concurrent commands (or a
 * command and the scheduler) cannot both succeed from the same status.
 */
import { outboundPolicy, refusedWebhooks } from '../outbox/outbound-policy.ts';
import { newDefinition, type JourneyDefinition } from '@caravan/core/journey/definition';
import {
  defaultSchedule,
  defaultSettings,
  type Journey,
  type JourneySettings,
  type Schedule,
} from '@caravan/core/journey/journey';
import {
  checkEdit,
  transition,
  type JourneyField,
  type JourneyStatus,
} from '@caravan/core/journey/status';
import {
  defaultCopyName,
  duplicateDefinition,
  duplicateSettings,
} from '@caravan/core/journey/duplication';
import type { DuplicationType } from '@caravan/core/journey/journey';
import { hasBlockingProblems } from '@caravan/core/journey/validation';
import { err, ok, type Result } from '@caravan/core/result';
import type { Db } from '@caravan/storage/database';
import {
  deleteJourney as deleteJourneyRow,
  findJourney,
  insertJourney,
  insertStatusChange,
  updateJourney,
  updateJourneyAtVersion,
  versionConflict,
  type JourneyPatch,
  type JourneyVersionConflict,
} from '@caravan/storage/journey.repository';
import type { StoredJourney } from '@caravan/storage/journey.mapper';
import { checkJourney, type EngineDeps } from './journey-queries.service.ts';
import { applyRunEffects } from './journey-run-lifecycle.ts';
import { journeyNotFound, type ServiceError } from './service-error.ts';
import { inTransaction } from '../runtime/transaction.ts';
import { recordAudit } from '../audit/audit-log.ts';

export interface NewJourneyInput {
  name: string;
  description?: string;
  definition?: JourneyDefinition;
  schedule?: Schedule;
  settings?: JourneySettings;
}

/** Creates a draft; its history starts with the draft status. */
export async function createJourney(
  deps: EngineDeps,
  actorId: string,
  input: NewJourneyInput,
): Promise<Result<StoredJourney, ServiceError>> {
  const now = deps.clock.now();
  return inTransaction(deps.database, async (trx) => {
    const created = await insertDraft(trx, actorId, now, {
      name: input.name,
      description: input.description ?? '',
      definition: input.definition ?? newDefinition(),
      schedule: input.schedule ?? defaultSchedule(),
      settings: input.settings ?? defaultSettings(),
    });
    if (created.ok) await auditJourney(trx, actorId, now, 'journey.created', created.value);
    return created;
  });
}

/** The audit entry of a journey command, in its transaction. */
async function auditJourney(
  trx: Db,
  actorId: string | null,
  now: Date,
  action: string,
  journey: Pick<Journey, 'id' | 'name'>,
  change?: { before?: unknown; after?: unknown },
): Promise<void> {
  await recordAudit(trx, now, {
    actorId,
    action,
    entityType: 'journey',
    entityId: journey.id,
    entityName: journey.name,
    ...change,
  });
}

async function insertDraft(
  trx: Db,
  actorId: string,
  now: Date,
  journey: Required<NewJourneyInput>,
): Promise<Result<StoredJourney, ServiceError>> {
  const inserted = await insertJourney(trx, {
    id: crypto.randomUUID(),
    ...journey,
    status: 'draft',
    createdBy: actorId,
    now,
  });
  if (!inserted.ok) return inserted;
  await insertStatusChange(trx, {
    journeyId: inserted.value.id,
    from: null,
    to: 'draft',
    by: actorId,
    at: now,
  });
  return inserted;
}

export type JourneyEdit = Partial<NewJourneyInput>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields an edit really changes. Fields sent with their current value do not count, so a
 * client may send the whole journey back to rename a live one.
 */
function changedFields(current: Journey, edit: JourneyEdit): JourneyField[] {
  const fields: JourneyField[] = [];
  if (edit.name !== undefined && edit.name !== current.name) fields.push('name');
  if (edit.description !== undefined && edit.description !== current.description) {
    fields.push('description');
  }
  if (edit.definition && !same(edit.definition, current.definition)) fields.push('definition');
  if (edit.settings && !same(edit.settings, current.settings)) fields.push('settings');
  if (edit.schedule) {
    const { start, end, timeZone } = edit.schedule;
    // The display time zone is part of when the journey starts, so it follows the start's rule.
    if (start !== current.schedule.start || timeZone !== current.schedule.timeZone) {
      fields.push('scheduleStart');
    }
    if (end !== current.schedule.end) fields.push('scheduleEnd');
  }
  return fields;
}

function patchOf(edit: JourneyEdit, fields: readonly JourneyField[]): JourneyPatch {
  const has = (field: JourneyField) => fields.includes(field);
  return {
    ...(has('name') ? { name: edit.name } : {}),
    ...(has('description') ? { description: edit.description } : {}),
    ...(has('definition') ? { definition: edit.definition } : {}),
    ...(has('settings') ? { settings: edit.settings } : {}),
    ...(has('scheduleStart') || has('scheduleEnd') ? { schedule: edit.schedule } : {}),
  };
}

/**
 * Editing can also fail with `JOURNEY_VERSION_CONFLICT`: the caller named the version it edits
 * and someone saved since. Declared here, not in `ServiceError`, since only this command has it.
 */
export type JourneyEditError = ServiceError | JourneyVersionConflict;

/**
 * Edits what the status allows (core `checkEdit`); only the schema is checked, not validity.
 * With `expectedVersion` (the version the client loaded or last saved) the edit is refused,
 * changing nothing, when the journey is at another version — even an edit that changes nothing,
 * so that a stale editor always learns it is stale.
 */
export async function patchJourney(
  deps: EngineDeps,
  actorId: string,
  id: string,
  edit: JourneyEdit,
  expectedVersion?: number,
): Promise<Result<StoredJourney, JourneyEditError>> {
  const now = deps.clock.now();
  return inTransaction<StoredJourney, JourneyEditError>(deps.database, async (trx) => {
    const current = await findJourney(trx, id);
    if (!current) return err(journeyNotFound(id));
    if (expectedVersion !== undefined && expectedVersion !== current.version) {
      return err(versionConflict(current.version));
    }
    const fields = changedFields(current, edit);
    if (fields.length === 0) return ok(current);
    const allowed = checkEdit(current.status, fields);
    if (!allowed.ok) {
      const { code, message, fields: refused } = allowed.error;
      return err({ code, message, details: { status: current.status, fields: refused } });
    }
    const patch = patchOf(edit, fields);
    // The read above only answers early; the compare-and-set is what guards against a save
    // landing between that read and this write.
    const updated =
      expectedVersion === undefined
        ? await updateJourney(trx, id, patch, actorId, now, current.status)
        : await updateJourneyAtVersion(trx, id, patch, actorId, now, {
            status: current.status,
            version: expectedVersion,
          });
    if (updated.ok) {
      await auditJourney(trx, actorId, now, 'journey.changed', updated.value, {
        after: { fields },
      });
    }
    return updated;
  });
}

/** Moves a journey to `to` if it is still in `from`, and records the change. */
async function changeStatus(
  trx: Db,
  journey: Journey,
  to: JourneyStatus,
  change: {
    by: string | null;
    updatedBy: string;
    now: Date;
    extra?: JourneyPatch;
    /** The audit action, for a change a person asked for (not the scheduler's). */
    audit?: string;
  },
): Promise<Result<StoredJourney, ServiceError>> {
  const updated = await updateJourney(
    trx,
    journey.id,
    { ...change.extra, status: to },
    change.updatedBy,
    change.now,
    journey.status,
  );
  if (!updated.ok) return updated;
  await insertStatusChange(trx, {
    journeyId: journey.id,
    from: journey.status,
    to,
    by: change.by,
    at: change.now,
  });
  await applyRunEffects(trx, updated.value, to, change.now);
  if (change.audit !== undefined) {
    await auditJourney(trx, change.by, change.now, change.audit, updated.value, {
      before: { status: journey.status },
      after: { status: to },
    });
  }
  return updated;
}

function refusal(error: { code: 'JOURNEY_ACTION_NOT_ALLOWED'; message: string } & object) {
  const { code, message, ...details } = error;
  return err<ServiceError>({ code, message, details });
}

function startsInFuture(schedule: Schedule, now: Date): boolean {
  return schedule.start !== 'immediately' && Date.parse(schedule.start) > now.getTime();
}

/**
 * Publishes a draft without blocking problems: live when it starts now, scheduled when its
 * start is in the future. A status that forbids publishing answers 409 before any validation.
 */
export async function publishJourney(
  deps: EngineDeps,
  actorId: string,
  id: string,
): Promise<Result<StoredJourney, ServiceError>> {
  const now = deps.clock.now();
  return inTransaction<StoredJourney, ServiceError>(deps.database, async (trx) => {
    const current = await findJourney(trx, id);
    if (!current) return err(journeyNotFound(id));
    const target = transition(current.status, 'publish', {
      startsInFuture: startsInFuture(current.schedule, now),
    });
    if (!target.ok) return refusal(target.error);
    if (!('status' in target.value)) throw new Error('publish must lead to a status');
    const problems = await checkJourney(trx, current, now);
    if (hasBlockingProblems(problems)) {
      return err({
        code: 'JOURNEY_INVALID',
        message: 'Resolve errors before publishing.',
        details: problems,
      });
    }
    const refused = refusedWebhooks(deps.outbound ?? outboundPolicy(), current.definition.nodes);
    if (refused.length > 0) {
      return err({
        code: 'OUTBOUND_ADDRESS_REFUSED',
        message: `A webhook points to an address Caravan may not call: ${refused[0]?.reason}.`,
        details: refused,
      });
    }
    return changeStatus(trx, current, target.value.status, {
      by: actorId,
      updatedBy: actorId,
      now,
      extra: { publishedAt: now, publishedBy: actorId },
      audit: 'journey.published',
    });
  });
}

async function applyStatusAction(
  deps: EngineDeps,
  actorId: string,
  id: string,
  action: 'close' | 'abort',
): Promise<Result<StoredJourney, ServiceError>> {
  const now = deps.clock.now();
  return inTransaction<StoredJourney, ServiceError>(deps.database, async (trx) => {
    const current = await findJourney(trx, id);
    if (!current) return err(journeyNotFound(id));
    const target = transition(current.status, action);
    if (!target.ok) return refusal(target.error);
    if (!('status' in target.value)) throw new Error(`${action} must lead to a status`);
    return changeStatus(trx, current, target.value.status, {
      by: actorId,
      updatedBy: actorId,
      now,
      audit: action === 'close' ? 'journey.closed' : 'journey.aborted',
    });
  });
}

/** Live → closed: accounts in it continue, no new entries. */
export function closeJourney(deps: EngineDeps, actorId: string, id: string) {
  return applyStatusAction(deps, actorId, id, 'close');
}

/** Live, scheduled or closed → aborted (terminal). */
export function abortJourney(deps: EngineDeps, actorId: string, id: string) {
  return applyStatusAction(deps, actorId, id, 'abort');
}

/** Removes a draft, aborted or completed journey for good. */
export async function deleteJourney(
  deps: EngineDeps,
  actorId: string,
  id: string,
): Promise<Result<void, ServiceError>> {
  const now = deps.clock.now();
  return inTransaction<void, ServiceError>(deps.database, async (trx) => {
    const current = await findJourney(trx, id);
    if (!current) return err(journeyNotFound(id));
    const target = transition(current.status, 'delete');
    if (!target.ok) return refusal(target.error);
    // An empty compare-and-set write locks the row in its checked status, so a concurrent
    // publish cannot slip in between the check and the delete.
    const locked = await updateJourney(trx, id, {}, actorId, now, current.status);
    if (!locked.ok) return locked;
    await deleteJourneyRow(trx, id);
    await auditJourney(trx, actorId, now, 'journey.deleted', current, {
      before: { status: current.status },
    });
    return ok(undefined);
  });
}

export interface DuplicateInput {
  name?: string;
  description?: string;
  type: DuplicationType;
}

/**
 * A new draft from a journey of any status. A skeleton copy also drops the schedule, since it
 * keeps nothing but nodes and paths; a partial copy keeps it.
 */
export async function duplicateJourney(
  deps: EngineDeps,
  actorId: string,
  id: string,
  input: DuplicateInput,
): Promise<Result<StoredJourney, ServiceError>> {
  const now = deps.clock.now();
  return inTransaction<StoredJourney, ServiceError>(deps.database, async (trx) => {
    const source = await findJourney(trx, id);
    if (!source) return err(journeyNotFound(id));
    const allowed = transition(source.status, 'duplicate');
    if (!allowed.ok) return refusal(allowed.error);
    const copy = await insertDraft(trx, actorId, now, {
      name: input.name ?? defaultCopyName(source.name),
      description: input.description ?? source.description,
      definition: duplicateDefinition(source.definition, input.type),
      schedule: input.type === 'skeleton' ? defaultSchedule() : source.schedule,
      settings: duplicateSettings(source.settings, input.type),
    });
    if (copy.ok) {
      await auditJourney(trx, actorId, now, 'journey.created', copy.value, {
        after: { duplicatedFrom: { id: source.id, name: source.name }, type: input.type },
      });
    }
    return copy;
  });
}

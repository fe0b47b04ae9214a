/**
 * The journey lifecycle, exactly as the seed's table (plus `scheduled`):
 *
 *   draft      --publish (start now)-->     live
 *   draft      --publish (future start)-->  scheduled
 *   scheduled  --start (system, at start)--> live
 *   live       --close-->                   closed
 *   live|scheduled|closed --abort-->        aborted     (terminal)
 *   live|closed --complete (system)-->      completed   (terminal)
 *   any        --duplicate-->               (unchanged; a new draft is created)
 *   draft|aborted|completed --delete-->     (gone)
 *
 * Every other (status, action) pair is refused with JOURNEY_ACTION_NOT_ALLOWED.
 */
import { z } from 'zod';
import { err, ok, type Result } from '../result.ts';

export const JourneyStatuses = {
  draft: 'draft',
  scheduled: 'scheduled',
  live: 'live',
  closed: 'closed',
  aborted: 'aborted',
  completed: 'completed',
} as const;

export const JourneyStatus = z.enum([
  'draft',
  'scheduled',
  'live',
  'closed',
  'aborted',
  'completed',
]);
export type JourneyStatus = z.infer<typeof JourneyStatus>;

/** The UI label of every status (English; the web app translates by status value). */
export const journeyStatusLabels: Readonly<Record<JourneyStatus, string>> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  live: 'Live',
  closed: 'Closed to new entries',
  aborted: 'Aborted',
  completed: 'Completed',
};

/** Lifecycle order, used when sorting by status. */
export const journeyStatusOrder: readonly JourneyStatus[] = JourneyStatus.options;

/** Actions a user takes on a journey. */
export const UserAction = z.enum(['publish', 'duplicate', 'close', 'abort', 'delete']);
export type UserAction = z.infer<typeof UserAction>;

/** Actions the system takes by itself. */
export type SystemAction = 'start' | 'complete';
export type JourneyAction = UserAction | SystemAction;

const allowedUserActions: Readonly<Record<JourneyStatus, readonly UserAction[]>> = {
  draft: ['publish', 'duplicate', 'delete'],
  scheduled: ['duplicate', 'abort'],
  live: ['duplicate', 'close', 'abort'],
  closed: ['duplicate', 'abort'],
  aborted: ['duplicate', 'delete'],
  completed: ['duplicate', 'delete'],
};

const allowedSystemActions: Readonly<Record<JourneyStatus, readonly SystemAction[]>> = {
  draft: [],
  scheduled: ['start'],
  live: ['complete'],
  closed: ['complete'],
  aborted: [],
  completed: [],
};

/** The user actions the status allows, in the order the seed lists them. */
export function allowedActions(status: JourneyStatus): readonly UserAction[] {
  return allowedUserActions[status];
}

export interface TransitionError {
  code: 'JOURNEY_ACTION_NOT_ALLOWED';
  message: string;
  status: JourneyStatus;
  action: JourneyAction;
  allowed: readonly UserAction[];
}

/** Where an allowed action leads: a new status, the same status, or removal. */
export type TransitionTarget = { status: JourneyStatus } | { deleted: true };

function isAllowed(status: JourneyStatus, action: JourneyAction): boolean {
  return (
    (allowedUserActions[status] as readonly string[]).includes(action) ||
    (allowedSystemActions[status] as readonly string[]).includes(action)
  );
}

/**
 * The one place that decides whether `action` may happen to a journey in `status`, and what
 * status follows. `startsInFuture` matters only for `publish`.
 */
export function transition(
  status: JourneyStatus,
  action: JourneyAction,
  options: { startsInFuture?: boolean } = {},
): Result<TransitionTarget, TransitionError> {
  if (!isAllowed(status, action)) {
    const allowed = allowedActions(status);
    return err({
      code: 'JOURNEY_ACTION_NOT_ALLOWED',
      message:
        `A journey in status ${journeyStatusLabels[status]} cannot be ${pastTense[action]}; ` +
        `allowed actions: ${allowed.join(', ')}.`,
      status,
      action,
      allowed,
    });
  }
  switch (action) {
    case 'publish':
      return ok({ status: options.startsInFuture ? 'scheduled' : 'live' });
    case 'start':
      return ok({ status: 'live' });
    case 'close':
      return ok({ status: 'closed' });
    case 'abort':
      return ok({ status: 'aborted' });
    case 'complete':
      return ok({ status: 'completed' });
    case 'duplicate':
      return ok({ status });
    case 'delete':
      return ok({ deleted: true });
  }
}

const pastTense: Readonly<Record<JourneyAction, string>> = {
  publish: 'published',
  duplicate: 'duplicated',
  close: 'closed to new entries',
  abort: 'aborted',
  delete: 'deleted',
  start: 'started',
  complete: 'completed',
};

/** What part of a journey is being changed by an edit. */
export type JourneyField =
  'name' | 'description' | 'definition' | 'scheduleStart' | 'scheduleEnd' | 'settings';

const editableFields: Readonly<Record<JourneyStatus, readonly JourneyField[]>> = {
  draft: ['name', 'description', 'definition', 'scheduleStart', 'scheduleEnd', 'settings'],
  scheduled: ['name', 'description', 'scheduleEnd'],
  live: ['name', 'description', 'scheduleEnd'],
  closed: ['name', 'description'],
  aborted: ['name', 'description'],
  completed: ['name', 'description'],
};

export interface EditError {
  code: 'JOURNEY_NOT_EDITABLE';
  message: string;
  status: JourneyStatus;
  fields: JourneyField[];
}

/** Renaming is allowed in every status; the definition, start, re-entry and tokens only in draft. */
export function checkEdit(
  status: JourneyStatus,
  fields: readonly JourneyField[],
): Result<void, EditError> {
  const refused = fields.filter((field) => !editableFields[status].includes(field));
  if (refused.length === 0) return ok(undefined);
  return err({
    code: 'JOURNEY_NOT_EDITABLE',
    message:
      `A journey in status ${journeyStatusLabels[status]} cannot change ${refused.join(', ')}; ` +
      `it can change ${editableFields[status].join(', ')}.`,
    status,
    fields: refused,
  });
}

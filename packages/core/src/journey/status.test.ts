import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  checkEdit,
  journeyStatusLabels,
  transition,
  type JourneyAction,
  type JourneyField,
  type JourneyStatus,
  type UserAction,
} from './status.ts';

// The expected tables are written out by hand from SPEC §1 (not derived from status.ts), so
// that a change to the implementation's tables has to be matched here on purpose.
const refused = 'refused';
const deleted = 'deleted';
type Outcome = JourneyStatus | typeof refused | typeof deleted;

const expectedOutcomes: Record<JourneyStatus, Record<JourneyAction, Outcome>> = {
  draft: {
    publish: 'live',
    duplicate: 'draft',
    close: refused,
    abort: refused,
    delete: deleted,
    start: refused,
    complete: refused,
  },
  scheduled: {
    publish: refused,
    duplicate: 'scheduled',
    close: refused,
    abort: 'aborted',
    delete: refused,
    start: 'live',
    complete: refused,
  },
  live: {
    publish: refused,
    duplicate: 'live',
    close: 'closed',
    abort: 'aborted',
    delete: refused,
    start: refused,
    complete: 'completed',
  },
  closed: {
    publish: refused,
    duplicate: 'closed',
    close: refused,
    abort: 'aborted',
    delete: refused,
    start: refused,
    complete: 'completed',
  },
  aborted: {
    publish: refused,
    duplicate: 'aborted',
    close: refused,
    abort: refused,
    delete: deleted,
    start: refused,
    complete: refused,
  },
  completed: {
    publish: refused,
    duplicate: 'completed',
    close: refused,
    abort: refused,
    delete: deleted,
    start: refused,
    complete: refused,
  },
};

const expectedAllowed: Record<JourneyStatus, UserAction[]> = {
  draft: ['publish', 'duplicate', 'delete'],
  scheduled: ['duplicate', 'abort'],
  live: ['duplicate', 'close', 'abort'],
  closed: ['duplicate', 'abort'],
  aborted: ['duplicate', 'delete'],
  completed: ['duplicate', 'delete'],
};

const expectedLabels: Record<JourneyStatus, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  live: 'Live',
  closed: 'Closed to new entries',
  aborted: 'Aborted',
  completed: 'Completed',
};

const cases = Object.entries(expectedOutcomes).flatMap(([status, row]) =>
  Object.entries(row).map(([action, outcome]) => ({
    status: status as JourneyStatus,
    action: action as JourneyAction,
    outcome,
  })),
);

describe('transition', () => {
  it('covers every status and every user and system action', () => {
    expect(cases).toHaveLength(6 * 7);
  });

  it.each(cases.filter((c) => c.outcome !== refused))(
    'lets a $status journey be $action ($outcome)',
    ({ status, action, outcome }) => {
      const result = transition(status, action);
      expect(result).toEqual({
        ok: true,
        value: outcome === deleted ? { deleted: true } : { status: outcome },
      });
    },
  );

  it.each(cases.filter((c) => c.outcome === refused))(
    'refuses to $action a $status journey, naming the status and the allowed actions',
    ({ status, action }) => {
      const result = transition(status, action);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('JOURNEY_ACTION_NOT_ALLOWED');
      expect(result.error.status).toBe(status);
      expect(result.error.action).toBe(action);
      expect(result.error.allowed).toEqual(expectedAllowed[status]);
      expect(result.error.message).toContain(`status ${expectedLabels[status]}`);
      expect(result.error.message).toContain(
        `allowed actions: ${expectedAllowed[status].join(', ')}`,
      );
    },
  );

  it('publishes a draft with a future start as scheduled', () => {
    expect(transition('draft', 'publish', { startsInFuture: true })).toEqual({
      ok: true,
      value: { status: 'scheduled' },
    });
  });

  it('publishes a draft that starts immediately as live', () => {
    expect(transition('draft', 'publish', { startsInFuture: false })).toEqual({
      ok: true,
      value: { status: 'live' },
    });
  });
});

describe('allowedActions', () => {
  it.each(Object.entries(expectedAllowed))(
    'lists the actions of a %s journey',
    (status, actions) => {
      expect(allowedActions(status as JourneyStatus)).toEqual(actions);
    },
  );
});

describe('journeyStatusLabels', () => {
  it('names every status as the UI shows it', () => {
    expect(journeyStatusLabels).toEqual(expectedLabels);
  });
});

describe('checkEdit', () => {
  const everyField: JourneyField[] = [
    'name',
    'description',
    'definition',
    'scheduleStart',
    'scheduleEnd',
    'settings',
  ];
  const expectedEditable: Record<JourneyStatus, JourneyField[]> = {
    draft: everyField,
    scheduled: ['name', 'description', 'scheduleEnd'],
    live: ['name', 'description', 'scheduleEnd'],
    closed: ['name', 'description'],
    aborted: ['name', 'description'],
    completed: ['name', 'description'],
  };
  const editCases = Object.entries(expectedEditable).flatMap(([status, editable]) =>
    everyField.map((field) => ({
      status: status as JourneyStatus,
      field,
      editable: editable.includes(field),
    })),
  );

  it.each(editCases.filter((c) => c.editable))('lets a $status journey change $field', (c) => {
    expect(checkEdit(c.status, [c.field])).toEqual({ ok: true, value: undefined });
  });

  it.each(editCases.filter((c) => !c.editable))(
    'refuses to change $field of a $status journey',
    ({ status, field }) => {
      const result = checkEdit(status, [field]);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('JOURNEY_NOT_EDITABLE');
      expect(result.error.fields).toEqual([field]);
      expect(result.error.message).toContain(expectedLabels[status]);
    },
  );

  it('names only the refused fields when some fields of an edit are allowed', () => {
    const result = checkEdit('live', ['name', 'definition', 'scheduleEnd', 'settings']);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.fields).toEqual(['definition', 'settings']);
  });

  it('accepts an edit that changes nothing', () => {
    expect(checkEdit('completed', [])).toEqual({ ok: true, value: undefined });
  });
});

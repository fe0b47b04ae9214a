/**
 * Resolves what a definition references, so that core validation (which does no I/O) can check
 * it. One query per kind of reference (`where id in (...)`), never one per reference, so that a
 * large journey validates in a fixed number of round trips.
 */
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import type { JourneyStatus } from '@caravan/core/journey/status';
import {
  collectReferences,
  type ReferenceKind,
  type ReferenceLookup,
  type ReferenceState,
} from '@caravan/core/journey/validation';
import { assertNever } from '@caravan/core/result';
import type { Db } from '@caravan/storage/database';

/** Statuses from which a journey can never admit an account again. */
const neverAdmits: readonly JourneyStatus[] = ['closed', 'aborted', 'completed'];

/** The state of every id asked for; an id the query did not return is missing. */
type States = Map<string, ReferenceState>;

function withMissing(ids: readonly string[], found: States): States {
  for (const id of ids) if (!found.has(id)) found.set(id, { state: 'missing' });
  return found;
}

async function resolveJourneys(db: Db, ids: string[]): Promise<States> {
  const rows = await db
    .selectFrom('journeys')
    .select(['id', 'name', 'status'])
    .where('id', 'in', ids)
    .execute();
  const states: States = new Map();
  for (const row of rows) {
    const status = row.status as JourneyStatus;
    states.set(
      row.id,
      neverAdmits.includes(status)
        ? { state: 'unusable', reason: `journey "${row.name}" is ${status}` }
        : { state: 'usable' },
    );
  }
  return states;
}

/** Audiences and lists both have a draft state that a live journey must not depend on. */
async function resolveDraftable(
  db: Db,
  table: 'audiences' | 'account_lists',
  ids: string[],
  what: string,
): Promise<States> {
  const rows = await db
    .selectFrom(table)
    .select(['id', 'name', 'status'])
    .where('id', 'in', ids)
    .execute();
  const states: States = new Map();
  for (const row of rows) {
    states.set(
      row.id,
      row.status === 'live'
        ? { state: 'usable' }
        : { state: 'unusable', reason: `the ${what} "${row.name}" is a draft; publish it first` },
    );
  }
  return states;
}

/** Kinds that are usable as soon as they exist. */
async function resolveExisting(
  db: Db,
  table: 'emails' | 'sms_messages' | 'solution_interests' | 'external_services',
  ids: string[],
): Promise<States> {
  const rows = await db.selectFrom(table).select('id').where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, { state: 'usable' }] as const));
}

async function resolveKind(db: Db, kind: ReferenceKind, ids: string[]): Promise<States> {
  switch (kind) {
    case 'journey':
      return withMissing(ids, await resolveJourneys(db, ids));
    case 'audience':
      return withMissing(ids, await resolveDraftable(db, 'audiences', ids, 'audience'));
    case 'accountList':
      return withMissing(ids, await resolveDraftable(db, 'account_lists', ids, 'list'));
    case 'email':
      return withMissing(ids, await resolveExisting(db, 'emails', ids));
    case 'sms':
      return withMissing(ids, await resolveExisting(db, 'sms_messages', ids));
    case 'solutionInterest':
      return withMissing(ids, await resolveExisting(db, 'solution_interests', ids));
    case 'externalService':
      return withMissing(ids, await resolveExisting(db, 'external_services', ids));
    default:
      return assertNever(kind);
  }
}

export async function resolveReferences(
  db: Db,
  definition: JourneyDefinition,
): Promise<ReferenceLookup> {
  const idsByKind = new Map<ReferenceKind, Set<string>>();
  for (const reference of collectReferences(definition)) {
    const ids = idsByKind.get(reference.kind) ?? new Set<string>();
    ids.add(reference.id);
    idsByKind.set(reference.kind, ids);
  }
  const byKind = new Map<ReferenceKind, States>();
  for (const [kind, ids] of idsByKind) byKind.set(kind, await resolveKind(db, kind, [...ids]));
  return {
    lookup: (kind, id) => byKind.get(kind)?.get(id) ?? { state: 'unchecked' },
  };
}

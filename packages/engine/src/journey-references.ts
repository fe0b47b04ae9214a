/**
 * Resolves what a definition references, so that core validation (which does no I/O) can check
 * it. Only journeys are stored so far; every other kind is 'unchecked' until the B2B data model
 * adds its tables.
 */
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import type { JourneyStatus } from '@caravan/core/journey/status';
import {
  collectReferences,
  type ReferenceKind,
  type ReferenceLookup,
  type ReferenceState,
} from '@caravan/core/journey/validation';
import type { Db } from '@caravan/storage/database';
import { findJourney } from '@caravan/storage/journey.repository';

/** Statuses from which a journey can never admit an account again. */
const neverAdmits: readonly JourneyStatus[] = ['closed', 'aborted', 'completed'];

async function resolveJourney(db: Db, id: string): Promise<ReferenceState> {
  const target = await findJourney(db, id);
  if (!target) return { state: 'missing' };
  if (neverAdmits.includes(target.status)) {
    return { state: 'unusable', reason: `journey "${target.name}" is ${target.status}` };
  }
  return { state: 'usable' };
}

export async function resolveReferences(
  db: Db,
  definition: JourneyDefinition,
): Promise<ReferenceLookup> {
  const states = new Map<string, ReferenceState>();
  const key = (kind: ReferenceKind, id: string) => `${kind}:${id}`;
  for (const reference of collectReferences(definition)) {
    const k = key(reference.kind, reference.id);
    if (states.has(k)) continue;
    states.set(
      k,
      reference.kind === 'journey'
        ? await resolveJourney(db, reference.id)
        : { state: 'unchecked' },
    );
  }
  return { lookup: (kind, id) => states.get(key(kind, id)) ?? { state: 'unchecked' } };
}

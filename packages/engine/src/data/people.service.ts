/**
 * People: list, read, create, change, delete and upsert by external id, with custom attributes
 * checked against their declarations. A change records `personAttributeChanged` activities in the
 * same transaction (see `person-change.ts`).
 */
import type { Person, PersonInput, PersonPatch } from '@caravan/core/b2b/person';
import { err, ok, type Result } from '@caravan/core/result';
import { listPersonAccounts } from '@caravan/storage/account-membership.repository';
import { recordActivities } from '@caravan/storage/activity.repository';
import type { Db } from '@caravan/storage/database';
import { applyPersonChanges } from '@caravan/storage/person.mapper';
import {
  deletePerson as deletePersonRow,
  findPerson,
  findPersonByExternalId,
  insertPerson,
  listPeople as listPeopleRows,
  updatePerson,
  type PersonTaken,
} from '@caravan/storage/person.repository';
import type { ListQuery, Page } from './accounts.service.ts';
import { checkAttributes, type DataDeps } from './attribute-definitions.service.ts';
import { personNotFound, type DataError } from './data-error.ts';
import { reevaluateAccounts } from '../segments/membership-evaluation.ts';
import { pagedSearch } from './page-cursor.ts';
import { diffPerson, personChangeActivities } from './person-change.ts';
import { inTransaction } from '../runtime/transaction.ts';

export async function listPeople(
  deps: DataDeps,
  query: ListQuery,
): Promise<Result<Page<Person>, DataError>> {
  return pagedSearch(query, (q) => listPeopleRows(deps.database.db, q));
}

export async function getPerson(deps: DataDeps, id: string): Promise<Result<Person, DataError>> {
  const person = await findPerson(deps.database.db, id);
  return person ? ok(person) : err(personNotFound(id));
}

function takenError(taken: PersonTaken): DataError {
  return {
    code: taken.code === 'EMAIL_TAKEN' ? 'PERSON_EMAIL_TAKEN' : 'PERSON_EXTERNAL_ID_TAKEN',
    message: taken.message,
  };
}

export async function insertCheckedPerson(
  db: Db,
  now: Date,
  input: PersonInput,
): Promise<Result<Person, DataError>> {
  const attributes = await checkAttributes(db, 'person', input.attributes);
  if (!attributes.ok) return attributes;
  const inserted = await insertPerson(db, {
    ...input,
    attributes: attributes.value ?? {},
    id: crypto.randomUUID(),
    now,
  });
  return inserted.ok ? inserted : err(takenError(inserted.error));
}

export async function createPerson(
  deps: DataDeps,
  input: PersonInput,
): Promise<Result<Person, DataError>> {
  return inTransaction(deps.database, (trx) => insertCheckedPerson(trx, deps.clock.now(), input));
}

/** Applies a patch in `db` and records what changed at each of the person's accounts. */
export async function patchPersonIn(
  db: Db,
  now: Date,
  id: string,
  patch: PersonPatch,
): Promise<Result<Person, DataError>> {
  const before = await findPerson(db, id);
  if (!before) return err(personNotFound(id));
  const { attributes: given, ...standard } = patch;
  const attributes = await checkAttributes(db, 'person', given);
  if (!attributes.ok) return attributes;
  const changes = { ...standard, ...(attributes.value ? { attributes: attributes.value } : {}) };
  const after = applyPersonChanges(before, changes);
  if (after.email === null && after.mobilePhone === null && after.externalId === null) {
    return err({
      code: 'VALIDATION_FAILED',
      message: 'email: a person needs an email, a mobile phone or an external id',
      details: [
        {
          path: 'body.email',
          message: 'a person needs an email, a mobile phone or an external id',
        },
      ],
    });
  }
  const updated = await updatePerson(db, id, changes, now);
  if (!updated.ok) {
    return err(updated.error.code === 'NOT_FOUND' ? personNotFound(id) : takenError(updated.error));
  }
  const made = diffPerson(before, updated.value);
  if (made.length > 0) {
    const accountIds = (await listPersonAccounts(db, id)).map((m) => m.account.id);
    await recordActivities(db, personChangeActivities(id, accountIds, made, now));
    // Person rules of audiences and dynamic lists look at every account of the person.
    await reevaluateAccounts(db, accountIds, now);
  }
  return ok(updated.value);
}

export async function patchPerson(
  deps: DataDeps,
  id: string,
  patch: PersonPatch,
): Promise<Result<Person, DataError>> {
  return inTransaction(deps.database, (trx) => patchPersonIn(trx, deps.clock.now(), id, patch));
}

export async function deletePerson(deps: DataDeps, id: string): Promise<Result<true, DataError>> {
  return (await deletePersonRow(deps.database.db, id)) ? ok(true) : err(personNotFound(id));
}

export type PersonUpsertFields = Omit<PersonPatch, 'externalId'>;

/** Changes the person with this external id, or creates them; fields left out keep their value. */
export async function upsertPersonIn(
  db: Db,
  now: Date,
  externalId: string,
  fields: PersonUpsertFields,
): Promise<Result<{ person: Person; created: boolean }, DataError>> {
  const existing = await findPersonByExternalId(db, externalId);
  if (existing) {
    const patched = await patchPersonIn(db, now, existing.id, fields);
    return patched.ok ? ok({ person: patched.value, created: false }) : patched;
  }
  const created = await insertCheckedPerson(db, now, {
    email: null,
    mobilePhone: null,
    firstName: null,
    lastName: null,
    jobTitle: null,
    city: null,
    country: null,
    emailConsent: 'optedIn',
    smsConsent: 'optedOut',
    attributes: {},
    ...fields,
    externalId,
  });
  return created.ok ? ok({ person: created.value, created: true }) : created;
}

export async function upsertPersonByExternalId(
  deps: DataDeps,
  externalId: string,
  fields: PersonUpsertFields,
): Promise<Result<{ person: Person; created: boolean }, DataError>> {
  return inTransaction(deps.database, (trx) =>
    upsertPersonIn(trx, deps.clock.now(), externalId, fields),
  );
}

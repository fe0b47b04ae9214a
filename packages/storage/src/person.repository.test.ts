import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { aPerson, storedPerson } from './b2b-fixtures.ts';
import type { Database } from './database.ts';
import { upsertPeople } from './person-upsert.repository.ts';
import {
  deletePerson,
  findPerson,
  findPersonByEmail,
  findPersonByExternalId,
  insertPerson,
  listPeople,
  updatePerson,
} from './person.repository.ts';
import { openTestDatabase, testDialects } from './test-databases.ts';
import { at, t0 } from './test-fixtures.ts';

describe.each(testDialects)('people on %s', (dialect) => {
  let database: Database;
  beforeEach(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
  });
  afterEach(async () => {
    await database.close();
  });

  it('reads back every field of an inserted person, by id, email ignoring case and external id', async () => {
    const { db } = database;
    const person = aPerson({
      email: 'Ada@Example.com',
      mobilePhone: '+46701234567',
      firstName: 'Ada',
      lastName: 'Lovelace',
      jobTitle: 'CTO',
      city: 'London',
      country: 'GB',
      emailConsent: 'optedOut',
      smsConsent: 'optedIn',
      externalId: 'p-1',
      attributes: { seniority: 3 },
    });
    expect(await insertPerson(db, { ...person, now: t0 })).toEqual({ ok: true, value: person });
    expect(await findPerson(db, person.id)).toEqual(person);
    expect(await findPersonByEmail(db, 'ada@example.COM')).toEqual(person);
    expect(await findPersonByExternalId(db, 'p-1')).toEqual(person);
    expect(await findPerson(db, randomUUID())).toBeUndefined();
  });

  it('answers EMAIL_TAKEN for an email differing only in case, and EXTERNAL_ID_TAKEN', async () => {
    const { db } = database;
    await storedPerson(db, { email: 'ada@example.com', externalId: 'p-1' });
    expect(
      await insertPerson(db, { ...aPerson({ email: 'ADA@example.com' }), now: t0 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'EMAIL_TAKEN' },
    });
    expect(await insertPerson(db, { ...aPerson({ externalId: 'p-1' }), now: t0 })).toMatchObject({
      ok: false,
      error: { code: 'EXTERNAL_ID_TAKEN' },
    });
    // Many people without an email are fine.
    await storedPerson(db, { mobilePhone: '+46701234567' });
    await storedPerson(db, { mobilePhone: '+46701234568' });
  });

  it('updates a person, merging custom attributes, and refuses a taken email', async () => {
    const { db } = database;
    await storedPerson(db, { email: 'taken@example.com' });
    const ada = await storedPerson(db, { email: 'ada@example.com', attributes: { a: 1, b: 2 } });
    const updated = await updatePerson(
      db,
      ada.id,
      { jobTitle: 'CEO', attributes: { a: null, c: 'x' } },
      at(1),
    );
    expect(updated).toEqual({
      ok: true,
      value: { ...ada, jobTitle: 'CEO', attributes: { b: 2, c: 'x' } },
    });
    expect(await findPerson(db, ada.id)).toEqual(updated.ok && updated.value);
    expect(await updatePerson(db, ada.id, { email: 'TAKEN@example.com' }, at(2))).toMatchObject({
      ok: false,
      error: { code: 'EMAIL_TAKEN' },
    });
    expect(await updatePerson(db, randomUUID(), { jobTitle: 'x' }, at(2))).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('lists people by last name with the total and searches email and names', async () => {
    const { db } = database;
    await storedPerson(db, { email: 'z@example.com', lastName: 'Young' });
    await storedPerson(db, { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' });
    await storedPerson(db, { email: 'grace@navy.mil', firstName: 'Grace', lastName: 'Hopper' });
    const page = await listPeople(db, { limit: 2, offset: 0 });
    expect(page.total).toBe(3);
    expect(page.items.map((p) => p.lastName)).toEqual(['Hopper', 'Lovelace']);
    expect(
      (await listPeople(db, { search: 'NAVY', limit: 10, offset: 0 })).items.map(
        (p) => p.firstName,
      ),
    ).toEqual(['Grace']);
    expect((await listPeople(db, { search: 'ada', limit: 10, offset: 0 })).total).toBe(1);
  });

  it('deletes a person', async () => {
    const { db } = database;
    const ada = await storedPerson(db, { email: 'ada@example.com' });
    expect(await deletePerson(db, ada.id)).toBe(true);
    expect(await deletePerson(db, ada.id)).toBe(false);
  });

  it('upserts a batch mixing new people and people matching by external id or by email', async () => {
    const { db } = database;
    const byExternalId = await storedPerson(db, { externalId: 'p-1', email: 'one@example.com' });
    const byEmail = await storedPerson(db, { email: 'two@example.com', firstName: 'Two' });
    const result = await upsertPeople(
      db,
      [
        { id: randomUUID(), externalId: 'p-1', jobTitle: 'CFO' },
        { id: randomUUID(), email: 'TWO@example.com', lastName: 'Second' },
        { id: randomUUID(), email: 'three@example.com', firstName: 'Three' },
        { id: randomUUID(), email: 'three@example.com', smsConsent: 'optedIn' },
        { id: randomUUID(), email: 'one@example.com' },
      ],
      at(1),
    );
    expect(result).toMatchObject({ inserted: 1, updated: 2, unchanged: 0 });
    expect(result.ids.slice(0, 2)).toEqual([byExternalId.id, byEmail.id]);
    expect(result.ids[4]).toBe(byExternalId.id);
    expect(await findPerson(db, byExternalId.id)).toEqual({ ...byExternalId, jobTitle: 'CFO' });
    expect(await findPerson(db, byEmail.id)).toEqual({
      ...byEmail,
      email: 'TWO@example.com',
      lastName: 'Second',
    });
    expect(await findPersonByEmail(db, 'three@example.com')).toMatchObject({
      firstName: 'Three',
      smsConsent: 'optedIn',
      emailConsent: 'optedIn',
    });
    expect((await listPeople(db, { limit: 10, offset: 0 })).total).toBe(3);
  });

  it('matches a batch by email alone, and a batch by external id alone', async () => {
    const { db } = database;
    const stored = await storedPerson(db, { externalId: 'p-1', email: 'one@example.com' });
    const byEmail = await upsertPeople(
      db,
      [{ id: randomUUID(), email: 'ONE@example.com', firstName: 'One' }],
      at(1),
    );
    const byExternalId = await upsertPeople(
      db,
      [{ id: randomUUID(), externalId: 'p-1', lastName: 'Last' }],
      at(2),
    );
    expect(byEmail).toMatchObject({ inserted: 0, updated: 1, ids: [stored.id] });
    expect(byExternalId).toMatchObject({ inserted: 0, updated: 1, ids: [stored.id] });
    expect(await findPerson(db, stored.id)).toMatchObject({ firstName: 'One', lastName: 'Last' });
  });
});

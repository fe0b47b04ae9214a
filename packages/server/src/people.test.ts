import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listActivities } from '@caravan/storage/activity.repository';
import { testDialects } from '@caravan/storage/test-databases';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

describe.each(testDialects)('people API on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;
  let viewer: Client;

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    manager = (await t.signIn('manager')).client;
    viewer = (await t.signIn('viewer')).client;
    await manager.post('/attribute-definitions', {
      entity: 'person',
      name: 'score',
      label: 'Lead score',
      type: 'number',
    });
  });
  afterAll(async () => t.close());

  const create = async (body: Record<string, unknown>) => {
    const response = await manager.post('/people', body);
    expect(response.status).toBe(201);
    return response.body;
  };

  it('answers 201 with consent defaults (email in, SMS out), then 200 when read back', async () => {
    const person = await create({
      email: 'grace@navy.example',
      firstName: 'Grace',
      lastName: 'Hopper',
      mobilePhone: '+46701234567',
      attributes: { score: 80 },
    });
    expect(person).toMatchObject({
      emailConsent: 'optedIn',
      smsConsent: 'optedOut',
      jobTitle: null,
    });
    expect((await manager.get(`/people/${person.id}`)).body).toEqual(person);
  });

  it('answers 400 naming the field when a person has no email, phone or external id, or a bad phone', async () => {
    const nobody = await manager.post('/people', { firstName: 'Nobody' });
    expect(nobody.status).toBe(400);
    expect(nobody.body.error.message).toContain('email');
    const badPhone = await manager.post('/people', {
      email: 'p@x.example',
      mobilePhone: '0701234',
    });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.error.details[0].path).toBe('body.mobilePhone');
  });

  it('answers 422 ATTRIBUTES_INVALID when a custom attribute is undeclared or of the wrong type', async () => {
    const response = await manager.post('/people', {
      email: 'typed@x.example',
      attributes: { score: 'high', shoeSize: 42 },
    });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('ATTRIBUTES_INVALID');
    expect(response.body.error.details).toHaveLength(2);
  });

  it('answers 409 PERSON_EMAIL_TAKEN for an email another person has in any case', async () => {
    await create({ email: 'taken@x.example' });
    const again = await manager.post('/people', { email: 'TAKEN@x.example' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('PERSON_EMAIL_TAKEN');
  });

  it('answers 409 PERSON_EXTERNAL_ID_TAKEN for an external id another person has', async () => {
    await create({ externalId: 'u-1' });
    const again = await manager.post('/people', { externalId: 'u-1' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('PERSON_EXTERNAL_ID_TAKEN');
  });

  it('records a personAttributeChanged activity at each of the person’s accounts on a patch', async () => {
    const account = (await manager.post('/accounts', { name: 'Person Changes Inc' })).body;
    const person = await create({
      email: 'change@x.example',
      jobTitle: 'Analyst',
      attributes: { score: 10 },
    });
    await manager.put(`/accounts/${account.id}/people/${person.id}`);
    const patched = await manager.patch(`/people/${person.id}`, {
      jobTitle: 'CFO',
      attributes: { score: 55 },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ jobTitle: 'CFO', attributes: { score: 55 } });
    const activities = await listActivities(t.database.db, { accountId: account.id, limit: 10 });
    expect(
      activities
        .map((a) => [
          a.type,
          a.personId,
          a.properties.attribute,
          a.properties.old,
          a.properties.new,
        ])
        .sort(),
    ).toEqual([
      ['personAttributeChanged', person.id, 'jobTitle', 'Analyst', 'CFO'],
      ['personAttributeChanged', person.id, 'score', 10, 55],
    ]);
  });

  it('answers 400 naming the email when a patch would leave the person without any identifier', async () => {
    const person = await create({ email: 'only-email@x.example' });
    const response = await manager.patch(`/people/${person.id}`, { email: null });
    expect(response.status).toBe(400);
    expect(response.body.error.details[0].path).toBe('body.email');
    expect((await manager.get(`/people/${person.id}`)).body.email).toBe('only-email@x.example');
  });

  it('answers 201 to an upsert of a new external id and 200 when it changes that person', async () => {
    const created = await manager.put('/people/by-external-id/crm-42', {
      email: 'upsert@x.example',
    });
    expect(created.status).toBe(201);
    const changed = await manager.put('/people/by-external-id/crm-42', { firstName: 'Uma' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      id: created.body.id,
      externalId: 'crm-42',
      email: 'upsert@x.example',
      firstName: 'Uma',
    });
  });

  it('answers 200 with pages of people found by email or name', async () => {
    for (const last of ['Searchable-1', 'Searchable-2', 'Searchable-3']) {
      await create({ email: `${last.toLowerCase()}@find.example`, lastName: last });
    }
    const first = await manager.get('/people?search=searchable&limit=2');
    expect(first.body.total).toBe(3);
    expect(first.body.items).toHaveLength(2);
    const rest = await manager.get(
      `/people?search=searchable&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(rest.body.items.map((p: { lastName: string }) => p.lastName)).toEqual(['Searchable-3']);
    expect(rest.body.nextCursor).toBeNull();
  });

  it('answers 204 to a delete, then 404 PERSON_NOT_FOUND', async () => {
    const person = await create({ email: 'gone@x.example' });
    expect((await manager.delete(`/people/${person.id}`)).status).toBe(204);
    const gone = await manager.get(`/people/${person.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('PERSON_NOT_FOUND');
    expect((await manager.get(`/people/${person.id}/accounts`)).status).toBe(404);
  });

  it('answers 401 without credentials and 403 when a viewer changes a person', async () => {
    expect((await t.anonymous.get('/people')).status).toBe(401);
    expect((await viewer.post('/people', { email: 'v@x.example' })).status).toBe(403);
    expect((await viewer.get('/people')).status).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDialects } from '@caravan/storage/test-databases';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

describe.each(testDialects)('attribute definitions API on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;
  let viewer: Client;

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    manager = (await t.signIn('manager')).client;
    viewer = (await t.signIn('viewer')).client;
  });
  afterAll(async () => t.close());

  it('answers 201 to a declaration and lists declarations by entity then name', async () => {
    const tier = { entity: 'account', name: 'tier', label: 'Tier', type: 'text' };
    expect((await manager.post('/attribute-definitions', tier)).body).toEqual(tier);
    await manager.post('/attribute-definitions', {
      entity: 'person',
      name: 'nps',
      label: 'NPS',
      type: 'number',
    });
    await manager.post('/attribute-definitions', {
      entity: 'account',
      name: 'arr',
      label: 'ARR',
      type: 'number',
    });
    const all = await manager.get('/attribute-definitions');
    expect(
      all.body.items.map((d: { entity: string; name: string }) => `${d.entity}.${d.name}`),
    ).toEqual(['account.arr', 'account.tier', 'person.nps']);
    const people = await viewer.get('/attribute-definitions?entity=person');
    expect(people.body.items).toHaveLength(1);
  });

  it('answers 409 ATTRIBUTE_NAME_TAKEN when the entity already declares the name', async () => {
    await manager.post('/attribute-definitions', {
      entity: 'person',
      name: 'dup',
      label: 'Dup',
      type: 'text',
    });
    const again = await manager.post('/attribute-definitions', {
      entity: 'person',
      name: 'dup',
      label: 'Other',
      type: 'date',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ATTRIBUTE_NAME_TAKEN');
    const otherEntity = await manager.post('/attribute-definitions', {
      entity: 'account',
      name: 'dup',
      label: 'Dup',
      type: 'text',
    });
    expect(otherEntity.status).toBe(201);
  });

  it('answers 400 VALIDATION_FAILED for a name that cannot be a token or an unknown type', async () => {
    const response = await manager.post('/attribute-definitions', {
      entity: 'account',
      name: '1st place',
      label: 'x',
      type: 'colour',
    });
    expect(response.status).toBe(400);
    const paths = response.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.type']));
  });

  it('answers 200 to a relabel and 404 ATTRIBUTE_NOT_FOUND for an undeclared one', async () => {
    await manager.post('/attribute-definitions', {
      entity: 'account',
      name: 'region',
      label: 'Region',
      type: 'text',
    });
    const relabelled = await manager.patch('/attribute-definitions/account/region', {
      label: 'Sales region',
    });
    expect(relabelled.status).toBe(200);
    expect(relabelled.body.label).toBe('Sales region');
    const missing = await manager.patch('/attribute-definitions/person/region', { label: 'x' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('ATTRIBUTE_NOT_FOUND');
  });

  it('answers 204 to a removal, after which values of that name are refused', async () => {
    await manager.post('/attribute-definitions', {
      entity: 'account',
      name: 'legacy',
      label: 'Legacy',
      type: 'boolean',
    });
    expect((await manager.delete('/attribute-definitions/account/legacy')).status).toBe(204);
    expect((await manager.delete('/attribute-definitions/account/legacy')).status).toBe(404);
    const refused = await manager.post('/accounts', {
      name: 'Legacy Co',
      attributes: { legacy: true },
    });
    expect(refused.status).toBe(422);
  });

  it('answers 403 when a viewer declares an attribute and 401 without credentials', async () => {
    const body = { entity: 'account', name: 'viewerMade', label: 'x', type: 'text' };
    expect((await viewer.post('/attribute-definitions', body)).status).toBe(403);
    expect((await t.anonymous.get('/attribute-definitions')).status).toBe(401);
  });
});

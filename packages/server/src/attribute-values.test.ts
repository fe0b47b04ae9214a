import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDialects } from '@caravan/storage/test-databases';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

describe.each(testDialects)('attribute values API on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;
  let viewer: Client;

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    manager = (await t.signIn('manager')).client;
    viewer = (await t.signIn('viewer')).client;
    await manager.post('/attribute-definitions', {
      entity: 'account',
      name: 'tier',
      label: 'Tier',
      type: 'text',
    });
    const accounts = [
      ['Acme', 'Software', 'Gold'],
      ['Globex', 'Software', 'Silver'],
      ['Initech', 'Software', 'Gold'],
      ['Umbrella', 'Finance', 'Gold'],
      ['Hooli', 'Retail', undefined],
      ['Nameless', undefined, undefined],
    ] as const;
    for (const [name, industry, tier] of accounts) {
      const created = await manager.post('/accounts', {
        name,
        ...(industry ? { industry } : {}),
        ...(tier ? { attributes: { tier } } : {}),
      });
      expect(created.status).toBe(201);
    }
  });
  afterAll(async () => t.close());

  it('lists the values of a standard field most frequent first, without empty ones', async () => {
    const answer = await viewer.get('/attribute-values?entity=account&attribute=industry');
    expect(answer.status).toBe(200);
    expect(answer.body.items).toEqual([
      { value: 'Software', count: 3 },
      { value: 'Finance', count: 1 },
      { value: 'Retail', count: 1 },
    ]);
  });

  it('lists the values of a custom attribute from the stored attributes', async () => {
    const answer = await viewer.get('/attribute-values?entity=account&attribute=tier');
    expect(answer.body.items).toEqual([
      { value: 'Gold', count: 3 },
      { value: 'Silver', count: 1 },
    ]);
  });

  it('searches case-insensitively and honours the limit', async () => {
    const searched = await viewer.get(
      '/attribute-values?entity=account&attribute=industry&search=fIN',
    );
    expect(searched.body.items).toEqual([{ value: 'Finance', count: 1 }]);
    const limited = await viewer.get('/attribute-values?entity=account&attribute=industry&limit=1');
    expect(limited.body.items).toEqual([{ value: 'Software', count: 3 }]);
  });

  it('answers 404 ATTRIBUTE_NOT_FOUND for an undeclared attribute and 400 for bad input', async () => {
    const unknown = await viewer.get('/attribute-values?entity=account&attribute=shoeSize');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('ATTRIBUTE_NOT_FOUND');
    const entity = await viewer.get('/attribute-values?entity=company&attribute=industry');
    expect(entity.status).toBe(400);
    expect(entity.body.error.code).toBe('VALIDATION_FAILED');
    const name = await viewer.get('/attribute-values?entity=account&attribute=x%27%20or%201');
    expect(name.status).toBe(400);
    const limit = await viewer.get('/attribute-values?entity=account&attribute=industry&limit=0');
    expect(limit.status).toBe(400);
  });
});

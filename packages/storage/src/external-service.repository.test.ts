import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Database } from './database.ts';
import {
  deleteExternalService,
  findExternalService,
  insertExternalService,
  listExternalServices,
  updateExternalService,
  type ExternalServiceFields,
} from './external-service.repository.ts';
import { openTestDatabase, testDialects } from './test-databases.ts';
import { at, t0 } from './test-fixtures.ts';

function aService(overrides: Partial<ExternalServiceFields> = {}) {
  return {
    id: randomUUID(),
    name: 'Lead scoring',
    url: 'https://scoring.example.com/score',
    secret: 'a-long-enough-secret',
    timeoutSeconds: 300,
    now: t0,
    ...overrides,
  };
}

describe.each(testDialects)('external services on %s', (dialect) => {
  let database: Database;
  beforeEach(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
  });
  afterEach(async () => {
    await database.close();
  });

  it('round-trips a service with its timestamps', async () => {
    const { db } = database;
    const service = aService();
    const inserted = await insertExternalService(db, service);
    const expected = {
      id: service.id,
      name: 'Lead scoring',
      url: 'https://scoring.example.com/score',
      secret: 'a-long-enough-secret',
      timeoutSeconds: 300,
      createdAt: t0.toISOString(),
      updatedAt: t0.toISOString(),
    };
    expect(inserted).toEqual({ ok: true, value: expected });
    expect(await findExternalService(db, service.id)).toEqual(expected);
    expect(await findExternalService(db, randomUUID())).toBeUndefined();
  });

  it('answers NAME_TAKEN for a name differing only in case, on insert and on update', async () => {
    const { db } = database;
    await insertExternalService(db, aService());
    const other = aService({ name: 'Enrichment' });
    await insertExternalService(db, other);
    expect(await insertExternalService(db, aService({ name: 'LEAD SCORING' }))).toMatchObject({
      ok: false,
      error: { code: 'NAME_TAKEN' },
    });
    expect(
      await updateExternalService(db, other.id, { name: 'lead Scoring' }, at(1)),
    ).toMatchObject({ ok: false, error: { code: 'NAME_TAKEN' } });
  });

  it('updates only the given fields and stamps updatedAt', async () => {
    const { db } = database;
    const service = aService();
    await insertExternalService(db, service);
    const updated = await updateExternalService(
      db,
      service.id,
      { url: 'http://127.0.0.1:9000/score', timeoutSeconds: 60 },
      at(5),
    );
    expect(updated).toMatchObject({
      ok: true,
      value: {
        name: 'Lead scoring',
        url: 'http://127.0.0.1:9000/score',
        secret: 'a-long-enough-secret',
        timeoutSeconds: 60,
        createdAt: t0.toISOString(),
        updatedAt: at(5).toISOString(),
      },
    });
    expect(await updateExternalService(db, randomUUID(), { name: 'x' }, at(5))).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('lists by name with a case-insensitive search, and deletes', async () => {
    const { db } = database;
    const scoring = aService();
    await insertExternalService(db, scoring);
    await insertExternalService(db, aService({ name: 'enrichment' }));
    await insertExternalService(db, aService({ name: 'CRM sync 100%' }));
    const all = await listExternalServices(db, { limit: 10, offset: 0 });
    expect(all.total).toBe(3);
    expect(all.items.map((s) => s.name)).toEqual(['CRM sync 100%', 'enrichment', 'Lead scoring']);
    const page = await listExternalServices(db, { limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 3, items: [{ name: 'enrichment' }] });
    const found = await listExternalServices(db, { search: '100%', limit: 10, offset: 0 });
    expect(found.items.map((s) => s.name)).toEqual(['CRM sync 100%']);
    expect(await deleteExternalService(db, scoring.id)).toBe(true);
    expect(await deleteExternalService(db, scoring.id)).toBe(false);
    expect((await listExternalServices(db, { limit: 10, offset: 0 })).total).toBe(2);
  });
});

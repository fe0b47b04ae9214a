import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { ManualClock } from '@caravan/engine/runtime/clock';
import type { Database } from '@caravan/storage/database';
import { listJourneys } from '@caravan/storage/journey.repository';
import { openTestDatabase, testDialects } from '@caravan/storage/test-databases';
import { countUsers, findUserByEmail } from '@caravan/storage/user.repository';
import { bootstrapFirstAdmin } from './bootstrap.ts';
import { verifyPassword } from './password.ts';

describe.each(testDialects)('first admin bootstrap on %s', (dialect) => {
  let database: Database;
  const clock = new ManualClock(new Date('2026-03-02T09:00:00.000Z'));

  beforeEach(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
  });
  afterEach(async () => database.close());

  it('creates an admin with the configured password on an empty database', async () => {
    const admin = await bootstrapFirstAdmin(database, clock, {
      adminEmail: 'ops@example.com',
      adminPassword: 'configured secret',
    });
    expect(admin?.generatedPassword).toBeUndefined();
    expect(admin?.user.role).toBe('admin');
    const stored = await findUserByEmail(database.db, 'ops@example.com');
    expect(stored && (await verifyPassword('configured secret', stored.passwordHash))).toBe(true);
  });

  it('generates a password, returned once, when none is configured', async () => {
    const admin = await bootstrapFirstAdmin(database, clock, {
      adminEmail: 'admin@localhost',
      adminPassword: undefined,
    });
    expect(admin?.generatedPassword).toBeDefined();
    const stored = await findUserByEmail(database.db, 'admin@localhost');
    expect(
      stored && (await verifyPassword(admin?.generatedPassword ?? '', stored.passwordHash)),
    ).toBe(true);
  });

  it('does nothing when a user exists', async () => {
    await bootstrapFirstAdmin(database, clock, {
      adminEmail: 'a@example.com',
      adminPassword: 'first secret',
    });
    const again = await bootstrapFirstAdmin(database, clock, {
      adminEmail: 'b@example.com',
      adminPassword: 'other secret',
    });
    expect(again).toBeUndefined();
    expect(await countUsers(database.db)).toBe(1);
    const journeys = await listJourneys(database.db, {
      sort: { field: 'name', direction: 'asc' },
      limit: 10,
      offset: 0,
    });
    expect(journeys.total).toBe(0);
  });
});

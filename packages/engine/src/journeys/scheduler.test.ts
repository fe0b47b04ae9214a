import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { listAuditEntries } from '@caravan/storage/audit.repository';
import { insertAudience } from '@caravan/storage/audience.repository';
import type { Database } from '@caravan/storage/database';
import { findJourney, listStatusChanges } from '@caravan/storage/journey.repository';
import { openTestDatabase, testDialects } from '@caravan/storage/test-databases';
import { insertUser } from '@caravan/storage/user.repository';
import { ManualClock } from '../runtime/clock.ts';
import { abortJourney, createJourney, publishJourney } from './journey-commands.service.ts';
import type { EngineDeps } from './journey-queries.service.ts';
import { startScheduledJourneys } from './scheduler.ts';

const hour = 60 * 60 * 1000;

describe.each(testDialects)('scheduler on %s', (dialect) => {
  let database: Database;
  let clock: ManualClock;
  let deps: EngineDeps;
  let userId: string;

  beforeEach(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
    clock = new ManualClock(new Date('2026-03-02T09:00:00.000Z'));
    deps = { database, clock };
    userId = crypto.randomUUID();
    await insertUser(database.db, {
      id: userId,
      email: 'pat@example.com',
      name: 'Pat Publisher',
      role: 'manager',
      passwordHash: 'x',
      now: clock.now(),
    });
    // Publishing checks that the journey's audience exists.
    await insertAudience(database.db, {
      id: 'aud-1',
      name: 'Scheduled audience',
      description: '',
      condition: { match: 'all', rules: [] },
      status: 'live',
      now: clock.now(),
    });
  });
  afterEach(async () => database.close());

  async function scheduledJourney(name: string, startInMs: number) {
    const now = clock.now().getTime();
    const created = await createJourney(deps, userId, {
      name,
      definition: {
        nodes: [
          { id: 'audience', type: 'audience', settings: { source: 'audience', sourceId: 'aud-1' } },
        ],
        edges: [],
      },
      schedule: {
        start: new Date(now + startInMs).toISOString(),
        end: new Date(now + startInMs + 30 * 24 * hour).toISOString(),
      },
    });
    if (!created.ok) throw new Error(created.error.message);
    const published = await publishJourney(deps, userId, created.value.id);
    if (!published.ok) throw new Error(published.error.message);
    expect(published.value.status).toBe('scheduled');
    return published.value;
  }

  it('leaves a journey scheduled before its start', async () => {
    const journey = await scheduledJourney('Later', 2 * hour);
    clock.advance(2 * hour - 1);
    expect(await startScheduledJourneys(database, clock)).toEqual([]);
    expect((await findJourney(database.db, journey.id))?.status).toBe('scheduled');
  });

  it('starts a journey due exactly now and records a system status change', async () => {
    const journey = await scheduledJourney('On time', 2 * hour);
    clock.advance(2 * hour);
    const started = await startScheduledJourneys(database, clock);
    expect(started.map((j) => j.id)).toEqual([journey.id]);
    expect(started[0]?.status).toBe('live');
    const changes = await listStatusChanges(database.db, journey.id);
    expect(changes.at(-1)).toMatchObject({
      from: 'scheduled',
      to: 'live',
      by: null,
      at: clock.now().toISOString(),
    });
  });

  it('records the scheduled start in the audit log as done by the system', async () => {
    const journey = await scheduledJourney('Audited start', hour);
    clock.advance(hour);
    await startScheduledJourneys(database, clock);
    const { items } = await listAuditEntries(database.db, { entityType: 'journey', limit: 10 });
    expect(items[0]).toMatchObject({
      action: 'journey.started',
      entityId: journey.id,
      entityName: 'Audited start',
      actor: { name: 'System', kind: 'system' },
      before: { status: 'scheduled' },
      after: { status: 'live' },
    });
  });

  it('catches up on every overdue journey after downtime, once', async () => {
    await scheduledJourney('First', hour);
    await scheduledJourney('Second', 3 * hour);
    clock.advance(10 * hour);
    expect(await startScheduledJourneys(database, clock)).toHaveLength(2);
    expect(await startScheduledJourneys(database, clock)).toHaveLength(0);
  });

  it('never starts an aborted journey', async () => {
    const journey = await scheduledJourney('Cancelled', hour);
    expect((await abortJourney(deps, userId, journey.id)).ok).toBe(true);
    clock.advance(2 * hour);
    expect(await startScheduledJourneys(database, clock)).toEqual([]);
    expect((await findJourney(database.db, journey.id))?.status).toBe('aborted');
  });
});

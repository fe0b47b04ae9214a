import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import { insertAccountList } from '@caravan/storage/account-list.repository';
import { insertAudience } from '@caravan/storage/audience.repository';
import type { Database } from '@caravan/storage/database';
import { insertExternalService } from '@caravan/storage/external-service.repository';
import { insertJourney } from '@caravan/storage/journey.repository';
import { openTestDatabase, testDialects } from '@caravan/storage/test-databases';
import { aJourney, aUser, t0 } from '@caravan/storage/test-fixtures';
import { resolveReferences } from './journey-references.ts';

const everyone = { match: 'all' as const, rules: [] };

describe.each(testDialects)('journey references on %s', (dialect) => {
  let database: Database;

  beforeEach(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
  });
  afterEach(async () => database.close());

  async function storeAudience(id: string, status: 'draft' | 'live') {
    const stored = await insertAudience(database.db, {
      id,
      name: `Audience ${id}`,
      description: '',
      condition: everyone,
      status,
      now: t0,
    });
    if (!stored.ok) throw new Error(stored.error.message);
  }

  async function storeList(id: string, status: 'draft' | 'live') {
    const stored = await insertAccountList(database.db, {
      id,
      name: `List ${id}`,
      description: '',
      kind: 'static',
      status,
      condition: null,
      now: t0,
    });
    if (!stored.ok) throw new Error(stored.error.message);
  }

  /** An audience node for each audience id, and an action node for each list id. */
  function definition(audienceIds: string[], listIds: string[]): JourneyDefinition {
    return {
      nodes: [
        ...audienceIds.map((id) => ({
          id: `audience-${id}`,
          type: 'audience' as const,
          settings: { source: 'audience' as const, sourceId: id },
        })),
        ...listIds.map((listId) => ({
          id: `add-${listId}`,
          type: 'action' as const,
          settings: {
            on: 'accounts' as const,
            action: { type: 'addToAccountList' as const, listId },
          },
        })),
        {
          id: 'external',
          type: 'externalAction',
          settings: { serviceId: 'crm-sync' },
        },
      ],
      edges: [],
    };
  }

  it('answers usable, missing or unusable (draft) for audiences and lists', async () => {
    await storeAudience('aud-live', 'live');
    await storeAudience('aud-draft', 'draft');
    await storeList('list-live', 'live');
    await storeList('list-draft', 'draft');
    const lookup = await resolveReferences(
      database.db,
      definition(['aud-live', 'aud-draft', 'aud-gone'], ['list-live', 'list-draft', 'list-gone']),
    );
    expect(lookup.lookup('audience', 'aud-live')).toEqual({ state: 'usable' });
    expect(lookup.lookup('audience', 'aud-gone')).toEqual({ state: 'missing' });
    expect(lookup.lookup('audience', 'aud-draft')).toMatchObject({ state: 'unusable' });
    expect(lookup.lookup('accountList', 'list-live')).toEqual({ state: 'usable' });
    expect(lookup.lookup('accountList', 'list-gone')).toEqual({ state: 'missing' });
    expect(lookup.lookup('accountList', 'list-draft')).toEqual({
      state: 'unusable',
      reason: 'the list "List list-draft" is a draft; publish it first',
    });
  });

  it('answers usable for a stored external service and missing for one that is not', async () => {
    const missing = await resolveReferences(database.db, definition([], []));
    expect(missing.lookup('externalService', 'crm-sync')).toEqual({ state: 'missing' });
    const stored = await insertExternalService(database.db, {
      id: 'crm-sync',
      name: 'CRM sync',
      url: 'https://crm.example.com/sync',
      secret: 'a-long-enough-secret',
      timeoutSeconds: 300,
      now: t0,
    });
    if (!stored.ok) throw new Error(stored.error.message);
    const found = await resolveReferences(database.db, definition([], []));
    expect(found.lookup('externalService', 'crm-sync')).toEqual({ state: 'usable' });
  });

  it('finds an id stored under another kind missing, not usable', async () => {
    await storeAudience('shared-id', 'live');
    const lookup = await resolveReferences(database.db, definition(['shared-id'], ['shared-id']));
    expect(lookup.lookup('audience', 'shared-id')).toEqual({ state: 'usable' });
    expect(lookup.lookup('accountList', 'shared-id')).toEqual({ state: 'missing' });
  });

  it('answers unusable for a journey that can never admit accounts again', async () => {
    const user = await aUser(database.db);
    const closed = await insertJourney(database.db, aJourney(user.id, { status: 'closed' }));
    const live = await insertJourney(database.db, aJourney(user.id, { status: 'live' }));
    if (!closed.ok || !live.ok) throw new Error('journeys not stored');
    const lookup = await resolveReferences(database.db, {
      nodes: [closed.value.id, live.value.id, 'gone'].map((journeyId) => ({
        id: `add-${journeyId}`,
        type: 'action' as const,
        settings: {
          on: 'accounts' as const,
          action: { type: 'addToJourney' as const, journeyId },
        },
      })),
      edges: [],
    });
    expect(lookup.lookup('journey', closed.value.id)).toMatchObject({ state: 'unusable' });
    expect(lookup.lookup('journey', live.value.id)).toEqual({ state: 'usable' });
    expect(lookup.lookup('journey', 'gone')).toEqual({ state: 'missing' });
  });
});

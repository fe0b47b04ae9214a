import type { JourneyStatus } from '@caravan/core/journey/status';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from './database.ts';
import {
  insertJourney,
  listJourneys,
  updateJourney,
  type JourneyQuery,
  type JourneySortField,
} from './journey.repository.ts';
import { openTestDatabase, testDialects } from './test-databases.ts';
import { aJourney, aUser, at } from './test-fixtures.ts';

interface Seed {
  id: string;
  name: string;
  status: JourneyStatus;
  created: number;
  updated: number;
  published: number | null;
  start: number | null;
  end: number | null;
}

// Ids fix the tie-break order; minutes after t0 fix the timestamps. Every nullable column has
// nulls, and `aurora`/`Beacon`/`comet` tie on created so that id decides between them.
const seeds: Seed[] = [
  {
    id: '00000000-0000-4000-8000-000000000004',
    name: 'comet',
    status: 'live',
    created: 1,
    updated: 9,
    published: 3,
    start: null,
    end: 40,
  },
  {
    id: '00000000-0000-4000-8000-000000000002',
    name: 'Beacon',
    status: 'draft',
    created: 1,
    updated: 7,
    published: null,
    start: 30,
    end: null,
  },
  {
    id: '00000000-0000-4000-8000-000000000003',
    name: 'aurora',
    status: 'completed',
    created: 1,
    updated: 8,
    published: 2,
    start: 10,
    end: 20,
  },
  {
    id: '00000000-0000-4000-8000-000000000001',
    name: 'Delta 100%_off',
    status: 'scheduled',
    created: 4,
    updated: 6,
    published: 5,
    start: 50,
    end: null,
  },
  {
    id: '00000000-0000-4000-8000-000000000005',
    name: 'echo',
    status: 'closed',
    created: 5,
    updated: 5,
    published: 1,
    start: null,
    end: null,
  },
  {
    id: '00000000-0000-4000-8000-000000000006',
    name: 'Foxtrot 100 percent',
    status: 'aborted',
    created: 6,
    updated: 10,
    published: 4,
    start: 20,
    end: 50,
  },
];

const iso = (minutes: number | null) => (minutes === null ? null : at(minutes).toISOString());

describe.each(testDialects)('listing journeys on %s', (dialect) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
    const { db } = database;
    const ada = await aUser(db);
    for (const s of seeds) {
      const schedule = { start: iso(s.start) ?? 'immediately', end: iso(s.end) };
      await insertJourney(
        db,
        aJourney(ada.id, { id: s.id, name: s.name, schedule, now: at(s.created) }),
      );
      const published =
        s.published === null ? {} : { publishedAt: at(s.published), publishedBy: ada.id };
      await updateJourney(db, s.id, { status: s.status, ...published }, ada.id, at(s.updated));
    }
  });
  // One database for the whole file: listing never writes.
  afterAll(async () => {
    await database.close();
  });

  const list = (q: Partial<JourneyQuery>) =>
    listJourneys(database.db, {
      sort: { field: 'name', direction: 'asc' },
      limit: 50,
      offset: 0,
      ...q,
    });
  const names = async (q: Partial<JourneyQuery>) => (await list(q)).items.map((j) => j.name);

  it('sorts by name ignoring case', async () => {
    expect(await names({})).toEqual([
      'aurora',
      'Beacon',
      'comet',
      'Delta 100%_off',
      'echo',
      'Foxtrot 100 percent',
    ]);
    expect(await names({ sort: { field: 'name', direction: 'desc' } })).toEqual([
      'Foxtrot 100 percent',
      'echo',
      'Delta 100%_off',
      'comet',
      'Beacon',
      'aurora',
    ]);
  });

  it('sorts by status in lifecycle order, not alphabetically', async () => {
    expect(await names({ sort: { field: 'status', direction: 'asc' } })).toEqual([
      'Beacon',
      'Delta 100%_off',
      'comet',
      'echo',
      'Foxtrot 100 percent',
      'aurora',
    ]);
    expect(await names({ sort: { field: 'status', direction: 'desc' } })).toEqual([
      'aurora',
      'Foxtrot 100 percent',
      'echo',
      'comet',
      'Delta 100%_off',
      'Beacon',
    ]);
  });

  // Expected orders derived from the table above; nulls last both ways, ties by id in the sort direction.
  const byField: Record<
    Exclude<JourneySortField, 'name' | 'status'>,
    { asc: string[]; desc: string[] }
  > = {
    createdAt: {
      asc: ['Beacon', 'aurora', 'comet', 'Delta 100%_off', 'echo', 'Foxtrot 100 percent'],
      desc: ['Foxtrot 100 percent', 'echo', 'Delta 100%_off', 'comet', 'aurora', 'Beacon'],
    },
    updatedAt: {
      asc: ['echo', 'Delta 100%_off', 'Beacon', 'aurora', 'comet', 'Foxtrot 100 percent'],
      desc: ['Foxtrot 100 percent', 'comet', 'aurora', 'Beacon', 'Delta 100%_off', 'echo'],
    },
    publishedAt: {
      asc: ['echo', 'aurora', 'comet', 'Foxtrot 100 percent', 'Delta 100%_off', 'Beacon'],
      desc: ['Delta 100%_off', 'Foxtrot 100 percent', 'comet', 'aurora', 'echo', 'Beacon'],
    },
    startAt: {
      asc: ['aurora', 'Foxtrot 100 percent', 'Beacon', 'Delta 100%_off', 'comet', 'echo'],
      desc: ['Delta 100%_off', 'Beacon', 'Foxtrot 100 percent', 'aurora', 'echo', 'comet'],
    },
    endAt: {
      asc: ['aurora', 'comet', 'Foxtrot 100 percent', 'Delta 100%_off', 'Beacon', 'echo'],
      desc: ['Foxtrot 100 percent', 'comet', 'aurora', 'echo', 'Beacon', 'Delta 100%_off'],
    },
  };
  for (const [field, expected] of Object.entries(byField)) {
    it(`sorts by ${field} both ways with nulls last`, async () => {
      const sort = (direction: 'asc' | 'desc') => ({ field: field as JourneySortField, direction });
      expect(await names({ sort: sort('asc') })).toEqual(expected.asc);
      expect(await names({ sort: sort('desc') })).toEqual(expected.desc);
    });
  }

  it('searches names as a case-insensitive substring', async () => {
    expect(await names({ search: 'CO' })).toEqual(['Beacon', 'comet']);
    expect(await names({ search: 'bea' })).toEqual(['Beacon']);
    expect(await names({ search: 'zulu' })).toEqual([]);
  });

  it('matches % and _ in a search literally', async () => {
    expect(await names({ search: '100%' })).toEqual(['Delta 100%_off']);
    expect(await names({ search: '%_' })).toEqual(['Delta 100%_off']);
    expect(await names({ search: '_' })).toEqual(['Delta 100%_off']);
  });

  it('filters by statuses and treats an empty status list as no filter', async () => {
    expect(await names({ statuses: ['live', 'draft'] })).toEqual(['Beacon', 'comet']);
    expect(await names({ statuses: [] })).toHaveLength(seeds.length);
  });

  it('pages with limit and offset and counts every match in total', async () => {
    const page = await list({ search: 'r', limit: 1, offset: 1 });
    expect(page.items.map((j) => j.name)).toEqual(['Foxtrot 100 percent']);
    expect(page.total).toBe(2);
    const past = await list({ limit: 2, offset: 10 });
    expect(past).toEqual({ items: [], total: seeds.length });
  });

  it('combines search and status filter in items and total', async () => {
    const result = await list({ search: 'e', statuses: ['draft', 'closed', 'live'] });
    expect(result.items.map((j) => j.name)).toEqual(['Beacon', 'comet', 'echo']);
    expect(result.total).toBe(3);
  });
});

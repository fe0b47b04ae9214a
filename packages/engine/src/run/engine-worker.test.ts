import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '@caravan/storage/database';
import { readCounters } from '@caravan/storage/journey-counter.repository';
import { listAccountTimeline } from '@caravan/storage/timeline.repository';
import { openTestDatabase, testDialects } from '@caravan/storage/test-databases';
import { findJourney } from '@caravan/storage/journey.repository';
import { buildWorld, definition, publish, run, type World } from './engine.test-support.ts';
import { completeFinishedJourneys } from '../journeys/journey-run-lifecycle.ts';

const day = 86_400_000;

describe.each(testDialects)('the engine worker on %s', (dialect) => {
  let database: Database;
  let world: World;

  beforeAll(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
    world = await buildWorld(database);
  });
  afterAll(async () => database.close());

  it('moves every account of the audience through email, wait, split, action and merge to the end', async () => {
    const def = definition(
      world,
      [
        {
          id: 'email',
          type: 'action',
          settings: { on: 'people', action: { type: 'sendEmail', emailId: world.emailId } },
        },
        { id: 'wait', type: 'wait', settings: { duration: { amount: 3, unit: 'days' } } },
        {
          id: 'split',
          type: 'split',
          settings: {
            by: 'accounts',
            otherPath: true,
            paths: [
              {
                id: 'software',
                label: 'Software',
                condition: {
                  match: 'all',
                  rules: [
                    {
                      kind: 'account',
                      attribute: 'industry',
                      operator: 'equals',
                      value: 'Software',
                    },
                  ],
                },
              },
              {
                id: 'retail',
                label: 'Retail',
                condition: {
                  match: 'all',
                  rules: [
                    { kind: 'account', attribute: 'industry', operator: 'equals', value: 'Retail' },
                  ],
                },
              },
            ],
          },
        },
        {
          id: 'moment',
          type: 'action',
          settings: {
            on: 'accounts',
            action: { type: 'interestingMoment', momentType: 'milestone', description: 'Nurtured' },
          },
        },
        { id: 'merge', type: 'merge', settings: {} },
      ],
      [
        ['audience', 'next', 'email'],
        ['email', 'next', 'wait'],
        ['wait', 'next', 'split'],
        ['split', 'software', 'moment'],
        ['split', 'retail', 'merge'],
        ['split', 'other', 'merge'],
        ['moment', 'next', 'merge'],
      ],
    );
    const journeyId = await publish(world, def);
    await run(world);

    const db = database.db;
    const outbox = await db
      .selectFrom('outbox')
      .selectAll()
      .where('journey_id', '=', journeyId)
      .execute();
    expect(outbox).toHaveLength(12);
    let counters = await readCounters(db, journeyId);
    expect(counters.get('wait')?.get('current')).toBe(6);
    expect(counters.get('')?.get('active')).toBe(6);

    world.clock.advance(3 * day);
    await run(world);
    counters = await readCounters(db, journeyId);
    expect(counters.get('')?.get('entered')).toBe(6);
    expect(counters.get('')?.get('active')).toBe(0);
    expect(counters.get('')?.get('ended:completed')).toBe(6);
    expect(counters.get('split')?.get('port:software')).toBe(2);
    expect(counters.get('split')?.get('port:retail')).toBe(2);
    expect(counters.get('split')?.get('port:other')).toBe(2);
    expect(counters.get('merge')?.get('entered')).toBe(6);

    const software = world.accounts[0]!;
    const timeline = await listAccountTimeline(db, journeyId, software.id);
    expect(timeline.map((t) => [t.kind, t.nodeId, t.port])).toEqual([
      ['entered', 'audience', null],
      ['step', 'email', 'next'],
      ['step', 'wait', null],
      ['step', 'split', 'software'],
      ['step', 'moment', 'next'],
      ['step', 'merge', 'next'],
      ['exited', 'merge', null],
    ]);
    expect(timeline[3]!.detail.reason).toContain('industry');

    world.clock.advance(91 * day);
    expect(await completeFinishedJourneys(database, world.clock)).toContain(journeyId);
    expect((await findJourney(db, journeyId))?.status).toBe('completed');
  });
});

import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JourneyNode } from '@caravan/core/journey/definition';
import { testDialects } from '@caravan/storage/test-databases';
import { resolveExternalCall } from '../external-services/external-calls.ts';
import {
  accountIs,
  definition,
  openWorld,
  publish,
  run,
  type World,
} from './engine.test-support.ts';
import { enrollmentsOf, outboxOf, timelineOf } from './engine-inspection.test-support.ts';

const timeoutSeconds = 600;

const waitNode = (id: string): JourneyNode => ({
  id,
  type: 'wait',
  settings: { duration: { amount: 1, unit: 'days' } },
});

describe.each(testDialects)('external action and external split on %s', (dialect) => {
  let world: World;
  let serviceId: string;

  beforeEach(async () => {
    world = await openWorld(dialect, { accounts: 1 });
    serviceId = randomUUID();
    const at = world.clock.now().toISOString();
    await world.database.db
      .insertInto('external_services')
      .values({
        id: serviceId,
        name: 'Enrichment',
        url: 'https://enrich.example.com/call',
        secret: 'shh',
        timeout_seconds: timeoutSeconds,
        created_at: at,
        updated_at: at,
      })
      .execute();
  });
  afterEach(async () => world.database.close());

  /** audience → external action → next: ok / timeoutOrError: failed. */
  async function externalAction() {
    const journeyId = await publish(
      world,
      definition(
        world,
        [
          {
            id: 'ext',
            type: 'externalAction',
            settings: { serviceId, on: 'people', inputs: { campaign: 'spring' } },
          },
          waitNode('ok'),
          waitNode('failed'),
        ],
        [
          ['audience', 'next', 'ext'],
          ['ext', 'next', 'ok'],
          ['ext', 'timeoutOrError', 'failed'],
        ],
      ),
    );
    await run(world);
    return journeyId;
  }

  const pass = async (journeyId: string) => (await enrollmentsOf(world, journeyId))[0]!;

  it('queues the call in the outbox and waits for the service timeout', async () => {
    const journeyId = await externalAction();

    const waiting = await pass(journeyId);
    expect(waiting).toMatchObject({ nodeId: 'ext', phase: 'external', status: 'active' });
    expect(waiting.dueAt?.getTime()).toBe(world.clock.now().getTime() + timeoutSeconds * 1000);
    const [call] = await outboxOf(world, journeyId);
    const people = world.people.get(world.accounts[0]!.id)!.map((p) => p.id);
    expect(call).toMatchObject({
      channel: 'external',
      status: 'pending',
      recipient: 'Enrichment',
      enrollmentId: waiting.id,
      idempotencyKey: `${waiting.id}:ext:-`,
      payload: { channel: 'external', serviceId, on: 'people', inputs: { campaign: 'spring' } },
    });
    expect(call!.payload).toMatchObject({ personIds: expect.arrayContaining(people) });
  });

  it('takes next when the service answers with success', async () => {
    const journeyId = await externalAction();
    world.clock.advance(30_000);
    const waiting = await pass(journeyId);

    const answer = await resolveExternalCall(
      world.database.db,
      { enrollmentId: waiting.id, nodeId: 'ext' },
      { status: 'success', values: { tier: 'gold' } },
      world.clock.now(),
    );
    expect(answer).toBe('resolved');
    expect((await pass(journeyId)).dueAt?.getTime()).toBe(world.clock.now().getTime());
    await run(world);

    expect((await pass(journeyId)).nodeId).toBe('ok');
    const step = (await timelineOf(world, journeyId, waiting.accountId)).find(
      (t) => t.nodeId === 'ext' && t.port === 'next',
    );
    expect(step?.detail).toEqual({ decision: 'the service answered', values: { tier: 'gold' } });
  });

  it('takes timeoutOrError when the service answers with an error', async () => {
    const journeyId = await externalAction();
    const waiting = await pass(journeyId);
    await resolveExternalCall(
      world.database.db,
      { enrollmentId: waiting.id, nodeId: 'ext' },
      { status: 'error', reason: 'HTTP 500' },
      world.clock.now(),
    );
    await run(world);

    expect((await pass(journeyId)).nodeId).toBe('failed');
    const step = (await timelineOf(world, journeyId, waiting.accountId)).find(
      (t) => t.port === 'timeoutOrError',
    );
    expect(step?.detail).toEqual({ decision: 'error', reason: 'HTTP 500' });
  });

  it('takes timeoutOrError when no answer came by the timeout, and ignores a late answer', async () => {
    const journeyId = await externalAction();
    world.clock.advance(timeoutSeconds * 1000 - 1);
    await run(world);
    expect((await pass(journeyId)).nodeId).toBe('ext');

    world.clock.advance(1);
    await run(world);
    const timedOut = await pass(journeyId);
    expect(timedOut.nodeId).toBe('failed');

    const late = await resolveExternalCall(
      world.database.db,
      { enrollmentId: timedOut.id, nodeId: 'ext' },
      { status: 'success', values: {} },
      world.clock.now(),
    );
    expect(late).toBe('notWaiting');
  });

  it('routes an external split by the values the service returned', async () => {
    const journeyId = await publish(
      world,
      definition(
        world,
        [
          {
            id: 'ext',
            type: 'externalSplit',
            settings: {
              serviceId,
              on: 'accounts',
              otherPath: true,
              paths: [
                { id: 'gold', label: 'Gold', condition: accountIs('tier', 'gold') },
                { id: 'silver', label: 'Silver', condition: accountIs('tier', 'silver') },
              ],
            },
          },
          waitNode('w-gold'),
          waitNode('w-silver'),
          waitNode('w-other'),
          waitNode('failed'),
        ],
        [
          ['audience', 'next', 'ext'],
          ['ext', 'gold', 'w-gold'],
          ['ext', 'silver', 'w-silver'],
          ['ext', 'other', 'w-other'],
          ['ext', 'timeoutOrError', 'failed'],
        ],
      ),
    );
    await run(world);
    const waiting = await pass(journeyId);
    await resolveExternalCall(
      world.database.db,
      { enrollmentId: waiting.id, nodeId: 'ext' },
      { status: 'success', values: { tier: 'silver' } },
      world.clock.now(),
    );
    await run(world);

    expect((await pass(journeyId)).nodeId).toBe('w-silver');
    const step = (await timelineOf(world, journeyId, waiting.accountId)).find(
      (t) => t.nodeId === 'ext' && t.port === 'silver',
    );
    expect(step?.detail).toMatchObject({ decision: 'path "Silver"', values: { tier: 'silver' } });
  });
});

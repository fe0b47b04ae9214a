import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import type { JourneySettings } from '@caravan/core/journey/journey';
import { findJourney } from '@caravan/storage/journey.repository';
import { testDialects } from '@caravan/storage/test-databases';
import { deleteAccount, patchAccount } from '../data/accounts.service.ts';
import { abortJourney, closeJourney, patchJourney } from './journey-commands.service.ts';
import { completeFinishedJourneys } from './journey-run-lifecycle.ts';
import { listenRecheckMs } from '../run/listen.ts';
import {
  accountIs,
  definition,
  depsOf,
  liveAudience,
  openWorld,
  publish,
  run,
  valueOf,
  type World,
} from '../run/engine.test-support.ts';
import {
  counter,
  enrollmentsOf,
  outboxOf,
  passesOf,
  timelineOf,
} from '../run/engine-inspection.test-support.ts';

const hour = 3_600_000;
const day = 24 * hour;

const reEntryAfterTwoDays: Partial<JourneySettings> = {
  reEntry: {
    enabled: true,
    entryLimit: 3,
    delay: { amount: 2, unit: 'days' },
    measuredFrom: 'end',
  },
};

describe.each(testDialects)('journey run lifecycle on %s', (dialect) => {
  let world: World;
  let audienceId: string;

  beforeEach(async () => {
    world = await openWorld(dialect, { accounts: 4 });
    audienceId = await liveAudience(world, accountIs('industry', 'Healthcare'));
  });
  afterEach(async () => world.database.close());

  /** audience (Healthcare) → email to every person → wait 1 day → end. */
  function emailThenWait(): JourneyDefinition {
    return definition(
      { audienceId },
      [
        {
          id: 'email',
          type: 'action',
          settings: { on: 'people', action: { type: 'sendEmail', emailId: world.emailId } },
        },
        { id: 'wait', type: 'wait', settings: { duration: { amount: 1, unit: 'days' } } },
      ],
      [
        ['audience', 'next', 'email'],
        ['email', 'next', 'wait'],
      ],
    );
  }

  const join = (index: number) =>
    patchAccount(depsOf(world), world.accounts[index]!.id, { industry: 'Healthcare' }).then(
      valueOf,
    );
  const leave = (index: number) =>
    patchAccount(depsOf(world), world.accounts[index]!.id, { industry: 'Retail' }).then(valueOf);
  const status = async (journeyId: string) =>
    (await findJourney(world.database.db, journeyId))?.status;

  it('abort ends every active pass at once, cancels unsent messages and drops pending re-entries', async () => {
    const journeyId = await publish(world, emailThenWait(), { settings: reEntryAfterTwoDays });
    await join(0);
    await run(world);
    world.clock.advance(day);
    await run(world);
    await leave(0);
    await join(0); // pending pass 2, due two days after pass 1 ended
    await join(1);
    await join(2);
    await run(world);
    expect((await passesOf(world, journeyId, world.accounts[0]!.id))[1]?.status).toBe('pending');
    expect((await outboxOf(world, journeyId)).filter((m) => m.status === 'pending')).toHaveLength(
      6,
    );

    valueOf(await abortJourney(depsOf(world), world.userId, journeyId));

    const passes = await enrollmentsOf(world, journeyId);
    expect(passes.map((e) => [e.accountId, e.pass, e.status]).sort()).toEqual(
      [
        [world.accounts[0]!.id, 1, 'completed'],
        [world.accounts[1]!.id, 1, 'aborted'],
        [world.accounts[2]!.id, 1, 'aborted'],
      ].sort(),
    );
    expect(passes.every((e) => e.dueAt === null)).toBe(true);
    expect(await counter(world, journeyId, '', 'active')).toBe(0);
    expect(await counter(world, journeyId, '', 'ended:aborted')).toBe(2);
    expect(await counter(world, journeyId, 'wait', 'current')).toBe(0);
    const exit = (await timelineOf(world, journeyId, world.accounts[1]!.id)).at(-1);
    expect(exit).toMatchObject({ kind: 'exited', nodeId: 'wait', detail: { reason: 'aborted' } });
    const outbox = await outboxOf(world, journeyId);
    expect(outbox.map((m) => m.status)).toEqual(outbox.map(() => 'cancelled'));

    // Nothing of it runs on, and nobody enters any more.
    world.clock.advance(3 * day);
    await join(3);
    await run(world);
    expect(await enrollmentsOf(world, journeyId)).toHaveLength(3);
    expect(await status(journeyId)).toBe('aborted');
  });

  it('close lets the passes in it continue, lets nobody new in, and then completes', async () => {
    const journeyId = await publish(world, emailThenWait(), { settings: reEntryAfterTwoDays });
    await join(0);
    await join(1);
    await run(world);
    world.clock.advance(day);
    await run(world);
    await leave(0);
    await join(0); // pending re-entry: closing drops it
    await join(2);
    await run(world);

    valueOf(await closeJourney(depsOf(world), world.userId, journeyId));
    await join(3);
    expect(await passesOf(world, journeyId, world.accounts[3]!.id)).toHaveLength(0);
    expect(await passesOf(world, journeyId, world.accounts[0]!.id)).toHaveLength(1);
    expect(await completeFinishedJourneys(world.database, world.clock)).toEqual([]);

    world.clock.advance(day);
    await run(world);
    expect(await passesOf(world, journeyId, world.accounts[2]!.id)).toMatchObject([
      { status: 'completed' },
    ]);
    expect(await completeFinishedJourneys(world.database, world.clock)).toEqual([journeyId]);
    expect(await status(journeyId)).toBe('completed');
  });

  it('completes by itself once the end date has passed and no pass is left', async () => {
    const end = new Date(world.clock.now().getTime() + 2 * day);
    const journeyId = await publish(world, emailThenWait(), { end });
    await join(0);
    await run(world);
    world.clock.advance(day);
    await run(world);
    // Every pass is over, but entries are not: it stays live until its end date.
    expect(await counter(world, journeyId, '', 'active')).toBe(0);
    expect(await completeFinishedJourneys(world.database, world.clock)).toEqual([]);

    world.clock.set(end);
    expect(await completeFinishedJourneys(world.database, world.clock)).toEqual([journeyId]);
    expect(await status(journeyId)).toBe('completed');
  });

  it('stops entries at the end date but waits for the passes still in it before completing', async () => {
    const end = new Date(world.clock.now().getTime() + 12 * hour);
    const journeyId = await publish(world, emailThenWait(), { end });
    await join(0);
    await run(world);
    world.clock.set(end);

    await join(1);
    expect(await passesOf(world, journeyId, world.accounts[1]!.id)).toHaveLength(0);
    expect(await completeFinishedJourneys(world.database, world.clock)).toEqual([]);

    world.clock.advance(12 * hour);
    await run(world);
    expect(await completeFinishedJourneys(world.database, world.clock)).toEqual([journeyId]);
  });

  it('drops a pending re-entry at the end date instead of letting it in', async () => {
    const end = new Date(world.clock.now().getTime() + 2 * day);
    const journeyId = await publish(world, emailThenWait(), { end, settings: reEntryAfterTwoDays });
    await join(0);
    await run(world);
    world.clock.advance(day);
    await run(world);
    await leave(0);
    await join(0);
    expect((await passesOf(world, journeyId, world.accounts[0]!.id))[1]?.status).toBe('pending');

    world.clock.set(end);
    expect(await completeFinishedJourneys(world.database, world.clock)).toEqual([journeyId]);
    expect(await passesOf(world, journeyId, world.accounts[0]!.id)).toHaveLength(1);
  });

  it('ends listeners without timeout at an end date brought forward while live', async () => {
    const journeyId = await publish(
      world,
      definition(
        { audienceId },
        [{ id: 'listen', type: 'event', settings: { on: 'accounts', event: 'webVisit' } }],
        [['audience', 'next', 'listen']],
      ),
      { end: new Date(world.clock.now().getTime() + 10 * day) },
    );
    await join(0);
    await run(world);
    world.clock.advance(listenRecheckMs);
    await run(world); // listening now, its timer the first end date
    const journey = await findJourney(world.database.db, journeyId);
    const end = new Date(world.clock.now().getTime() + 3 * day);
    valueOf(
      await patchJourney(depsOf(world), world.userId, journeyId, {
        schedule: { ...journey!.schedule, end: end.toISOString() },
      }),
    );

    world.clock.set(end);
    await completeFinishedJourneys(world.database, world.clock);
    await run(world);

    expect(await passesOf(world, journeyId, world.accounts[0]!.id)).toMatchObject([
      { status: 'journeyEnded', endedAt: end },
    ]);
    expect(await completeFinishedJourneys(world.database, world.clock)).toEqual([journeyId]);
  });

  it('ends the pass of an account deleted while it waits as accountDeleted', async () => {
    const journeyId = await publish(world, emailThenWait());
    await join(0);
    await join(1);
    await run(world);
    valueOf(await deleteAccount(depsOf(world), world.accounts[0]!.id));

    world.clock.advance(day);
    await run(world);

    expect(await passesOf(world, journeyId, world.accounts[0]!.id)).toMatchObject([
      { status: 'accountDeleted', endReason: 'accountDeleted' },
    ]);
    expect(await counter(world, journeyId, '', 'ended:accountDeleted')).toBe(1);
    expect(await counter(world, journeyId, '', 'ended:completed')).toBe(1);
    expect(await counter(world, journeyId, 'wait', 'current')).toBe(0);
  });

  it('keeps listeners without timeout listening until an end date pushed back while live', async () => {
    const first = new Date(world.clock.now().getTime() + 3 * day);
    const journeyId = await publish(
      world,
      definition(
        { audienceId },
        [{ id: 'listen', type: 'event', settings: { on: 'accounts', event: 'webVisit' } }],
        [['audience', 'next', 'listen']],
      ),
      { end: first },
    );
    await join(0);
    await run(world);
    world.clock.advance(listenRecheckMs);
    await run(world);
    const journey = await findJourney(world.database.db, journeyId);
    const later = new Date(first.getTime() + 7 * day);
    valueOf(
      await patchJourney(depsOf(world), world.userId, journeyId, {
        schedule: { ...journey!.schedule, end: later.toISOString() },
      }),
    );

    world.clock.set(first);
    await run(world);
    expect(await completeFinishedJourneys(world.database, world.clock)).toEqual([]);
    expect(await passesOf(world, journeyId, world.accounts[0]!.id)).toMatchObject([
      { status: 'active', phase: 'listen', dueAt: later },
    ]);
    world.clock.set(later);
    await run(world);
    expect(await completeFinishedJourneys(world.database, world.clock)).toEqual([journeyId]);
  });
});

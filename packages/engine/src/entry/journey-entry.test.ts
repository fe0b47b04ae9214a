import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storedAccount } from '@caravan/storage/b2b-fixtures';
import { findJourney } from '@caravan/storage/journey.repository';
import { testDialects } from '@caravan/storage/test-databases';
import { createAccountList, changeStaticMembers } from '../segments/account-lists.service.ts';
import { patchAccount, patchAccountIn } from '../data/accounts.service.ts';
import { closeJourney } from '../journeys/journey-commands.service.ts';
import { admitAccount } from './journey-entry.ts';
import { evaluateAudienceInFull } from '../segments/membership-evaluation.ts';
import { findAudience } from '@caravan/storage/audience.repository';
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
import { counter, enrollmentsOf, passesOf } from '../run/engine-inspection.test-support.ts';

const hour = 3_600_000;
const day = 24 * hour;
const noDelay = { enabled: true, delay: { amount: 0, unit: 'hours' }, measuredFrom: 'end' };

describe.each(testDialects)('journey entry on %s', (dialect) => {
  let world: World;

  beforeEach(async () => {
    world = await openWorld(dialect);
  });
  afterEach(async () => world.database.close());

  /** A live journey of one wait node over a rule-based audience of the industry "Healthcare". */
  async function healthcareJourney(options: Parameters<typeof publish>[2] = {}) {
    const audienceId = await liveAudience(world, accountIs('industry', 'Healthcare'));
    const def = definition(
      { audienceId },
      [{ id: 'wait', type: 'wait', settings: { duration: { amount: 1, unit: 'days' } } }],
      [['audience', 'next', 'wait']],
    );
    return publish(world, def, options);
  }

  const setIndustry = (accountId: string, industry: string) =>
    patchAccount(depsOf(world), accountId, { industry }).then(valueOf);

  it('enters every account of the audience at publish, except accounts with an empty name', async () => {
    const db = world.database.db;
    const blank = await storedAccount(db, { name: '' });
    const spaces = await storedAccount(db, { name: '   ' });
    const audience = await findAudience(db, world.audienceId);
    await evaluateAudienceInFull(db, audience!, world.clock.now());

    const journeyId = await publish(world, definition(world, [], []));

    const entered = (await enrollmentsOf(world, journeyId)).map((e) => e.accountId);
    expect(entered.sort()).toEqual(world.accounts.map((a) => a.id).sort());
    expect(entered).not.toContain(blank.id);
    expect(entered).not.toContain(spaces.id);
    expect(await counter(world, journeyId, '', 'entered')).toBe(6);
    expect(await counter(world, journeyId, 'audience', 'current')).toBe(6);
  });

  it('enters an account that newly matches the audience in the transaction of the change', async () => {
    const journeyId = await healthcareJourney();
    const account = world.accounts[0]!;
    expect(await enrollmentsOf(world, journeyId)).toHaveLength(0);

    // Rolled back: the entry goes with the change that caused it.
    await expect(
      world.database.db.transaction().execute(async (trx) => {
        await patchAccountIn(trx, world.clock.now(), account.id, { industry: 'Healthcare' });
        const inside = await trx
          .selectFrom('enrollments')
          .select('account_id')
          .where('journey_id', '=', journeyId)
          .execute();
        expect(inside.map((r) => r.account_id)).toEqual([account.id]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await enrollmentsOf(world, journeyId)).toHaveLength(0);

    await setIndustry(account.id, 'Healthcare');
    const [pass] = await enrollmentsOf(world, journeyId);
    expect(pass).toMatchObject({ accountId: account.id, pass: 1, status: 'active' });
    expect(pass!.dueAt?.getTime()).toBe(world.clock.now().getTime());
    await run(world);
    expect((await enrollmentsOf(world, journeyId))[0]).toMatchObject({ nodeId: 'wait' });
  });

  it('lets nobody new into a journey closed to new entries', async () => {
    const journeyId = await healthcareJourney();
    valueOf(await closeJourney(depsOf(world), world.userId, journeyId));

    await setIndustry(world.accounts[0]!.id, 'Healthcare');

    expect(await enrollmentsOf(world, journeyId)).toHaveLength(0);
    const journey = await findJourney(world.database.db, journeyId);
    const admission = await admitAccount(
      world.database.db,
      journey!,
      world.accounts[1]!.id,
      world.clock.now(),
    );
    expect(admission).toEqual({ entered: false, reason: 'the journey is closed' });
  });

  it('lets nobody new into a live journey past its end date', async () => {
    const end = new Date(world.clock.now().getTime() + day);
    const journeyId = await healthcareJourney({ end });
    world.clock.advance(day + hour);

    await setIndustry(world.accounts[0]!.id, 'Healthcare');

    expect(await enrollmentsOf(world, journeyId)).toHaveLength(0);
    expect((await findJourney(world.database.db, journeyId))?.status).toBe('live');
  });

  it('enters the accounts of an account list at publish, and accounts added to it later', async () => {
    const deps = depsOf(world);
    const list = valueOf(
      await createAccountList(deps, { name: 'Targets', kind: 'static', status: 'live' }),
    );
    const [a, b, c] = world.accounts;
    valueOf(await changeStaticMembers(deps, list.id, 'add', [a!.id, b!.id]));
    const journeyId = await publish(
      world,
      definition(world, [], [], { source: 'accountList', sourceId: list.id }),
    );
    expect((await enrollmentsOf(world, journeyId)).map((e) => e.accountId).sort()).toEqual(
      [a!.id, b!.id].sort(),
    );

    valueOf(await changeStaticMembers(deps, list.id, 'add', [c!.id]));

    expect(await passesOf(world, journeyId, c!.id)).toHaveLength(1);
    await run(world);
    expect(await counter(world, journeyId, '', 'ended:completed')).toBe(3);
  });
});

describe.each(testDialects)('journey re-entry on %s', (dialect) => {
  let world: World;
  let audienceId: string;

  beforeEach(async () => {
    world = await openWorld(dialect);
    audienceId = await liveAudience(world, accountIs('industry', 'Healthcare'));
  });
  afterEach(async () => world.database.close());

  /** Leaves the "Healthcare" audience and joins it again: the account newly qualifies. */
  async function requalify(accountId: string) {
    const deps = depsOf(world);
    valueOf(await patchAccount(deps, accountId, { industry: 'Retail' }));
    valueOf(await patchAccount(deps, accountId, { industry: 'Healthcare' }));
  }

  async function join(accountId: string) {
    valueOf(await patchAccount(depsOf(world), accountId, { industry: 'Healthcare' }));
  }

  /** A journey that ends at once (audience only), or waits a day first. */
  function journey(reEntry: object, withWait = false) {
    const def = withWait
      ? definition(
          { audienceId },
          [{ id: 'wait', type: 'wait', settings: { duration: { amount: 1, unit: 'days' } } }],
          [['audience', 'next', 'wait']],
        )
      : definition({ audienceId }, [], []);
    return publish(world, def, {
      settings: { reEntry: { enabled: false, ...reEntry } },
    });
  }

  it('does not let an account in a second time when re-entry is off', async () => {
    const journeyId = await journey({});
    const account = world.accounts[0]!;
    await join(account.id);
    await run(world);
    await requalify(account.id);
    await run(world);
    const passes = await passesOf(world, journeyId, account.id);
    expect(passes.map((p) => [p.pass, p.status])).toEqual([[1, 'completed']]);
  });

  it('lets an account in exactly twice when re-entry is on with an entry limit of 2', async () => {
    const journeyId = await journey({ ...noDelay, entryLimit: 2 });
    const account = world.accounts[0]!;
    await join(account.id);
    await run(world);
    for (let i = 0; i < 3; i += 1) {
      world.clock.advance(hour);
      await requalify(account.id);
      await run(world);
    }
    const passes = await passesOf(world, journeyId, account.id);
    expect(passes.map((p) => [p.pass, p.status])).toEqual([
      [1, 'completed'],
      [2, 'completed'],
    ]);
    expect(await counter(world, journeyId, '', 'entered')).toBe(2);
  });

  it('re-enters after the delay measured from the end of the previous pass', async () => {
    const journeyId = await journey({
      enabled: true,
      entryLimit: 5,
      delay: { amount: 2, unit: 'days' },
      measuredFrom: 'end',
    });
    const account = world.accounts[0]!;
    await join(account.id);
    await run(world);
    const endedAt = (await passesOf(world, journeyId, account.id))[0]!.endedAt!;

    world.clock.advance(hour);
    await requalify(account.id);
    let passes = await passesOf(world, journeyId, account.id);
    expect(passes[1]).toMatchObject({ pass: 2, status: 'pending', phase: 'reentry' });
    expect(passes[1]!.dueAt?.toISOString()).toBe(
      new Date(endedAt.getTime() + 2 * day).toISOString(),
    );

    world.clock.advance(day);
    await run(world);
    expect((await passesOf(world, journeyId, account.id))[1]!.status).toBe('pending');

    world.clock.set(new Date(endedAt.getTime() + 2 * day));
    await run(world);
    passes = await passesOf(world, journeyId, account.id);
    expect(passes.map((p) => [p.pass, p.status])).toEqual([
      [1, 'completed'],
      [2, 'completed'],
    ]);
    expect(passes[1]!.enteredAt.toISOString()).toBe(world.clock.now().toISOString());
  });

  it('re-enters after the delay measured from the start of the previous pass', async () => {
    const journeyId = await journey(
      { enabled: true, entryLimit: 5, delay: { amount: 2, unit: 'days' }, measuredFrom: 'start' },
      true,
    );
    const account = world.accounts[0]!;
    await join(account.id);
    const enteredAt = world.clock.now();
    await run(world);
    world.clock.advance(day); // the one-day wait is over
    await run(world);
    await requalify(account.id);

    const pending = (await passesOf(world, journeyId, account.id))[1]!;
    expect(pending).toMatchObject({ pass: 2, status: 'pending' });
    expect(pending.dueAt?.toISOString()).toBe(
      new Date(enteredAt.getTime() + 2 * day).toISOString(),
    );
  });

  it('drops a pending re-entry whose account left the audience before the delay was over', async () => {
    const journeyId = await journey({
      enabled: true,
      entryLimit: 5,
      delay: { amount: 2, unit: 'days' },
      measuredFrom: 'end',
    });
    const account = world.accounts[0]!;
    await join(account.id);
    await run(world);
    await requalify(account.id);
    valueOf(await patchAccount(depsOf(world), account.id, { industry: 'Energy' }));

    world.clock.advance(3 * day);
    await run(world);

    const passes = await passesOf(world, journeyId, account.id);
    expect(passes.map((p) => [p.pass, p.status])).toEqual([[1, 'completed']]);
    expect(await counter(world, journeyId, '', 'entered')).toBe(1);
  });

  it('does not let an account in again while it is still in the journey', async () => {
    const journeyId = await journey({ ...noDelay, entryLimit: 5 }, true);
    const account = world.accounts[0]!;
    await join(account.id);
    await run(world);
    await requalify(account.id);
    await run(world);
    let passes = await passesOf(world, journeyId, account.id);
    expect(passes.map((p) => [p.pass, p.status, p.nodeId])).toEqual([[1, 'active', 'wait']]);

    world.clock.advance(day);
    await run(world);
    await requalify(account.id);
    await run(world);
    passes = await passesOf(world, journeyId, account.id);
    expect(passes.map((p) => [p.pass, p.status])).toEqual([
      [1, 'completed'],
      [2, 'active'],
    ]);
  });
});

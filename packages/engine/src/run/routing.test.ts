import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Condition } from '@caravan/core/conditions/condition';
import type { JourneyNode, VariantPath } from '@caravan/core/journey/definition';
import { linkPerson } from '@caravan/storage/account-membership.repository';
import { aPerson, storedPerson } from '@caravan/storage/b2b-fixtures';
import { testDialects } from '@caravan/storage/test-databases';
import {
  accountIs,
  definition,
  openWorld,
  personIs,
  publish,
  run,
  type World,
} from './engine.test-support.ts';
import {
  counter,
  enrollmentsOf,
  outboxOf,
  passesOf,
  timelineOf,
} from './engine-inspection.test-support.ts';
import { pickVariant, splitPeopleByVariant } from './routing.ts';
import type { PersonFacts } from './step.ts';

const industryIn = (...values: string[]): Condition => ({
  match: 'all',
  rules: [{ kind: 'account', attribute: 'industry', operator: 'in', value: values }],
});

const waitNode = (id: string): JourneyNode => ({
  id,
  type: 'wait',
  settings: { duration: { amount: 1, unit: 'days' } },
});

const peopleAction = (id: string, url: string): JourneyNode => ({
  id,
  type: 'action',
  settings: { on: 'people', action: { type: 'webhook', url } },
});

const variants: VariantPath[] = [
  { id: 'a', label: 'A', percent: 50 },
  { id: 'b', label: 'B', percent: 30 },
  { id: 'c', label: 'C', percent: 20 },
];

describe('variant arithmetic', () => {
  it('keeps every path within one account of its quota at every step', () => {
    const counts = new Map(variants.map((p) => [p.id, 0]));
    for (let total = 1; total <= 1000; total += 1) {
      const path = pickVariant(variants, counts);
      counts.set(path.id, counts.get(path.id)! + 1);
      for (const p of variants) {
        expect(Math.abs(counts.get(p.id)! - (p.percent! / 100) * total)).toBeLessThanOrEqual(1);
      }
    }
    expect([...counts.values()]).toEqual([500, 300, 200]);
  });

  it('gives each path floor(percent × people) and the last path the remainder', () => {
    const people = Array.from({ length: 7 }, (_, i) => ({
      ...aPerson(),
      role: null,
      firstName: `${i}`,
    }));
    const routed = splitPeopleByVariant(variants, people as PersonFacts[], 'seed');
    expect(variants.map((p) => routed.get(p.id)!.length)).toEqual([3, 2, 2]);
    const everyone = [...routed.values()].flat().map((p) => p.id);
    expect(everyone.sort()).toEqual(people.map((p) => p.id).sort());
    // Stable for the same seed: a repeated step routes the same people the same way.
    const again = splitPeopleByVariant(variants, people as PersonFacts[], 'seed');
    expect(again.get('a')!.map((p) => p.id)).toEqual(routed.get('a')!.map((p) => p.id));
  });
});

describe.each(testDialects)('splits on %s', (dialect) => {
  let world: World;

  beforeEach(async () => {
    world = await openWorld(dialect);
  });
  afterEach(async () => world.database.close());

  const accountAt = async (journeyId: string, index: number) =>
    (await passesOf(world, journeyId, world.accounts[index]!.id))[0]!;

  it('sends each account down the first path it matches, the rest down the other path', async () => {
    // Accounts 0/3 Software, 1/4 Retail, 2/5 Energy; "sw" and "both" both match Software.
    const split: JourneyNode = {
      id: 'split',
      type: 'split',
      settings: {
        by: 'accounts',
        otherPath: true,
        paths: [
          { id: 'sw', label: 'Software', condition: accountIs('industry', 'Software') },
          { id: 'both', label: 'Software or retail', condition: industryIn('Software', 'Retail') },
        ],
      },
    };
    const journeyId = await publish(
      world,
      definition(
        world,
        [split, waitNode('w-sw'), waitNode('w-both'), waitNode('w-other')],
        [
          ['audience', 'next', 'split'],
          ['split', 'sw', 'w-sw'],
          ['split', 'both', 'w-both'],
          ['split', 'other', 'w-other'],
        ],
      ),
    );
    await run(world);

    expect((await accountAt(journeyId, 0)).nodeId).toBe('w-sw');
    expect((await accountAt(journeyId, 1)).nodeId).toBe('w-both');
    expect((await accountAt(journeyId, 2)).nodeId).toBe('w-other');
    expect(await counter(world, journeyId, 'split', 'port:sw')).toBe(2);
    expect(await counter(world, journeyId, 'split', 'port:both')).toBe(2);
    expect(await counter(world, journeyId, 'split', 'port:other')).toBe(2);
    const step = (await timelineOf(world, journeyId, world.accounts[0]!.id)).find(
      (t) => t.nodeId === 'split',
    );
    expect(step).toMatchObject({ port: 'sw', detail: { decision: 'path "Software"' } });
    expect(String(step?.detail.reason)).toContain('Software');
  });

  it('completes an account that matches no path when there is no other path', async () => {
    const journeyId = await publish(
      world,
      definition(
        world,
        [
          {
            id: 'split',
            type: 'split',
            settings: {
              by: 'accounts',
              paths: [
                { id: 'sw', label: 'Software', condition: accountIs('industry', 'Software') },
              ],
            },
          },
          waitNode('w-sw'),
        ],
        [
          ['audience', 'next', 'split'],
          ['split', 'sw', 'w-sw'],
        ],
      ),
    );
    await run(world);

    expect(await accountAt(journeyId, 0)).toMatchObject({ status: 'active', nodeId: 'w-sw' });
    expect(await accountAt(journeyId, 1)).toMatchObject({ status: 'completed', nodeId: 'split' });
    expect(await counter(world, journeyId, '', 'ended:completed')).toBe(4);
    expect(await counter(world, journeyId, 'split', 'current')).toBe(0);
  });

  it('routes through nested splits by accounts', async () => {
    const inner: JourneyNode = {
      id: 'inner',
      type: 'split',
      settings: {
        by: 'accounts',
        otherPath: true,
        paths: [{ id: 'retail', label: 'Retail', condition: accountIs('industry', 'Retail') }],
      },
    };
    const outer: JourneyNode = {
      id: 'outer',
      type: 'split',
      settings: {
        by: 'accounts',
        otherPath: true,
        paths: [{ id: 'sw', label: 'Software', condition: accountIs('industry', 'Software') }],
      },
    };
    const journeyId = await publish(
      world,
      definition(
        world,
        [outer, inner, waitNode('w-sw'), waitNode('w-retail'), waitNode('w-rest')],
        [
          ['audience', 'next', 'outer'],
          ['outer', 'sw', 'w-sw'],
          ['outer', 'other', 'inner'],
          ['inner', 'retail', 'w-retail'],
          ['inner', 'other', 'w-rest'],
        ],
      ),
    );
    await run(world);

    expect((await accountAt(journeyId, 3)).nodeId).toBe('w-sw');
    expect((await accountAt(journeyId, 4)).nodeId).toBe('w-retail');
    expect((await accountAt(journeyId, 5)).nodeId).toBe('w-rest');
    expect(await counter(world, journeyId, 'inner', 'entered')).toBe(4);
  });

  it('routes each person by a split by people and continues with the account as one', async () => {
    const account = world.accounts[0]!;
    const p3 = await storedPerson(world.database.db, { email: 'p3@example.com', firstName: 'P3' });
    await linkPerson(world.database.db, {
      accountId: account.id,
      personId: p3.id,
      role: null,
      now: world.clock.now(),
    });
    const split: JourneyNode = {
      id: 'split',
      type: 'split',
      settings: {
        by: 'people',
        paths: [
          { id: 'first', label: 'P1', condition: personIs('firstName', 'P1') },
          { id: 'second', label: 'P2', condition: personIs('firstName', 'P2') },
        ],
      },
    };
    const journeyId = await publish(
      world,
      definition(
        world,
        [
          split,
          peopleAction('hook1', 'https://one.example.com'),
          peopleAction('hook2', 'https://two.example.com'),
          waitNode('after'),
        ],
        [
          ['audience', 'next', 'split'],
          ['split', 'first', 'hook1'],
          ['split', 'second', 'hook2'],
          ['hook1', 'next', 'after'],
          ['hook2', 'next', 'after'],
        ],
      ),
    );
    await run(world);

    const [p1, p2] = world.people.get(account.id)!;
    const calls = (await outboxOf(world, journeyId)).filter((m) => m.accountId === account.id);
    expect(calls.map((m) => [m.nodeId, m.personId]).sort()).toEqual(
      [
        ['hook1', p1!.id],
        ['hook2', p2!.id],
      ].sort(),
    );
    const passes = await enrollmentsOf(world, journeyId);
    expect(passes).toHaveLength(6);
    expect(passes.every((e) => e.nodeId === 'after' && e.status === 'active')).toBe(true);
    expect(await counter(world, journeyId, 'after', 'entered')).toBe(6);
    expect(await counter(world, journeyId, 'split', 'port:first')).toBe(6);
    const step = (await timelineOf(world, journeyId, account.id)).find((t) => t.nodeId === 'split');
    expect(step?.detail.reasons).toMatchObject({ [p3.id]: 'no path matched: goes straight past' });
  });

  it('spreads 1,000 accounts over a 50/30/20 variant split within one account of each quota', async () => {
    const big = await openWorld(dialect, { accounts: 1000, people: 0 });
    try {
      const variant: JourneyNode = {
        id: 'variant',
        type: 'variantSplit',
        settings: { by: 'accounts', paths: variants },
      };
      const journeyId = await publish(
        big,
        definition(
          big,
          [variant, waitNode('wa'), waitNode('wb'), waitNode('wc')],
          [
            ['audience', 'next', 'variant'],
            ['variant', 'a', 'wa'],
            ['variant', 'b', 'wb'],
            ['variant', 'c', 'wc'],
          ],
        ),
      );
      await run(big);
      const at = new Map<string, number>();
      for (const e of await enrollmentsOf(big, journeyId))
        at.set(e.nodeId, (at.get(e.nodeId) ?? 0) + 1);
      expect(Math.abs(at.get('wa')! - 500)).toBeLessThanOrEqual(1);
      expect(Math.abs(at.get('wb')! - 300)).toBeLessThanOrEqual(1);
      expect(Math.abs(at.get('wc')! - 200)).toBeLessThanOrEqual(1);
      expect(await counter(big, journeyId, 'variant', 'port:a')).toBe(at.get('wa'));
    } finally {
      await big.database.close();
    }
  });

  it('splits the people of each account by variant: floor per path, the remainder on the last', async () => {
    const account = world.accounts[0]!;
    for (const n of [3, 4, 5]) {
      const person = await storedPerson(world.database.db, { email: `p${n}@example.com` });
      await linkPerson(world.database.db, {
        accountId: account.id,
        personId: person.id,
        role: null,
        now: world.clock.now(),
      });
    }
    const variant: JourneyNode = {
      id: 'variant',
      type: 'variantSplit',
      settings: {
        by: 'people',
        paths: [
          { id: 'a', label: 'A', percent: 30 },
          { id: 'b', label: 'B', percent: 30 },
          { id: 'c', label: 'C', percent: 40 },
        ],
      },
    };
    const journeyId = await publish(
      world,
      definition(
        world,
        [
          variant,
          peopleAction('ha', 'https://a.example.com'),
          peopleAction('hb', 'https://b.example.com'),
          peopleAction('hc', 'https://c.example.com'),
        ],
        [
          ['audience', 'next', 'variant'],
          ['variant', 'a', 'ha'],
          ['variant', 'b', 'hb'],
          ['variant', 'c', 'hc'],
        ],
      ),
    );
    await run(world);

    // Five people: floor(1.5) = 1, floor(1.5) = 1, the last path the other 3.
    const calls = (await outboxOf(world, journeyId)).filter((m) => m.accountId === account.id);
    const perNode = (id: string) => calls.filter((m) => m.nodeId === id).length;
    expect([perNode('ha'), perNode('hb'), perNode('hc')]).toEqual([1, 1, 3]);
    expect(new Set(calls.map((m) => m.personId)).size).toBe(5);
    expect((await accountAt(journeyId, 0)).status).toBe('completed');
  });
});

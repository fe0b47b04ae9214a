import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listAccounts } from '@caravan/storage/account.repository';
import { listActivities } from '@caravan/storage/activity.repository';
import { listAudiences } from '@caravan/storage/audience.repository';
import { listBuyingGroups } from '@caravan/storage/buying-group.repository';
import type { Database } from '@caravan/storage/database';
import { listPeople } from '@caravan/storage/person.repository';
import { openTestDatabase, testDialects } from '@caravan/storage/test-databases';
import { listAccountLists } from '../segments/account-lists.service.ts';
import { audienceMembers } from '../segments/audiences.service.ts';
import {
  readEngagementSettings,
  recomputeEngagementScores,
} from '../buying-groups/engagement.service.ts';
import { ManualClock } from '../runtime/clock.ts';
import { getEmail, listEmails, listSms } from '../content/content.service.ts';
import { loadDemoB2bData, type DemoB2bSummary } from './demo-b2b-data.ts';
import { demoB2bDataset } from './demo-b2b-dataset.ts';

describe('the demo dataset', () => {
  it('is the same on every run', () => {
    const a = demoB2bDataset();
    const b = demoB2bDataset();
    expect(a.accounts.map((x) => [x.name, x.domain, x.employees])).toEqual(
      b.accounts.map((x) => [x.name, x.domain, x.employees]),
    );
    expect(a.people.map((p) => p.row.email)).toEqual(b.people.map((p) => p.row.email));
  });

  it('gives every account a unique name and domain and 2 to 6 people', () => {
    const { accounts, people } = demoB2bDataset();
    expect(new Set(accounts.map((a) => a.name)).size).toBe(accounts.length);
    expect(new Set(accounts.map((a) => a.domain)).size).toBe(accounts.length);
    expect(new Set(accounts.map((a) => a.industry)).size).toBe(10);
    const perAccount = accounts.map((_, i) => people.filter((p) => p.accountIndex === i).length);
    expect(Math.min(...perAccount)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...perAccount)).toBeLessThanOrEqual(6);
    expect(new Set(people.map((p) => p.row.email)).size).toBe(people.length);
  });
});

describe.each(testDialects)('demo B2B data on %s', (dialect) => {
  let database: Database;
  let summary: DemoB2bSummary | undefined;
  const clock = new ManualClock(new Date('2026-03-02T09:00:00.000Z'));
  const deps = () => ({ database, clock });

  beforeAll(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
    summary = await loadDemoB2bData(deps(), clock.now());
  });
  afterAll(async () => database.close());

  it('loads a few hundred accounts with their people on an empty database', async () => {
    expect(summary?.accounts).toBe(300);
    const accounts = await listAccounts(database.db, { limit: 1, offset: 0 });
    const people = await listPeople(database.db, { limit: 1, offset: 0 });
    expect(accounts.total).toBe(300);
    expect(people.total).toBe(summary?.people);
    expect(people.total).toBeGreaterThan(600);
    expect(people.total).toBeLessThan(1800);
  });

  it('fills every audience and the static list', async () => {
    const { items } = await listAudiences(database.db, { limit: 10, offset: 0 });
    expect(items).toHaveLength(3);
    for (const audience of items) {
      const members = await audienceMembers(deps(), audience.id, { limit: 1 });
      expect(members.ok && members.value.total, audience.name).toBeGreaterThan(0);
    }
    const lists = await listAccountLists(deps(), {});
    expect(lists.ok && lists.value.items.map((l) => [l.status, l.memberCount > 0])).toEqual([
      ['live', true],
    ]);
  });

  it('creates buying groups with auto-assigned members and completeness computed', async () => {
    const groups = await listBuyingGroups(database.db, { limit: 500, offset: 0 });
    expect(groups.total).toBe(summary?.buyingGroups);
    expect(groups.total).toBeGreaterThan(40);
    expect(groups.items.some((g) => g.completenessScore > 0)).toBe(true);
    expect(groups.items.every((g) => g.members.every((m) => m.source === 'automatic'))).toBe(true);
    expect(new Set(groups.items.map((g) => g.stage)).size).toBeGreaterThan(2);
  });

  it('stores emails without warnings, SMS, event types and recent activities', async () => {
    const emails = await listEmails(deps(), {});
    const sms = await listSms(deps(), {});
    expect(emails.ok && emails.value.total).toBe(2);
    for (const email of emails.ok ? emails.value.items : []) {
      const checked = await getEmail(deps(), email.id);
      expect(checked.ok && checked.value.warnings, email.name).toEqual([]);
    }
    expect(sms.ok && sms.value.total).toBe(2);
    expect(summary?.eventTypes).toBe(3);
    expect(summary?.activities).toBeGreaterThan(100);
    const demoTypes = ['webinarAttended', 'demoRequested', 'pricingPageVisited'];
    const activities = await listActivities(database.db, { types: demoTypes, limit: 2000 });
    expect(activities).toHaveLength(summary?.activities ?? -1);
  });

  it('computes engagement scores from the demo activities, whose types carry weights', async () => {
    const settings = await readEngagementSettings(database.db);
    for (const type of ['webinarAttended', 'demoRequested', 'pricingPageVisited'])
      expect(settings.weights[type]?.points, type).toBeGreaterThan(0);
    const groups = await listBuyingGroups(database.db, { limit: 500, offset: 0 });
    const scored = groups.items.filter((g) => g.engagementScore > 0);
    expect(scored.length).toBeGreaterThan(0);
    // The stored scores are the ones a recompute finds: nothing changes.
    expect(await recomputeEngagementScores(deps())).toEqual({
      groups: groups.total,
      changed: 0,
    });
  });

  it('adds nothing when it runs again', async () => {
    expect(await loadDemoB2bData(deps(), clock.now())).toBeUndefined();
    expect((await listAccounts(database.db, { limit: 1, offset: 0 })).total).toBe(300);
    const groups = await listBuyingGroups(database.db, { limit: 1, offset: 0 });
    expect(groups.total).toBe(summary?.buyingGroups);
  });
});

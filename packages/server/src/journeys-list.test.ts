import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { testDialects } from '@caravan/storage/test-databases';
import { journeyInStatus } from './test-support/journey.factory.ts';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

const minute = 60_000;

describe.each(testDialects)('journey list API on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;

  // One set of journeys for every test here: the list is only read.
  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    manager = (await t.signIn('manager')).client;
    const plan = [
      ['Webinar follow-up EMEA', 'completed'],
      ['Q1 Enterprise nurture', 'live'],
      ['Product launch', 'scheduled'],
      ['webinar follow-up NA', 'draft'],
      ['Renewal risk', 'aborted'],
      ['Trade show leads', 'closed'],
      ['Partner onboarding', 'draft'],
    ] as const;
    for (const [name, status] of plan) {
      await journeyInStatus(t, manager, status, name);
      t.clock.advance(minute);
    }
  });
  afterAll(async () => t.close());

  const names = (body: { items: { name: string }[] }) => body.items.map((j) => j.name);

  it('answers 200 with every journey, the total and the newest update first by default', async () => {
    const response = await manager.get('/journeys');
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(7);
    expect(response.body.nextCursor).toBeNull();
    expect(names(response.body)[0]).toBe('Partner onboarding');
    expect(response.body.items[0].allowedActions).toEqual(['publish', 'duplicate', 'delete']);
  });

  it('answers 200 with the journeys whose name contains the search in any case', async () => {
    const response = await manager.get('/journeys?search=WEBINAR&sort=name:asc');
    expect(names(response.body)).toEqual(['Webinar follow-up EMEA', 'webinar follow-up NA']);
    expect(response.body.total).toBe(2);
  });

  it('answers 200 with only the journeys of the given statuses', async () => {
    const response = await manager.get('/journeys?status=live,closed&sort=name:asc');
    expect(names(response.body)).toEqual(['Q1 Enterprise nurture', 'Trade show leads']);
  });

  it('answers 200 sorted by status in lifecycle order, both ways', async () => {
    const asc = await manager.get('/journeys?sort=status:asc');
    expect(asc.body.items.map((j: { status: string }) => j.status)).toEqual([
      'draft',
      'draft',
      'scheduled',
      'live',
      'closed',
      'aborted',
      'completed',
    ]);
    const desc = await manager.get('/journeys?sort=status:desc');
    expect(desc.body.items[0].status).toBe('completed');
    expect(desc.body.items.at(-1).status).toBe('draft');
  });

  it('answers 200 sorted by creation date and by name', async () => {
    const byCreation = await manager.get('/journeys?sort=createdAt:asc');
    expect(names(byCreation.body)[0]).toBe('Webinar follow-up EMEA');
    const byName = await manager.get('/journeys?sort=name:desc');
    expect(names(byName.body)[0]).toBe('webinar follow-up NA');
  });

  it('answers 200 with published journeys first when sorted by publish date, unpublished last', async () => {
    const response = await manager.get('/journeys?sort=publishedAt:desc');
    const publishedAt = response.body.items.map(
      (j: { publishedAt: string | null }) => j.publishedAt,
    );
    expect(publishedAt.slice(-2)).toEqual([null, null]);
    expect(publishedAt[0]).not.toBeNull();
  });

  it('pages with an opaque cursor through every journey exactly once', async () => {
    const seen: string[] = [];
    let url = '/journeys?sort=name:asc&limit=3';
    for (;;) {
      const page = await manager.get(url);
      expect(page.status).toBe(200);
      expect(page.body.total).toBe(7);
      seen.push(...names(page.body));
      if (!page.body.nextCursor) break;
      url = `/journeys?sort=name:asc&limit=3&cursor=${encodeURIComponent(page.body.nextCursor)}`;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen).toEqual([...seen].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  });

  it('answers 400 INVALID_CURSOR when a cursor is used with another sort or is garbage', async () => {
    const first = await manager.get('/journeys?sort=name:asc&limit=2');
    const cursor = encodeURIComponent(first.body.nextCursor);
    const otherSort = await manager.get(`/journeys?sort=status:asc&limit=2&cursor=${cursor}`);
    expect(otherSort.status).toBe(400);
    expect(otherSort.body.error.code).toBe('INVALID_CURSOR');
    const garbage = await manager.get('/journeys?cursor=not-a-cursor');
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.code).toBe('INVALID_CURSOR');
  });

  it('answers 400 VALIDATION_FAILED for an unknown status, sort field or limit', async () => {
    for (const query of [
      'status=live,running',
      'sort=colour:asc',
      'sort=name',
      'limit=0',
      'limit=201',
      'limit=abc',
    ]) {
      const response = await manager.get(`/journeys?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.details.length).toBeGreaterThan(0);
    }
  });
});

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { listActivities } from '@caravan/storage/activity.repository';
import { testDialects } from '@caravan/storage/test-databases';
import { startTestApp, testStart, type Client, type TestApp } from './test-support/test-app.ts';

describe.each(testDialects)('event ingestion API on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;
  let viewer: Client;
  let acme: { id: string };
  let loner: { id: string };
  let ada: { id: string };

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    manager = (await t.signIn('manager')).client;
    viewer = (await t.signIn('viewer')).client;
    acme = (
      await manager.post('/accounts', {
        name: 'Acme',
        domain: 'acme.example',
        externalId: 'sf-acme',
      })
    ).body;
    ada = (await manager.post('/people', { email: 'ada@acme.example', externalId: 'u-ada' })).body;
    loner = (await manager.post('/people', { email: 'loner@nowhere.example' })).body;
    await manager.put(`/accounts/${acme.id}/people/${ada.id}`);
  });
  afterAll(async () => t.close());

  const event = (messageId: string, who: Record<string, unknown>) => ({
    messageId,
    type: 'Webinar Attended',
    properties: { webinarId: 'w-1', minutes: 42 },
    ...who,
  });

  it('answers 202 storing each event on its account, found by id, external id, domain or person', async () => {
    const response = await manager.post('/events', {
      events: [
        event('m-1', { accountId: acme.id, occurredAt: '2026-03-01T10:00:00+01:00' }),
        event('m-2', { accountExternalId: 'sf-acme' }),
        event('m-3', { domain: 'ACME.example' }),
        event('m-4', { email: 'ADA@acme.example' }),
        event('m-5', { personExternalId: 'u-ada', accountId: acme.id }),
      ],
    });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ accepted: 5, duplicates: 0, rejected: [] });
    const stored = await listActivities(t.database.db, {
      accountId: acme.id,
      types: ['Webinar Attended'],
      limit: 10,
    });
    const byMessage = new Map(stored.map((a) => [a.messageId, a]));
    expect(byMessage.get('m-1')).toMatchObject({
      occurredAt: '2026-03-01T09:00:00.000Z',
      receivedAt: testStart.toISOString(),
      personId: null,
      properties: { webinarId: 'w-1', minutes: 42 },
    });
    expect(byMessage.get('m-2')?.occurredAt).toBe(testStart.toISOString());
    expect(byMessage.get('m-4')?.personId).toBe(ada.id);
    expect(byMessage.get('m-5')?.personId).toBe(ada.id);
  });

  it('stores the valid events of a batch and lists each rejected one with its index and reason', async () => {
    const response = await manager.post('/events', {
      events: [
        event('r-1', { accountId: acme.id }),
        { type: 'No message id', accountId: acme.id },
        event('r-3', { accountExternalId: 'sf-unknown' }),
        event('r-4', { email: 'nobody@x.example' }),
        event('r-5', { personId: loner.id }),
        event('r-6', {}),
        { ...event('r-7', { accountId: acme.id }), properties: { nested: { no: 1 } } },
        'not an object',
      ],
    });
    expect(response.status).toBe(202);
    expect(response.body.accepted).toBe(1);
    expect(
      response.body.rejected.map((r: { index: number; code: string }) => [r.index, r.code]),
    ).toEqual([
      [1, 'INVALID_EVENT'],
      [2, 'ACCOUNT_NOT_FOUND'],
      [3, 'PERSON_NOT_FOUND'],
      [4, 'ACCOUNT_UNRESOLVED'],
      [5, 'ACCOUNT_UNRESOLVED'],
      [6, 'INVALID_EVENT'],
      [7, 'INVALID_EVENT'],
    ]);
    expect(response.body.rejected[0].message).toMatch(/^messageId: /);
    expect(response.body.rejected[5].message).toMatch(/^properties\.nested: /);
  });

  it('stores an event once: a message id sent again, or twice in a batch, answers as a duplicate', async () => {
    const first = await manager.post('/events', { events: [event('d-1', { accountId: acme.id })] });
    expect(first.body).toMatchObject({ accepted: 1, duplicates: 0 });
    const again = await manager.post('/events', {
      events: [
        event('d-1', { accountId: acme.id }),
        event('d-2', { accountId: acme.id }),
        event('d-2', { accountId: acme.id }),
      ],
    });
    expect(again.body).toEqual({ accepted: 1, duplicates: 2, rejected: [] });
    const stored = await listActivities(t.database.db, { accountId: acme.id, limit: 100 });
    expect(stored.filter((a) => a.messageId === 'd-1' || a.messageId === 'd-2')).toHaveLength(2);
  });

  it('answers 413 PAYLOAD_TOO_LARGE for more than 1,000 events and stores none of them', async () => {
    const events = Array.from({ length: 1001 }, (_, i) =>
      event(`big-${i}`, { accountId: acme.id }),
    );
    const response = await manager.post('/events', { events });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const stored = await listActivities(t.database.db, { accountId: acme.id, limit: 2000 });
    expect(stored.some((a) => a.messageId?.startsWith('big-'))).toBe(false);
  });

  it('answers 202 for a full batch of 1,000 events', async () => {
    const events = Array.from({ length: 1000 }, (_, i) =>
      event(`full-${i}`, { accountId: acme.id }),
    );
    const response = await manager.post('/events', { events });
    expect(response.status).toBe(202);
    expect(response.body.accepted).toBe(1000);
  });

  it('answers 400 VALIDATION_FAILED when the body has no events array', async () => {
    const response = await manager.post('/events', { event: [] });
    expect(response.status).toBe(400);
    expect(response.body.error.details[0].path).toBe('body.events');
  });

  it('answers 401 without credentials and 403 for a viewer', async () => {
    expect((await t.anonymous.post('/events', { events: [] })).status).toBe(401);
    expect((await viewer.post('/events', { events: [] })).status).toBe(403);
  });
});

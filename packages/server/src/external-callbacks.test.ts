import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadEngineSecret, signToken } from '@caravan/engine/runtime/engine-secret';
import { fromJson, fromTimestamp, toJson, toTimestamp } from '@caravan/storage/column-types';
import { insertJourney } from '@caravan/storage/journey.repository';
import { testDialects } from '@caravan/storage/test-databases';
import { aJourney } from '@caravan/storage/test-fixtures';
import { startTestApp, type TestApp } from './test-support/test-app.ts';

describe.each(testDialects)('external service callbacks on %s', (dialect) => {
  let t: TestApp;
  let secret: string;
  let journeyId: string;

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    // The secret the app loaded at start: generated once and stored, so this reads it back.
    secret = await loadEngineSecret(t.database, t.clock, undefined);
    const { user } = await t.signIn('manager');
    const journey = await insertJourney(
      t.database.db,
      aJourney(user.id, {
        status: 'live',
        definition: {
          nodes: [
            { id: 'audience', type: 'audience', settings: { source: 'audience', sourceId: 'a' } },
            { id: 'call', type: 'externalAction', settings: { serviceId: 'svc' } },
          ],
          edges: [{ from: 'audience', port: 'next', to: 'call' }],
        },
      }),
    );
    if (!journey.ok) throw new Error(journey.error.message);
    journeyId = journey.value.id;
  });
  afterAll(async () => t.close());

  /** An enrollment waiting at the external action for the service's answer (timeout in 5 min). */
  async function waitingEnrollment(): Promise<number> {
    const now = t.clock.now();
    const row = await t.database.db
      .insertInto('enrollments')
      .values({
        journey_id: journeyId,
        account_id: crypto.randomUUID(),
        pass: 1,
        status: 'active',
        node_id: 'call',
        phase: 'external',
        due_at: toTimestamp(new Date(now.getTime() + 300_000)),
        entered_at: toTimestamp(now),
        node_entered_at: toTimestamp(now),
        ended_at: null,
        end_reason: null,
        state: toJson({}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async function enrollment(id: number) {
    const row = await t.database.db
      .selectFrom('enrollments')
      .select(['due_at', 'state'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return { dueAt: row.due_at && fromTimestamp(row.due_at), state: fromJson(row.state) };
  }

  const callback = (token: string, body: unknown) =>
    t.anonymous.post(`/callbacks/external/${encodeURIComponent(token)}`, body);

  it('answers 202 without a session and stores the values on the enrollment, due now', async () => {
    const id = await waitingEnrollment();
    t.clock.advance(42_000);
    const token = signToken(secret, 'callback', { enrollmentId: id, nodeId: 'call' });
    const values = { score: 91, segment: 'enterprise', qualified: true, owner: null };
    const response = await callback(token, { success: true, values });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ accepted: true });
    expect(await enrollment(id)).toEqual({
      dueAt: t.clock.now().toISOString(),
      state: { external: { status: 'success', values } },
    });
  });

  it("answers 202 to a failure and stores the service's reason for timeoutOrError", async () => {
    const id = await waitingEnrollment();
    const token = signToken(secret, 'callback', { enrollmentId: id, nodeId: 'call' });
    const response = await callback(token, { success: false, error: 'CRM is down' });
    expect(response.status).toBe(202);
    expect((await enrollment(id)).state).toEqual({
      external: { status: 'error', reason: 'CRM is down' },
    });
  });

  it('answers 409 CALLBACK_NOT_EXPECTED to a second callback and changes nothing', async () => {
    const id = await waitingEnrollment();
    const token = signToken(secret, 'callback', { enrollmentId: id, nodeId: 'call' });
    expect((await callback(token, { success: true, values: { a: 1 } })).status).toBe(202);
    const first = await enrollment(id);
    t.clock.advance(1_000);
    const again = await callback(token, { success: true, values: { a: 1 } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CALLBACK_NOT_EXPECTED');
    expect(await enrollment(id)).toEqual(first);
  });

  it('answers 409 CALLBACK_NOT_EXPECTED once the enrollment has left the node', async () => {
    const id = await waitingEnrollment();
    await t.database.db
      .updateTable('enrollments')
      .set({ node_id: 'next', phase: 'run' })
      .where('id', '=', id)
      .execute();
    const token = signToken(secret, 'callback', { enrollmentId: id, nodeId: 'call' });
    const response = await callback(token, { success: true });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('CALLBACK_NOT_EXPECTED');
  });

  it('answers 401 INVALID_CALLBACK_TOKEN to a forged or garbled token and changes nothing', async () => {
    const id = await waitingEnrollment();
    const before = await enrollment(id);
    const forged = signToken('not-our-secret', 'callback', { enrollmentId: id, nodeId: 'call' });
    const [body] = signToken(secret, 'callback', { enrollmentId: id, nodeId: 'call' }).split('.');
    const tampered = `${body}.${forged.split('.')[1]}`;
    for (const token of [forged, tampered, 'garbage']) {
      const response = await callback(token, { success: true });
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('INVALID_CALLBACK_TOKEN');
    }
    expect(await enrollment(id)).toEqual(before);
  });

  it('answers 400 VALIDATION_FAILED naming the field for a malformed answer', async () => {
    const id = await waitingEnrollment();
    const token = signToken(secret, 'callback', { enrollmentId: id, nodeId: 'call' });
    const cases: Array<[unknown, string]> = [
      [{}, 'body.success'],
      [{ success: 'yes' }, 'body.success'],
      [{ success: true, values: { nested: { a: 1 } } }, 'body.values.nested'],
      [{ success: false, error: 42 }, 'body.error'],
    ];
    for (const [answer, path] of cases) {
      const response = await callback(token, answer);
      expect(response.status, path).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(response.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect((await enrollment(id)).state).toEqual({});
  });
});

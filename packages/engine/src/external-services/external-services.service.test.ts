import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import type { JourneyStatus } from '@caravan/core/journey/status';
import { fromJson, fromTimestamp, toJson, toTimestamp } from '@caravan/storage/column-types';
import type { Database } from '@caravan/storage/database';
import { insertJourney } from '@caravan/storage/journey.repository';
import { openTestDatabase, testDialects } from '@caravan/storage/test-databases';
import { aJourney, aUser } from '@caravan/storage/test-fixtures';
import { ManualClock } from '../runtime/clock.ts';
import { signToken } from '../runtime/engine-secret.ts';
import {
  answerExternalCallback,
  createExternalService,
  deleteExternalService,
  getExternalService,
  listExternalServices,
  patchExternalService,
} from './external-services.service.ts';

const now = new Date('2026-11-29T10:00:00.000Z');
const secret = 'engine-secret-for-tests';

function value<T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

/** An audience and one external action calling `serviceId`. */
function callingDefinition(serviceId: string): JourneyDefinition {
  return {
    nodes: [
      { id: 'audience', type: 'audience', settings: { source: 'audience', sourceId: 'aud' } },
      { id: 'call', type: 'externalAction', settings: { serviceId } },
    ],
    edges: [{ from: 'audience', port: 'next', to: 'call' }],
  };
}

describe.each(testDialects)('external services service on %s', (dialect) => {
  let database: Database;
  let deps: { database: Database; clock: ManualClock };
  let userId: string;

  beforeAll(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
    deps = { database, clock: new ManualClock(now) };
    userId = (await aUser(database.db)).id;
  });
  afterAll(async () => database.close());

  async function storeJourney(status: JourneyStatus, serviceId: string) {
    const stored = await insertJourney(
      database.db,
      aJourney(userId, { status, definition: callingDefinition(serviceId) }),
    );
    return value(stored);
  }

  /** An enrollment the worker left waiting for the service's answer at node 'call'. */
  async function waitingEnrollment(journeyId: string): Promise<number> {
    const at = toTimestamp(now);
    const row = await database.db
      .insertInto('enrollments')
      .values({
        journey_id: journeyId,
        account_id: crypto.randomUUID(),
        pass: 1,
        status: 'active',
        node_id: 'call',
        phase: 'external',
        due_at: toTimestamp(new Date(now.getTime() + 300_000)),
        entered_at: at,
        node_entered_at: at,
        ended_at: null,
        end_reason: null,
        state: toJson({}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async function enrollment(id: number) {
    const row = await database.db
      .selectFrom('enrollments')
      .select(['due_at', 'state'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return { dueAt: row.due_at && fromTimestamp(row.due_at), state: fromJson(row.state) };
  }

  it('generates a secret and the default timeout when none are given', async () => {
    const created = value(
      await createExternalService(deps, { name: 'Scoring', url: 'https://s.example.com' }),
    );
    expect(created).toMatchObject({ name: 'Scoring', timeoutSeconds: 300 });
    expect(created.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(value(await getExternalService(deps, created.id))).toEqual(created);
  });

  it('keeps a given secret, refuses a taken name and pages the list', async () => {
    const created = value(
      await createExternalService(deps, {
        name: 'Enrichment',
        url: 'https://vendor.example.com/enrich',
        secret: 'my-own-shared-secret',
        timeoutSeconds: 60,
      }),
    );
    expect(created).toMatchObject({ secret: 'my-own-shared-secret', timeoutSeconds: 60 });
    const taken = await createExternalService(deps, { name: 'ENRICHMENT', url: 'https://e.x' });
    expect(taken).toMatchObject({ ok: false, error: { code: 'EXTERNAL_SERVICE_NAME_TAKEN' } });
    const page = value(await listExternalServices(deps, { search: 'enrich', limit: 10 }));
    expect(page).toMatchObject({ total: 1, nextCursor: null, items: [{ id: created.id }] });
  });

  it('changes the given fields and answers NOT_FOUND for an unknown id', async () => {
    const created = value(
      await createExternalService(deps, { name: 'Patchable', url: 'https://p.example.com' }),
    );
    const patched = value(await patchExternalService(deps, created.id, { timeoutSeconds: 5 }));
    expect(patched).toMatchObject({ name: 'Patchable', timeoutSeconds: 5, secret: created.secret });
    const missing = await patchExternalService(deps, crypto.randomUUID(), { name: 'x' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'EXTERNAL_SERVICE_NOT_FOUND' } });
  });

  it('refuses to delete a service a live journey calls, naming the journey and node', async () => {
    const service = value(
      await createExternalService(deps, { name: 'In use', url: 'https://u.example.com' }),
    );
    const live = await storeJourney('live', service.id);
    const refused = await deleteExternalService(deps, service.id);
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'IN_USE',
        details: [{ journeyId: live.id, journeyName: live.name, status: 'live', nodeId: 'call' }],
      },
    });
    expect((await getExternalService(deps, service.id)).ok).toBe(true);
  });

  it('deletes a service only drafts and ended journeys call', async () => {
    const service = value(
      await createExternalService(deps, { name: 'Unused', url: 'https://n.example.com' }),
    );
    await storeJourney('draft', service.id);
    await storeJourney('aborted', service.id);
    await storeJourney('completed', service.id);
    expect(await deleteExternalService(deps, service.id)).toEqual({ ok: true, value: true });
    const again = await deleteExternalService(deps, service.id);
    expect(again).toMatchObject({ ok: false, error: { code: 'EXTERNAL_SERVICE_NOT_FOUND' } });
  });

  it('stores a success answer on the waiting enrollment and makes it due now', async () => {
    const journey = await storeJourney('live', 'svc');
    const id = await waitingEnrollment(journey.id);
    deps.clock.advance(1_000);
    const token = signToken(secret, 'callback', { enrollmentId: id, nodeId: 'call' });
    const answer = { success: true, values: { score: 87, tier: 'gold', vip: true, note: null } };
    expect(await answerExternalCallback(deps, secret, token, answer)).toEqual({
      ok: true,
      value: 'accepted',
    });
    expect(await enrollment(id)).toEqual({
      dueAt: deps.clock.now().toISOString(),
      state: { external: { status: 'success', values: answer.values } },
    });
  });

  it('answers CALLBACK_NOT_EXPECTED to a second answer and keeps the first', async () => {
    const journey = await storeJourney('live', 'svc');
    const id = await waitingEnrollment(journey.id);
    const token = signToken(secret, 'callback', { enrollmentId: id, nodeId: 'call' });
    value(await answerExternalCallback(deps, secret, token, { success: false }));
    const first = await enrollment(id);
    expect(first.state).toEqual({
      external: { status: 'error', reason: 'the service reported an error' },
    });
    deps.clock.advance(5_000);
    const second = await answerExternalCallback(deps, secret, token, { success: true });
    expect(second).toMatchObject({ ok: false, error: { code: 'CALLBACK_NOT_EXPECTED' } });
    expect(await enrollment(id)).toEqual(first);
  });

  it('answers CALLBACK_NOT_EXPECTED when the enrollment is elsewhere or ended', async () => {
    const journey = await storeJourney('live', 'svc');
    const id = await waitingEnrollment(journey.id);
    const otherNode = signToken(secret, 'callback', { enrollmentId: id, nodeId: 'elsewhere' });
    expect(await answerExternalCallback(deps, secret, otherNode, { success: true })).toMatchObject({
      ok: false,
      error: { code: 'CALLBACK_NOT_EXPECTED' },
    });
    await database.db
      .updateTable('enrollments')
      .set({ status: 'aborted', phase: 'done', due_at: null })
      .where('id', '=', id)
      .execute();
    const token = signToken(secret, 'callback', { enrollmentId: id, nodeId: 'call' });
    expect(await answerExternalCallback(deps, secret, token, { success: true })).toMatchObject({
      ok: false,
      error: { code: 'CALLBACK_NOT_EXPECTED' },
    });
    expect((await enrollment(id)).state).toEqual({});
  });

  it('answers INVALID_CALLBACK_TOKEN for a forged, foreign or malformed token', async () => {
    const journey = await storeJourney('live', 'svc');
    const id = await waitingEnrollment(journey.id);
    const forged = signToken('another-secret', 'callback', { enrollmentId: id, nodeId: 'call' });
    const wrongShape = signToken(secret, 'callback', { enrollmentId: String(id), nodeId: 'call' });
    for (const token of [forged, wrongShape, 'not-a-token', `${forged}.extra`]) {
      expect(await answerExternalCallback(deps, secret, token, { success: true })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_CALLBACK_TOKEN' },
      });
    }
    expect((await enrollment(id)).state).toEqual({});
  });
});

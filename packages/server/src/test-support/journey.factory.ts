/** Journeys for API tests: bodies that publish, and helpers to reach any status. */
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import type { Schedule } from '@caravan/core/journey/journey';
import type { JourneyStatus } from '@caravan/core/journey/status';
import { findAudience, insertAudience } from '@caravan/storage/audience.repository';
import { updateJourney } from '@caravan/storage/journey.repository';
import type { JourneyResponse } from '../journey.schemas.ts';
import type { Client, TestApp } from './test-app.ts';

const day = 24 * 60 * 60 * 1000;

/** The audience every publishable definition starts from; `storeTestAudience` creates it. */
export const testAudienceId = 'aud-1';

/**
 * Publish checks that the audience exists, so a test stores it before it publishes. Through
 * storage rather than the API: the audience is scenery here, not what the tests are about.
 */
export async function storeTestAudience(t: TestApp): Promise<void> {
  if (await findAudience(t.database.db, testAudienceId)) return;
  const stored = await insertAudience(t.database.db, {
    id: testAudienceId,
    name: 'Test audience',
    description: 'The audience publishable test journeys start from.',
    condition: { match: 'all', rules: [] },
    status: 'live',
    now: t.clock.now(),
  });
  if (!stored.ok) throw new Error(stored.error.message);
}

/** Publishes once `storeTestAudience` has stored its audience. */
export function publishableDefinition(): JourneyDefinition {
  return {
    nodes: [
      {
        id: 'audience',
        type: 'audience',
        settings: { source: 'audience', sourceId: testAudienceId },
      },
      { id: 'wait', type: 'wait', settings: { duration: { amount: 2, unit: 'days' } } },
    ],
    edges: [{ from: 'audience', port: 'next', to: 'wait' }],
  };
}

/** Starts now (or `startInMs` from `now`) and ends 30 days after. */
export function publishableSchedule(now: Date, startInMs?: number): Schedule {
  const start =
    startInMs === undefined ? 'immediately' : new Date(now.getTime() + startInMs).toISOString();
  return { start, end: new Date(now.getTime() + (startInMs ?? 0) + 30 * day).toISOString() };
}

let journeyCount = 0;

export function uniqueJourneyName(prefix = 'Journey'): string {
  journeyCount += 1;
  return `${prefix} ${journeyCount}`;
}

export async function createPublishable(
  t: TestApp,
  client: Client,
  overrides: { name?: string; startInMs?: number } = {},
): Promise<JourneyResponse> {
  await storeTestAudience(t);
  const response = await client.post<JourneyResponse>('/journeys', {
    name: overrides.name ?? uniqueJourneyName(),
    description: 'A journey for tests',
    definition: publishableDefinition(),
    schedule: publishableSchedule(t.clock.now(), overrides.startInMs),
  });
  if (response.status !== 201) throw new Error(`create failed: ${JSON.stringify(response.body)}`);
  return response.body;
}

async function act(client: Client, id: string, action: string): Promise<void> {
  const response = await client.post(`/journeys/${id}/${action}`);
  if (response.status !== 200)
    throw new Error(`${action} failed: ${JSON.stringify(response.body)}`);
}

/** A journey in `status`, reached through the API (and storage for `completed`). */
export async function journeyInStatus(
  t: TestApp,
  client: Client,
  status: JourneyStatus,
  name?: string,
): Promise<JourneyResponse> {
  const journey = await createPublishable(t, client, {
    ...(name ? { name } : {}),
    ...(status === 'scheduled' ? { startInMs: 7 * day } : {}),
  });
  if (status !== 'draft') await act(client, journey.id, 'publish');
  if (status === 'closed' || status === 'completed') await act(client, journey.id, 'close');
  if (status === 'aborted') await act(client, journey.id, 'abort');
  if (status === 'completed') {
    // Nothing completes a journey yet (the engine that tracks enrollments comes later), so the
    // test moves it there through storage, as that engine will.
    const done = await updateJourney(
      t.database.db,
      journey.id,
      { status: 'completed' },
      journey.createdBy?.id ?? '',
      t.clock.now(),
      'closed',
    );
    if (!done.ok) throw new Error(done.error.message);
  }
  const current = await client.get<JourneyResponse>(`/journeys/${journey.id}`);
  return current.body;
}

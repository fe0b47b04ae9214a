/**
 * Demo journeys for a first start (CARAVAN_DEMO, on by default): a handful of realistic B2B
 * journeys in every status, so the list and the map have something to show. They go through
 * the real commands, so their history and audit fields look like a user made them.
 */
import type { Clock } from '@caravan/core/clock';
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import type { Journey } from '@caravan/core/journey/journey';
import type { Result } from '@caravan/core/result';
import type { Database } from '@caravan/storage/database';
import {
  insertStatusChange,
  listJourneys,
  updateJourney,
} from '@caravan/storage/journey.repository';
import {
  abortJourney,
  closeJourney,
  createJourney,
  publishJourney,
} from './journey-commands.service.ts';
import type { EngineDeps } from './journey-queries.service.ts';
import type { ServiceError } from './service-error.ts';

const day = 24 * 60 * 60 * 1000;

const industryIs = (value: string) => ({
  match: 'all' as const,
  rules: [{ kind: 'account' as const, attribute: 'industry', operator: 'equals' as const, value }],
});

/** audience → email → wait → split by industry → sales alert | nurture email. */
function nurtureDefinition(audienceId: string): JourneyDefinition {
  return {
    nodes: [
      { id: 'audience', type: 'audience', settings: { source: 'audience', sourceId: audienceId } },
      {
        id: 'welcome',
        type: 'action',
        settings: { on: 'people', action: { type: 'sendEmail', emailId: 'email-welcome' } },
      },
      { id: 'wait', type: 'wait', settings: { duration: { amount: 3, unit: 'days' } } },
      {
        id: 'split',
        type: 'split',
        settings: {
          by: 'accounts',
          paths: [{ id: 'software', label: 'Software', condition: industryIs('Software') }],
          otherPath: true,
        },
      },
      {
        id: 'alert',
        type: 'action',
        settings: {
          on: 'accounts',
          action: {
            type: 'sendSalesAlert',
            solutionInterestId: 'si-platform',
            to: ['sales@example.com'],
          },
        },
      },
      {
        id: 'nurture',
        type: 'action',
        settings: { on: 'people', action: { type: 'sendEmail', emailId: 'email-case-study' } },
      },
    ],
    edges: [
      { from: 'audience', port: 'next', to: 'welcome' },
      { from: 'welcome', port: 'next', to: 'wait' },
      { from: 'wait', port: 'next', to: 'split' },
      { from: 'split', port: 'software', to: 'alert' },
      { from: 'split', port: 'other', to: 'nurture' },
    ],
  };
}

/** audience → email → wait 2 days → interesting moment. */
function followUpDefinition(audienceId: string, emailId: string): JourneyDefinition {
  return {
    nodes: [
      { id: 'audience', type: 'audience', settings: { source: 'audience', sourceId: audienceId } },
      {
        id: 'email',
        type: 'action',
        settings: { on: 'people', action: { type: 'sendEmail', emailId } },
      },
      { id: 'wait', type: 'wait', settings: { duration: { amount: 2, unit: 'days' } } },
      {
        id: 'moment',
        type: 'action',
        settings: {
          on: 'accounts',
          action: {
            type: 'interestingMoment',
            momentType: 'milestone',
            description: 'Completed the follow-up sequence',
          },
        },
      },
    ],
    edges: [
      { from: 'audience', port: 'next', to: 'email' },
      { from: 'email', port: 'next', to: 'wait' },
      { from: 'wait', port: 'next', to: 'moment' },
    ],
  };
}

type Target = 'draft' | 'scheduled' | 'live' | 'closed' | 'aborted' | 'completed';

interface DemoJourney {
  name: string;
  description: string;
  definition: JourneyDefinition;
  target: Target;
}

const demoJourneys: readonly DemoJourney[] = [
  {
    name: 'Q1 Enterprise nurture',
    description: 'Nurtures enterprise accounts and alerts sales when a software account engages.',
    definition: nurtureDefinition('aud-enterprise'),
    target: 'live',
  },
  {
    name: 'Webinar follow-up — EMEA',
    description: 'Follow-up for accounts that attended the EMEA data platform webinar.',
    definition: followUpDefinition('aud-webinar-emea', 'email-webinar-recording'),
    target: 'closed',
  },
  {
    name: 'Product launch — Analytics Cloud',
    description: 'Launch announcement to existing customers, starting next week.',
    definition: followUpDefinition('aud-customers', 'email-launch'),
    target: 'scheduled',
  },
  {
    name: 'Mid-market expansion — upsell',
    description: 'Cross-sell the premium tier to mid-market accounts with high engagement.',
    definition: nurtureDefinition('aud-mid-market'),
    target: 'draft',
  },
  {
    name: 'Renewal risk — customer success',
    description: 'Stopped: replaced by the customer success playbook.',
    definition: followUpDefinition('aud-renewal-risk', 'email-renewal-check-in'),
    target: 'aborted',
  },
  {
    name: 'Trade show 2024 — booth leads',
    description: 'Follow-up for the accounts we met at the 2024 trade show.',
    definition: followUpDefinition('aud-trade-show', 'email-trade-show'),
    target: 'completed',
  },
];

function orThrow<T>(result: Result<T, ServiceError>, name: string): T {
  if (!result.ok) throw new Error(`demo journey "${name}": ${result.error.message}`);
  return result.value;
}

async function bringTo(deps: EngineDeps, adminId: string, journey: Journey, target: Target) {
  if (target === 'draft') return;
  orThrow(await publishJourney(deps, adminId, journey.id), journey.name);
  if (target === 'closed' || target === 'completed') {
    orThrow(await closeJourney(deps, adminId, journey.id), journey.name);
  }
  if (target === 'aborted') orThrow(await abortJourney(deps, adminId, journey.id), journey.name);
  if (target === 'completed') {
    // Completion belongs to the engine (no active enrollment left), which does not exist yet;
    // the demo sets the status directly and records it as done by the system.
    const now = deps.clock.now();
    const done = await updateJourney(
      deps.database.db,
      journey.id,
      { status: 'completed' },
      adminId,
      now,
      'closed',
    );
    orThrow(done, journey.name);
    await insertStatusChange(deps.database.db, {
      journeyId: journey.id,
      from: 'closed',
      to: 'completed',
      by: null,
      at: now,
    });
  }
}

/** Creates the demo journeys when there is no journey at all; returns how many it made. */
export async function loadDemoJourneys(
  database: Database,
  clock: Clock,
  adminId: string,
): Promise<number> {
  const existing = await listJourneys(database.db, {
    sort: { field: 'createdAt', direction: 'asc' },
    limit: 1,
    offset: 0,
  });
  if (existing.total > 0) return 0;
  const deps: EngineDeps = { database, clock };
  const now = clock.now().getTime();
  for (const demo of demoJourneys) {
    const start =
      demo.target === 'scheduled' ? new Date(now + 7 * day).toISOString() : 'immediately';
    const created = await createJourney(deps, adminId, {
      name: demo.name,
      description: demo.description,
      definition: demo.definition,
      schedule: { start, end: new Date(now + 120 * day).toISOString() },
    });
    await bringTo(deps, adminId, orThrow(created, demo.name), demo.target);
  }
  return demoJourneys.length;
}

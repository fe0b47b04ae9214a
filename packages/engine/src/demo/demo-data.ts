/**
 * Folder `demo/`: the demo B2B data and demo journeys loaded on a first start. A workflow folder:
 * may import every other folder.
 *
 * Demo journeys for a first start (CARAVAN_DEMO, on by default): a handful of realistic B2B
 * journeys in every status, so the list and the map have something to show. They go through
 * the real commands, so their history and audit fields look like a user made them.
 */
import type { Clock } from '@caravan/core/clock';
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import type { Journey } from '@caravan/core/journey/journey';
import type { Result } from '@caravan/core/result';
import type { Database, Db } from '@caravan/storage/database';
import { listJourneys } from '@caravan/storage/journey.repository';
import {
  abortJourney,
  closeJourney,
  createJourney,
  publishJourney,
} from '../journeys/journey-commands.service.ts';
import type { EngineDeps } from '../journeys/journey-queries.service.ts';
import { completeFinishedJourneys } from '../journeys/journey-run-lifecycle.ts';
import type { ServiceError } from '../journeys/service-error.ts';
import { runEngineUntilIdle } from '../run/engine-worker.ts';

const day = 24 * 60 * 60 * 1000;

const industryIs = (value: string) => ({
  match: 'all' as const,
  rules: [{ kind: 'account' as const, attribute: 'industry', operator: 'equals' as const, value }],
});

/** audience → email → wait → split by industry → sales alert | nurture email. */
function nurtureDefinition(refs: DemoRefs, audienceId: string): JourneyDefinition {
  return {
    nodes: [
      { id: 'audience', type: 'audience', settings: { source: 'audience', sourceId: audienceId } },
      {
        id: 'welcome',
        type: 'action',
        settings: { on: 'people', action: { type: 'sendEmail', emailId: refs.webinarEmail } },
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
            solutionInterestId: refs.analyticsInterest,
            to: ['sales@example.com'],
          },
        },
      },
      {
        id: 'nurture',
        type: 'action',
        settings: { on: 'people', action: { type: 'sendEmail', emailId: refs.threatEmail } },
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

/** Marks each account of the audience with a milestone and ends: a journey the engine finishes at once. */
function milestoneDefinition(audienceId: string, description: string): JourneyDefinition {
  return {
    nodes: [
      { id: 'audience', type: 'audience', settings: { source: 'audience', sourceId: audienceId } },
      {
        id: 'moment',
        type: 'action',
        settings: {
          on: 'accounts',
          action: { type: 'interestingMoment', momentType: 'milestone', description },
        },
      },
    ],
    edges: [{ from: 'audience', port: 'next', to: 'moment' }],
  };
}

/** Ids of the demo B2B data (see demo-b2b-data.ts) the demo journeys point at, so they publish. */
interface DemoRefs {
  nordicSoftware: string;
  enterprise: string;
  financeDecisionMakers: string;
  webinarEmail: string;
  threatEmail: string;
  analyticsInterest: string;
}

async function idsByName(
  db: Db,
  table: 'audiences' | 'emails' | 'solution_interests',
): Promise<Map<string, string>> {
  const rows = await db.selectFrom(table).select(['id', 'name']).execute();
  return new Map(rows.map((row) => [row.name, row.id] as const));
}

/** Undefined when the demo B2B data is not there (the journeys would not publish without it). */
async function findDemoRefs(db: Db): Promise<DemoRefs | undefined> {
  const audiences = await idsByName(db, 'audiences');
  const emails = await idsByName(db, 'emails');
  const interests = await idsByName(db, 'solution_interests');
  const refs = {
    nordicSoftware: audiences.get('Software in the Nordics'),
    enterprise: audiences.get('Enterprise (over 1,000 employees)'),
    financeDecisionMakers: audiences.get('Finance with a decision maker'),
    webinarEmail: emails.get('Analytics Cloud — webinar invitation'),
    threatEmail: emails.get('Security Suite — threat report'),
    analyticsInterest: interests.get('Analytics Cloud'),
  };
  // Every value was just checked defined, which TypeScript cannot narrow through `every`.
  const complete = Object.values(refs).every((id) => id !== undefined);
  return complete ? (refs as DemoRefs) : undefined;
}

type Target = 'draft' | 'scheduled' | 'live' | 'closed' | 'aborted' | 'completed';

interface DemoJourney {
  name: string;
  description: string;
  definition: JourneyDefinition;
  target: Target;
}

const demoJourneys = (refs: DemoRefs): readonly DemoJourney[] => [
  {
    name: 'Q1 Enterprise nurture',
    description: 'Nurtures enterprise accounts and alerts sales when a software account engages.',
    definition: nurtureDefinition(refs, refs.enterprise),
    target: 'live',
  },
  {
    name: 'Webinar follow-up — EMEA',
    description: 'Follow-up for accounts that attended the EMEA data platform webinar.',
    definition: followUpDefinition(refs.nordicSoftware, refs.webinarEmail),
    target: 'closed',
  },
  {
    name: 'Product launch — Analytics Cloud',
    description: 'Launch announcement to existing customers, starting next week.',
    definition: followUpDefinition(refs.enterprise, refs.webinarEmail),
    target: 'scheduled',
  },
  {
    name: 'Mid-market expansion — upsell',
    description: 'Cross-sell the premium tier to mid-market accounts with high engagement.',
    definition: nurtureDefinition(refs, refs.financeDecisionMakers),
    target: 'draft',
  },
  {
    name: 'Renewal risk — customer success',
    description: 'Stopped: replaced by the customer success playbook.',
    definition: followUpDefinition(refs.financeDecisionMakers, refs.threatEmail),
    target: 'aborted',
  },
  {
    name: 'Trade show 2024 — booth leads',
    description: 'Marked the accounts we met at the 2024 trade show as booth leads.',
    definition: milestoneDefinition(refs.nordicSoftware, 'Met us at the 2024 trade show booth'),
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
    // Completion belongs to the engine: its accounts run to the end now, and the journey completes
    // the way any closed journey does once no pass is left (so the demo never shows an
    // impossible state, such as Completed with accounts still waiting).
    await runEngineUntilIdle({ database: deps.database, clock: deps.clock });
    await completeFinishedJourneys(deps.database, deps.clock);
  }
}

/**
 * Creates the demo journeys when there is no journey at all and the demo B2B data is loaded
 * (load it first: the journeys point at its audiences, emails and solution interests); returns
 * how many it made.
 */
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
  const refs = await findDemoRefs(database.db);
  if (refs === undefined) return 0;
  // The journey to complete goes first: the engine run that finishes it then moves nobody else.
  const journeys = [...demoJourneys(refs)].sort(
    (a, b) => Number(b.target === 'completed') - Number(a.target === 'completed'),
  );
  const deps: EngineDeps = { database, clock };
  const now = clock.now().getTime();
  for (const demo of journeys) {
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
  return journeys.length;
}

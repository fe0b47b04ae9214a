/**
 * The benchmark journey on Caravan's engine: audience → people email (library email) → wait 3
 * days → split by industry (3 paths) → add the account to its path's list → merge → end.
 * Created and published through the journey commands (publish = set-based entry in its
 * transaction, timed as "entry"), then `runEngineUntilIdle`, the ManualClock advanced 3 days,
 * `runEngineUntilIdle` again. Outbox rows are written but nothing is sent (no SMTP here).
 */
import type { Clock } from '@caravan/core/clock';
import type { Condition } from '@caravan/core/conditions/condition';
import type { JourneyDefinition, JourneyNode } from '@caravan/core/journey/definition';
import type { Database } from '@caravan/storage/database';
import { ManualClock } from '@caravan/engine/runtime/clock';
import { createJourney, publishJourney } from '@caravan/engine/journeys/journey-commands.service';
import { runEngineUntilIdle } from '@caravan/engine/run/engine-worker';
import { enterAtStart } from '@caravan/engine/entry/journey-entry';
import { sql } from 'kysely';
import { benchIds, industries } from './bench-dataset.ts';
import { round } from './raw-claim-rate.ts';

export const benchActor = 'bench';
const threeDaysMs = 3 * 24 * 3600_000;

const industryIs = (industry: string): Condition => ({
  match: 'all',
  rules: [{ kind: 'account', attribute: 'industry', operator: 'equals', value: industry }],
});

export function benchDefinition(): JourneyDefinition {
  const paths = industries.map((industry, k) => ({
    id: `path-${k + 1}`,
    label: industry,
    condition: industryIs(industry),
  }));
  const actions: JourneyNode[] = industries.map((industry, k) => ({
    id: `list-${k + 1}`,
    type: 'action',
    settings: {
      on: 'accounts',
      action: { type: 'addToAccountList', listId: benchIds.list(industry) },
    },
  }));
  return {
    nodes: [
      {
        id: 'audience',
        type: 'audience',
        settings: { source: 'audience', sourceId: benchIds.audience },
      },
      {
        id: 'email',
        type: 'action',
        settings: { on: 'people', action: { type: 'sendEmail', emailId: benchIds.email } },
      },
      { id: 'wait', type: 'wait', settings: { duration: { amount: 3, unit: 'days' } } },
      { id: 'split', type: 'split', settings: { by: 'accounts', paths, otherPath: false } },
      ...actions,
      { id: 'merge', type: 'merge', settings: {} },
    ],
    edges: [
      { from: 'audience', port: 'next', to: 'email' },
      { from: 'email', port: 'next', to: 'wait' },
      { from: 'wait', port: 'next', to: 'split' },
      ...paths.map((p, k) => ({ from: 'split', port: p.id, to: `list-${k + 1}` })),
      ...paths.map((_p, k) => ({ from: `list-${k + 1}`, port: 'next', to: 'merge' })),
    ],
  };
}

/** Whether publish entered the accounts, or (an engine without entry at publish) enterAtStart. */
export type EntryVia = 'publish' | 'enterAtStart';

export interface CaravanResult {
  accounts: number;
  entered: number;
  entryVia: EntryVia;
  /** Enrollments claimed over all batches (one account is claimed once per timer). */
  claims: number;
  steps: number;
  stepsPerAccount: number;
  entrySeconds: number;
  /** Both `runEngineUntilIdle` calls; the clock advance between them costs nothing. */
  runSeconds: number;
  accountStepsPerSecond: number;
  accountsPerSecond: number;
  outboxRows: number;
  completed: number;
}

/** Creates and publishes a journey; answers its id and how long publish (entry) took. */
export async function publishBenchJourney(
  deps: { database: Database; clock: Clock },
  name: string,
  definition: JourneyDefinition,
): Promise<{ id: string; entrySeconds: number; entered: number; entryVia: EntryVia }> {
  const end = new Date(deps.clock.now().getTime() + 365 * 24 * 3600_000).toISOString();
  const created = await createJourney(deps, benchActor, {
    name,
    definition,
    schedule: { start: 'immediately', end },
  });
  if (!created.ok) throw new Error(`create journey: ${created.error.message}`);
  const started = performance.now();
  const published = await publishJourney(deps, benchActor, created.value.id);
  const entrySeconds = (performance.now() - started) / 1000;
  if (!published.ok) {
    throw new Error(
      `publish: ${published.error.message} ${JSON.stringify(published.error.details)}`,
    );
  }
  const entered = await countEnrollments(deps.database, published.value.id);
  if (entered > 0) return { id: published.value.id, entrySeconds, entered, entryVia: 'publish' };
  // Publish without entry: the engine's set-based entry alone, timed the same way.
  const again = performance.now();
  const count = await deps.database.db
    .transaction()
    .execute((trx) => enterAtStart(trx, published.value, deps.clock.now()));
  return {
    id: published.value.id,
    entrySeconds: (performance.now() - again) / 1000,
    entered: count,
    entryVia: 'enterAtStart',
  };
}

async function countEnrollments(database: Database, journeyId: string): Promise<number> {
  const row = await database.db
    .selectFrom('enrollments')
    .select(sql<number>`count(*)`.as('n'))
    .where('journey_id', '=', journeyId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function countRows(database: Database, journeyId: string) {
  const outbox = await database.db
    .selectFrom('outbox')
    .select(sql<number>`count(*)`.as('n'))
    .where('journey_id', '=', journeyId)
    .executeTakeFirstOrThrow();
  const completed = await database.db
    .selectFrom('enrollments')
    .select(sql<number>`count(*)`.as('n'))
    .where('journey_id', '=', journeyId)
    .where('status', '=', 'completed')
    .executeTakeFirstOrThrow();
  return { outboxRows: Number(outbox.n), completed: Number(completed.n) };
}

/** Runs every account of the seeded dataset through the journey; the caller samples RSS. */
export async function runCaravanJourney(
  database: Database,
  accounts: number,
  start: Date,
  batchSize = 500,
): Promise<CaravanResult> {
  const clock = new ManualClock(start);
  const deps = { database, clock };
  const journey = await publishBenchJourney(deps, 'Bench journey', benchDefinition());
  const options = { database, clock, batchSize };
  const began = performance.now();
  const first = await runEngineUntilIdle(options);
  clock.advance(threeDaysMs);
  const second = await runEngineUntilIdle(options);
  const runSeconds = (performance.now() - began) / 1000;
  const steps = first.steps + second.steps;
  const counted = await countRows(database, journey.id);
  return {
    accounts,
    entered: journey.entered,
    entryVia: journey.entryVia,
    claims: first.enrollments + second.enrollments,
    steps,
    stepsPerAccount: round(steps / accounts, 2),
    entrySeconds: round(journey.entrySeconds, 2),
    runSeconds: round(runSeconds, 2),
    accountStepsPerSecond: Math.round(steps / runSeconds),
    accountsPerSecond: Math.round(accounts / (journey.entrySeconds + runSeconds)),
    ...counted,
  };
}

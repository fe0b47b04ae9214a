/**
 * Folder `entry/`: how accounts enter journeys. It sits below the data folders: it is the one
 * seam through which an audience or list change admits an account into a live journey, and it
 * knows only the journey and enrollment tables. Imports `runtime/`, core and storage.
 *
 * How accounts enter journeys (SPEC §2 re-entry, §4 Entry): all at once at publish or the
 * scheduled start (one set-based statement), then one by one as accounts newly qualify for the
 * journey's audience or list — in the transaction of the change that made them qualify — or are
 * added by another journey's action. Re-entry rules decide whether a known account enters again
 * now, later (a pending pass due when its delay is over), or not at all.
 */
import type { AudienceNode } from '@caravan/core/journey/definition';
import { nodeCounter, totalCounter } from '@caravan/core/engine/metrics';
import type { z } from 'zod';
import {
  addCounters,
  totalsNode,
  type CounterDelta,
} from '@caravan/storage/journey-counter.repository';
import type { Db } from '@caravan/storage/database';
import {
  insertEnrollment,
  insertFirstPasses,
  latestEnrollment,
  type EntrySource,
} from '@caravan/storage/enrollment.repository';
import type { StoredJourney } from '@caravan/storage/journey.mapper';
import { findJourney } from '@caravan/storage/journey.repository';
import { notifyEngine } from '@caravan/storage/listener-wake.repository';
import { fromJson } from '@caravan/storage/column-types';
import type { JourneySettings } from '@caravan/core/journey/journey';

type Audience = z.infer<typeof AudienceNode>;

export function audienceNodeOf(journey: Pick<StoredJourney, 'definition'>): Audience | undefined {
  return journey.definition.nodes.find((n): n is Audience => n.type === 'audience');
}

export function entrySourceOf(journey: Pick<StoredJourney, 'definition'>): EntrySource | undefined {
  const node = audienceNodeOf(journey);
  const { source, sourceId } = node?.settings ?? {};
  return source && sourceId ? { kind: source, id: sourceId } : undefined;
}

/** Entries are open while the journey is live and before its end date. */
export function acceptsEntries(
  journey: Pick<StoredJourney, 'status' | 'schedule'>,
  now: Date,
): boolean {
  if (journey.status !== 'live') return false;
  const end = journey.schedule.end;
  return end === null || now.getTime() < Date.parse(end);
}

export function entryCounters(
  journeyId: string,
  audienceNodeId: string,
  count: number,
): CounterDelta[] {
  return [
    { journeyId, nodeId: totalsNode, counter: totalCounter.entered, delta: count },
    { journeyId, nodeId: totalsNode, counter: totalCounter.active, delta: count },
    { journeyId, nodeId: audienceNodeId, counter: nodeCounter.entered, delta: count },
    { journeyId, nodeId: audienceNodeId, counter: nodeCounter.current, delta: count },
  ];
}

/** At publish / scheduled start, in that transaction: every account of the source enters. */
export async function enterAtStart(db: Db, journey: StoredJourney, now: Date): Promise<number> {
  const node = audienceNodeOf(journey);
  const source = entrySourceOf(journey);
  if (!node || !source) return 0;
  const count = await insertFirstPasses(db, journey.id, node.id, source, now);
  if (count > 0) {
    await addCounters(db, entryCounters(journey.id, node.id, count));
    await notifyEngine(db);
  }
  return count;
}

export type Admission =
  | { entered: true; enrollmentId: number; pass: number }
  | { entered: false; reason: string; pendingUntil?: Date };

function delayMs(settings: JourneySettings): number {
  const delay = settings.reEntry.delay;
  if (!delay) return 0;
  return delay.amount * (delay.unit === 'hours' ? 3_600_000 : 86_400_000);
}

/**
 * Lets one account into a journey that accepts entries, following its re-entry rules. A pass
 * that may re-enter only after its delay becomes a pending pass due then (it enters if the
 * account still qualifies at that time).
 */
export async function admitAccount(
  db: Db,
  journey: StoredJourney,
  accountId: string,
  now: Date,
): Promise<Admission> {
  const node = audienceNodeOf(journey);
  if (!node) return { entered: false, reason: 'the journey has no audience node' };
  if (!acceptsEntries(journey, now)) {
    return {
      entered: false,
      reason: `the journey is ${journey.status === 'live' ? 'past its end date' : journey.status}`,
    };
  }
  const account = await db
    .selectFrom('accounts')
    .select('name')
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!account || account.name.trim() === '') {
    return {
      entered: false,
      reason: account ? 'the account has no name' : 'the account does not exist',
    };
  }
  const latest = await latestEnrollment(db, journey.id, accountId);
  let pass = 1;
  if (latest) {
    if (latest.status === 'active')
      return { entered: false, reason: 'the account is in the journey' };
    if (latest.status === 'pending')
      return { entered: false, reason: 'the account is waiting to re-enter' };
    const { reEntry } = journey.settings;
    if (!reEntry.enabled) return { entered: false, reason: 're-entry is off' };
    if (reEntry.entryLimit !== undefined && latest.pass >= reEntry.entryLimit) {
      return {
        entered: false,
        reason: `the account has entered ${latest.pass} time(s), the limit`,
      };
    }
    pass = latest.pass + 1;
    const from = reEntry.measuredFrom === 'start' ? latest.enteredAt : (latest.endedAt ?? now);
    const earliest = new Date(from.getTime() + delayMs(journey.settings));
    if (earliest > now) {
      await insertEnrollment(db, {
        journeyId: journey.id,
        accountId,
        pass,
        status: 'pending',
        nodeId: node.id,
        phase: 'reentry',
        dueAt: earliest,
        now,
      });
      return { entered: false, reason: 'the re-entry delay is not over', pendingUntil: earliest };
    }
  }
  const id = await insertEnrollment(db, {
    journeyId: journey.id,
    accountId,
    pass,
    status: 'active',
    nodeId: node.id,
    phase: 'run',
    dueAt: now,
    now,
  });
  if (id === undefined) return { entered: false, reason: 'the account is in the journey' };
  await addCounters(db, entryCounters(journey.id, node.id, 1));
  await notifyEngine(db);
  return { entered: true, enrollmentId: id, pass };
}

/** Live journeys whose audience node reads this source. */
async function liveJourneysOn(db: Db, source: EntrySource): Promise<StoredJourney[]> {
  const rows = await db
    .selectFrom('journeys')
    .select(['id', 'definition'])
    .where('status', '=', 'live')
    .execute();
  const ids = rows
    .filter((row) => {
      const found = entrySourceOf({
        definition: fromJson(row.definition) as StoredJourney['definition'],
      });
      return found?.kind === source.kind && found.id === source.id;
    })
    .map((row) => row.id);
  const journeys: StoredJourney[] = [];
  for (const id of ids) {
    const journey = await findJourney(db, id);
    if (journey) journeys.push(journey);
  }
  return journeys;
}

/**
 * Accounts that just joined an audience or list enter every live journey reading it (called in
 * the transaction that added them). Answers how many passes started.
 */
export async function admitNewMembers(
  db: Db,
  source: EntrySource,
  accountIds: readonly string[],
  now: Date,
): Promise<number> {
  if (accountIds.length === 0) return 0;
  let entered = 0;
  for (const journey of await liveJourneysOn(db, source)) {
    if (!acceptsEntries(journey, now)) continue;
    for (const accountId of accountIds) {
      if ((await admitAccount(db, journey, accountId, now)).entered) entered += 1;
    }
  }
  return entered;
}

/** Whether the account is (still) in the journey's audience or list. */
export async function isInSource(db: Db, source: EntrySource, accountId: string): Promise<boolean> {
  const row =
    source.kind === 'audience'
      ? await db
          .selectFrom('audience_members')
          .select('account_id')
          .where('audience_id', '=', source.id)
          .where('account_id', '=', accountId)
          .executeTakeFirst()
      : await db
          .selectFrom('account_list_members')
          .select('account_id')
          .where('list_id', '=', source.id)
          .where('account_id', '=', accountId)
          .executeTakeFirst();
  return row !== undefined;
}

/**
 * After a full (set-based) re-evaluation added members: every live journey on the source lets
 * in, in one statement each, the new members that were never in it. Accounts that were in it
 * before re-enter only one by one (re-entry rules), as their own changes arrive.
 */
export async function enterNewMembersSetBased(
  db: Db,
  source: EntrySource,
  now: Date,
): Promise<number> {
  let entered = 0;
  for (const journey of await liveJourneysOn(db, source)) {
    if (!acceptsEntries(journey, now)) continue;
    entered += await enterAtStart(db, journey, now);
  }
  return entered;
}

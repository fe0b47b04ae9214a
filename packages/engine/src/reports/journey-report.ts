/**
 * One journey's report (issue 12, SPEC §6 "Journey dashboard"): status breakdown, completion over
 * time, completion rate, average and median duration, engagement, and the email and SMS tables
 * per content item. Reads the journey counters and the report rollups only.
 */
import { totalCounter } from '@caravan/core/engine/metrics';
import type { JourneyNode } from '@caravan/core/journey/definition';
import { nodeTitle } from '@caravan/core/journey/node-title';
import { err, ok, type Result } from '@caravan/core/result';
import type { Db } from '@caravan/storage/database';
import { readCounters, totalsNode } from '@caravan/storage/journey-counter.repository';
import { findJourney } from '@caravan/storage/journey.repository';
import {
  contentNames,
  readJourneyDurations,
  readJourneyHours,
  readJourneyTotals,
  sumMessageRollups,
  type MessageCounts,
  type MessageRow,
} from '@caravan/storage/report-query.repository';
import { messageRates, percent, type MessageRates } from './message-rates.ts';

export interface ReportError {
  code: 'JOURNEY_NOT_FOUND' | 'JOURNEY_NODE_NOT_FOUND';
  message: string;
}

export type ReportStatus = 'completed' | 'inProgress' | 'aborted' | 'exited';

export interface MessagePerformance extends MessageCounts, MessageRates {
  nodeId: string;
  nodeTitle: string;
  contentId: string | null;
  name: string;
  firstActivityAt: string | null;
  lastActivityAt: string | null;
}

export interface JourneyReport {
  journeyId: string;
  name: string;
  status: string;
  generatedAt: string;
  accounts: number;
  statuses: Array<{ status: ReportStatus; count: number; percent: number }>;
  completionRate: number;
  completionOverTime: Array<{ at: string; completed: number }>;
  granularity: 'hour' | 'day';
  averageDurationMs: number | null;
  medianDurationMs: number | null;
  engagement: {
    engagedAccounts: number;
    notEngagedAccounts: number;
    engagedPeople: number;
    byType: Record<string, number>;
  };
  email: MessagePerformance[];
  sms: MessagePerformance[];
}

/** The lower bound of the bucket holding the middle pass (see `durationBucket`). */
export function medianOf(
  buckets: ReadonlyArray<{ seconds: number; passes: number }>,
): number | null {
  const total = buckets.reduce((n, b) => n + b.passes, 0);
  if (total === 0) return null;
  const lowMiddle = Math.floor((total - 1) / 2);
  const highMiddle = Math.floor(total / 2);
  let seen = 0;
  let low: number | undefined;
  for (const b of buckets) {
    if (low === undefined && seen + b.passes > lowMiddle) low = b.seconds;
    if (seen + b.passes > highMiddle) return ((low ?? b.seconds) + b.seconds) * 500;
    seen += b.passes;
  }
  return null;
}

function groupByDay(hours: ReadonlyArray<{ hour: string; completed: number }>) {
  const days = new Map<string, number>();
  for (const h of hours)
    days.set(h.hour.slice(0, 10), (days.get(h.hour.slice(0, 10)) ?? 0) + h.completed);
  return [...days.entries()].map(([at, completed]) => ({ at, completed }));
}

async function performance(
  db: Db,
  rows: MessageRow[],
  nodes: ReadonlyMap<string, JourneyNode>,
  channel: 'email' | 'sms',
): Promise<MessagePerformance[]> {
  const names = await contentNames(
    db,
    channel,
    rows.map((r) => r.contentId),
  );
  return rows
    .filter((r) => r.channel === channel)
    .map((r) => {
      const node = nodes.get(r.nodeId);
      const title = node === undefined ? r.nodeId : nodeTitle(node);
      const { journeyId: _j, nodeId, channel: _c, contentId, firstAt, lastAt, ...counts } = r;
      return {
        nodeId,
        nodeTitle: title,
        contentId: contentId === '' ? null : contentId,
        name: names.get(contentId) ?? title,
        ...counts,
        ...messageRates(counts),
        firstActivityAt: firstAt,
        lastActivityAt: lastAt,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.nodeId.localeCompare(b.nodeId));
}

export async function journeyReport(
  db: Db,
  journeyId: string,
  options: { granularity?: 'hour' | 'day'; now: Date },
): Promise<Result<JourneyReport, ReportError>> {
  const journey = await findJourney(db, journeyId);
  if (journey === undefined) {
    return err({ code: 'JOURNEY_NOT_FOUND', message: `No journey has the id ${journeyId}.` });
  }
  const counters = (await readCounters(db, journeyId)).get(totalsNode) ?? new Map<string, number>();
  const c = (name: string) => counters.get(name) ?? 0;
  const entered = c(totalCounter.entered);
  const completed = c(totalCounter.ended('completed'));
  const aborted = c(totalCounter.ended('aborted'));
  const inProgress = c(totalCounter.active);
  const exited = Math.max(0, entered - completed - aborted - inProgress);
  const statuses = (
    [
      ['completed', completed],
      ['inProgress', inProgress],
      ['aborted', aborted],
      ['exited', exited],
    ] as const
  ).map(([status, count]) => ({ status, count, percent: percent(count, entered) }));

  const hours = await readJourneyHours(db, journeyId);
  const firstHour = hours[0]?.hour;
  const span =
    firstHour === undefined ? 0 : options.now.getTime() - Date.parse(`${firstHour}:00:00Z`);
  const granularity = options.granularity ?? (span <= 3 * 86_400_000 ? 'hour' : 'day');
  const durationSum = hours.reduce((n, h) => n + h.durationMs, 0);
  const completedTimed = hours.reduce((n, h) => n + h.completed, 0);
  const totals =
    (await readJourneyTotals(db, [journeyId])).get(journeyId) ?? new Map<string, number>();
  const byType = Object.fromEntries(
    [...totals.entries()]
      .filter(([k]) => k.startsWith('engagement:'))
      .map(([k, v]) => [k.slice('engagement:'.length), v]),
  );
  const engagedAccounts = totals.get('engagedAccounts') ?? 0;
  const rows = await sumMessageRollups(db, { journeyIds: [journeyId] });
  const nodes = new Map(journey.definition.nodes.map((n) => [n.id, n]));
  return ok({
    journeyId,
    name: journey.name,
    status: journey.status,
    generatedAt: options.now.toISOString(),
    accounts: entered,
    statuses,
    completionRate: percent(completed, entered),
    completionOverTime:
      granularity === 'hour'
        ? hours.map((h) => ({ at: `${h.hour}:00:00.000Z`, completed: h.completed }))
        : groupByDay(hours),
    granularity,
    averageDurationMs: completedTimed === 0 ? null : Math.round(durationSum / completedTimed),
    medianDurationMs: medianOf(await readJourneyDurations(db, journeyId)),
    engagement: {
      engagedAccounts,
      notEngagedAccounts: Math.max(0, entered - engagedAccounts),
      engagedPeople: totals.get('engagedPeople') ?? 0,
      byType,
    },
    email: await performance(db, rows, nodes, 'email'),
    sms: await performance(db, rows, nodes, 'sms'),
  });
}

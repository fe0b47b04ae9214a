/**
 * Engagement recorded once per engine batch: every listener that took `next` in a batch is one
 * multi-row insert into `report_engagement` and one upsert of the journeys' totals, instead of
 * up to four statements per event (`recordEngagement`). The same rows and counts as recording
 * them one by one: the marker rows of kind '*' stay the race-free "first time" test, and only
 * the rows this insert actually added are counted.
 */
import type { Db } from './database.ts';
import { addJourneyTotals, type EngagementKind } from './report-rollup.repository.ts';

export interface Engagement {
  journeyId: string;
  accountId: string;
  personId: string | null;
  kind: EngagementKind;
  at: Date;
}

type EngagementRow = {
  journey_id: string;
  account_id: string;
  person_id: string;
  kind: string;
  at: string;
};

/** Rows per insert: 5 parameters a row stays under SQLite's 32,766. */
const chunkSize = 1_000;

const keyOf = (r: Omit<EngagementRow, 'at'>) =>
  [r.journey_id, r.account_id, r.person_id, r.kind].join('\u0000');

/** The marker and kind rows of each engagement, the first of each key only. */
function rowsOf(engagements: readonly Engagement[]): EngagementRow[] {
  const rows = new Map<string, EngagementRow>();
  for (const e of engagements) {
    const base = { journey_id: e.journeyId, account_id: e.accountId, at: e.at.toISOString() };
    const person = e.personId ?? '';
    const candidates = [
      { ...base, person_id: '', kind: '*' },
      ...(person === '' ? [] : [{ ...base, person_id: person, kind: '*' }]),
      { ...base, person_id: person, kind: e.kind },
    ];
    for (const row of candidates) if (!rows.has(keyOf(row))) rows.set(keyOf(row), row);
  }
  return [...rows.values()];
}

function metricOf(row: Omit<EngagementRow, 'at'>): string {
  if (row.kind !== '*') return `engagement:${row.kind}`;
  return row.person_id === '' ? 'engagedAccounts' : 'engagedPeople';
}

/** Records a batch's engagements: one insert per 1,000 rows, one totals upsert per journey. */
export async function recordEngagements(db: Db, engagements: readonly Engagement[]): Promise<void> {
  const rows = rowsOf(engagements);
  const deltas = new Map<string, Record<string, number>>();
  for (let start = 0; start < rows.length; start += chunkSize) {
    const added = await db
      .insertInto('report_engagement')
      .values(rows.slice(start, start + chunkSize))
      .onConflict((oc) => oc.columns(['journey_id', 'account_id', 'person_id', 'kind']).doNothing())
      .returning(['journey_id', 'account_id', 'person_id', 'kind'])
      .execute();
    for (const row of added) {
      const journey = deltas.get(row.journey_id) ?? {};
      const metric = metricOf(row);
      journey[metric] = (journey[metric] ?? 0) + 1;
      deltas.set(row.journey_id, journey);
    }
  }
  // Journeys in a fixed order, so that concurrent workers take the totals' row locks alike.
  for (const journeyId of [...deltas.keys()].sort()) {
    await addJourneyTotals(db, journeyId, deltas.get(journeyId) ?? {});
  }
}

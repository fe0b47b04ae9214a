/**
 * The overview across journeys (issue 12, SPEC §6): every journey with its status, accounts,
 * completion rate and engagement; how journeys spread over four completion-rate bands; and how
 * many journeys saw each type of engagement. Drafts (never run) are listed but not banded.
 */
import { totalCounter } from '@caravan/core/engine/metrics';
import type { Db } from '@caravan/storage/database';
import {
  journeyNames,
  readAllJourneyTotalsCounters,
  readJourneyTotals,
} from '@caravan/storage/report-query.repository';
import { percent } from './message-rates.ts';

export const completionBands = ['0-25', '25-50', '50-75', '75-100'] as const;
export type CompletionBand = (typeof completionBands)[number];
export const engagementTypes = ['emailOpened', 'emailClicked', 'smsClicked', 'event'] as const;

export interface OverviewJourney {
  journeyId: string;
  name: string;
  status: string;
  accounts: number;
  inProgress: number;
  completed: number;
  completionRate: number;
  engagedAccounts: number;
  engagementRate: number;
  engagementTypes: string[];
}

export interface JourneysOverview {
  journeys: OverviewJourney[];
  completionBands: Array<{ band: CompletionBand; journeys: number }>;
  engagementTypes: Array<{ type: string; journeys: number }>;
}

/** 0–25 % in the first band, … 75–100 % in the last; a boundary belongs to the higher band. */
export function bandOf(rate: number): CompletionBand {
  if (rate >= 75) return '75-100';
  if (rate >= 50) return '50-75';
  if (rate >= 25) return '25-50';
  return '0-25';
}

export async function journeysOverview(db: Db): Promise<JourneysOverview> {
  const [journeys, counters, totals] = await Promise.all([
    journeyNames(db),
    readAllJourneyTotalsCounters(db),
    readJourneyTotals(db),
  ]);
  const items = journeys.map((j): OverviewJourney => {
    const c = counters.get(j.id) ?? new Map<string, number>();
    const t = totals.get(j.id) ?? new Map<string, number>();
    const accounts = c.get(totalCounter.entered) ?? 0;
    const completed = c.get(totalCounter.ended('completed')) ?? 0;
    const engagedAccounts = t.get('engagedAccounts') ?? 0;
    return {
      journeyId: j.id,
      name: j.name,
      status: j.status,
      accounts,
      inProgress: c.get(totalCounter.active) ?? 0,
      completed,
      completionRate: percent(completed, accounts),
      engagedAccounts,
      engagementRate: percent(engagedAccounts, accounts),
      engagementTypes: engagementTypes.filter((type) => (t.get(`engagement:${type}`) ?? 0) > 0),
    };
  });
  const ran = items.filter((j) => j.accounts > 0);
  return {
    journeys: items,
    completionBands: completionBands.map((band) => ({
      band,
      journeys: ran.filter((j) => bandOf(j.completionRate) === band).length,
    })),
    engagementTypes: engagementTypes.map((type) => ({
      type,
      journeys: items.filter((j) => j.engagementTypes.includes(type)).length,
    })),
  };
}

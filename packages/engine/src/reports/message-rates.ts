/**
 * The email and SMS metrics every report shows, and how their rates are computed (issue 12):
 * delivered/sent, opened/delivered, clicked/delivered, bounced/sent, clicked/opened,
 * unsubscribed/delivered. `opened` and `clicked` count people (unique per node); `opens` and
 * `clicks` count every open and click. A rate with a zero denominator is 0.
 */
import type { MessageCounts } from '@caravan/storage/report-query.repository';
import { rollupMetrics } from '@caravan/storage/report-rollup.repository';

export interface MessageRates {
  deliveredRate: number;
  openRate: number;
  clickRate: number;
  bounceRate: number;
  clickToOpenRate: number;
  unsubscribeRate: number;
}

/** A percentage with one decimal. */
export function percent(part: number, whole: number): number {
  return whole <= 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}

export function messageRates(c: MessageCounts): MessageRates {
  return {
    deliveredRate: percent(c.delivered, c.sent),
    openRate: percent(c.opened, c.delivered),
    clickRate: percent(c.clicked, c.delivered),
    bounceRate: percent(c.bounced, c.sent),
    clickToOpenRate: percent(c.clicked, c.opened),
    unsubscribeRate: percent(c.unsubscribed, c.delivered),
  };
}

export function zeroCounts(): MessageCounts {
  return Object.fromEntries(rollupMetrics.map((m) => [m, 0])) as MessageCounts;
}

export function addCounts(into: MessageCounts, from: MessageCounts): MessageCounts {
  for (const m of rollupMetrics) into[m] += from[m];
  return into;
}

export const minIso = (a: string | null, b: string | null) =>
  a === null ? b : b === null ? a : a < b ? a : b;
export const maxIso = (a: string | null, b: string | null) =>
  a === null ? b : b === null ? a : a > b ? a : b;

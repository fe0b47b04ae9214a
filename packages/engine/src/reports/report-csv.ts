/**
 * The CSV form of each report table (issue 12): the same rows the API answers, one header line,
 * values escaped by `csv.ts`. Column names are English; they are read by spreadsheets and tools.
 */
import type { RecipientRow } from '@caravan/storage/report-query.repository';
import { csvLines, type CsvValue } from './csv.ts';
import type { EmailRow } from './email-performance.ts';
import type { JourneyReport, MessagePerformance } from './journey-report.ts';
import type { OverviewJourney } from './overview-report.ts';

type Columns<T> = ReadonlyArray<readonly [string, (row: T) => CsvValue]>;

const messageColumns: Columns<MessagePerformance> = [
  ['Name', (r) => r.name],
  ['Node', (r) => r.nodeTitle],
  ['Sent', (r) => r.sent],
  ['Delivered', (r) => r.delivered],
  ['Delivered %', (r) => r.deliveredRate],
  ['Opened', (r) => r.opened],
  ['Open %', (r) => r.openRate],
  ['Opens', (r) => r.opens],
  ['Clicked', (r) => r.clicked],
  ['Click %', (r) => r.clickRate],
  ['Clicks', (r) => r.clicks],
  ['Click-to-open %', (r) => r.clickToOpenRate],
  ['Bounced', (r) => r.bounced],
  ['Bounce %', (r) => r.bounceRate],
  ['Unsubscribed', (r) => r.unsubscribed],
  ['Unsubscribe %', (r) => r.unsubscribeRate],
  ['Complaints', (r) => r.complained],
  ['First activity', (r) => r.firstActivityAt],
  ['Last activity', (r) => r.lastActivityAt],
];

export type JourneyReportTable = 'status' | 'completion' | 'email' | 'sms';

export function journeyReportCsv(
  report: JourneyReport,
  table: JourneyReportTable,
): Iterable<string> {
  switch (table) {
    case 'status':
      return csvLines(
        [
          ['Status', (r: JourneyReport['statuses'][number]) => r.status],
          ['Accounts', (r) => r.count],
          ['%', (r) => r.percent],
        ],
        report.statuses,
      );
    case 'completion':
      return csvLines(
        [
          ['At', (r: JourneyReport['completionOverTime'][number]) => r.at],
          ['Completed', (r) => r.completed],
        ],
        report.completionOverTime,
      );
    case 'email':
      return csvLines(messageColumns, report.email);
    case 'sms':
      return csvLines(messageColumns, report.sms);
  }
}

export function overviewCsv(journeys: readonly OverviewJourney[]): Iterable<string> {
  return csvLines<OverviewJourney>(
    [
      ['Journey', (r) => r.name],
      ['Status', (r) => r.status],
      ['Accounts', (r) => r.accounts],
      ['In progress', (r) => r.inProgress],
      ['Completed', (r) => r.completed],
      ['Completion %', (r) => r.completionRate],
      ['Engaged accounts', (r) => r.engagedAccounts],
      ['Engagement %', (r) => r.engagementRate],
      ['Engagement types', (r) => r.engagementTypes.join(' ')],
    ],
    journeys,
  );
}

export function emailPerformanceCsv(rows: readonly EmailRow[]): Iterable<string> {
  return csvLines<EmailRow>(
    [
      ['Email', (r) => r.name],
      ['Journeys', (r) => [...new Set(r.journeys.map((j) => j.name))].join('; ')],
      ...(messageColumns.filter(
        ([h]) => h !== 'Name' && h !== 'Node',
      ) as unknown as Columns<EmailRow>),
    ],
    rows,
  );
}

export function recipientsCsv(rows: readonly RecipientRow[]): Iterable<string> {
  return csvLines<RecipientRow>(
    [
      ['Email', (r) => r.email],
      ['First name', (r) => r.firstName],
      ['Last name', (r) => r.lastName],
      ['Account', (r) => r.accountName],
      ['At', (r) => r.at],
    ],
    rows,
  );
}

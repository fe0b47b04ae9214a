/** Calls of the reports (issue 12): a journey's report, drill-through, overview, email performance. */
import { request } from './http-client.ts';

export interface MessageCounts {
  sent: number;
  delivered: number;
  bounced: number;
  failed: number;
  opens: number;
  opened: number;
  clicks: number;
  clicked: number;
  unsubscribed: number;
  complained: number;
  deliveredRate: number;
  openRate: number;
  clickRate: number;
  bounceRate: number;
  clickToOpenRate: number;
  unsubscribeRate: number;
}

export interface MessagePerformance extends MessageCounts {
  nodeId: string;
  nodeTitle: string;
  contentId: string | null;
  name: string;
  firstActivityAt: string | null;
  lastActivityAt: string | null;
}

export type ReportStatus = 'completed' | 'inProgress' | 'aborted' | 'exited';

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

export interface StatusAccount {
  enrollmentId: number;
  accountId: string;
  accountName: string | null;
  pass: number;
  status: string;
  enteredAt: string;
  endedAt: string | null;
}

export interface ReportPerson {
  personId: string;
  accountId: string | null;
  at: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  accountName: string | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface JourneysOverview {
  journeys: Array<{
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
  }>;
  completionBands: Array<{ band: string; journeys: number }>;
  engagementTypes: Array<{ type: string; journeys: number }>;
}

export interface EmailPerformanceRow extends MessageCounts {
  emailId: string | null;
  name: string;
  journeys: Array<{ journeyId: string; name: string; nodeId: string }>;
  firstActivityAt: string | null;
  lastActivityAt: string | null;
}

export interface EmailPerformance {
  totals: MessageCounts;
  items: EmailPerformanceRow[];
  total: number;
  page: number;
  pageSize: number;
}

export interface EmailPerformanceFilter {
  journeyIds: string[];
  /** Only these emails (the email page, a page of the email list). */
  emailIds?: string[];
  from?: string;
  to?: string;
}

const base = '/api/v1';

export const getJourneyReport = (id: string) =>
  request<JourneyReport>('GET', `/journeys/${id}/report`);

export const journeyReportCsvUrl = (id: string, table: 'status' | 'completion' | 'email' | 'sms') =>
  `${base}/journeys/${id}/report?format=csv&table=${table}`;

export function getStatusAccounts(id: string, status: ReportStatus, cursor?: string | null) {
  const query = new URLSearchParams({ status, limit: '50', ...(cursor ? { cursor } : {}) });
  return request<Page<StatusAccount>>('GET', `/journeys/${id}/report/accounts?${query}`);
}

export function getReportPeople(
  id: string,
  kind: 'opened' | 'clicked' | 'bounced',
  nodeId: string,
  cursor?: string | null,
) {
  const query = new URLSearchParams({ kind, nodeId, limit: '50', ...(cursor ? { cursor } : {}) });
  return request<Page<ReportPerson>>('GET', `/journeys/${id}/report/people?${query}`);
}

export const getJourneysOverview = () => request<JourneysOverview>('GET', '/reports/journeys');
export const overviewCsvUrl = () => `${base}/reports/journeys?format=csv`;

function performanceQuery(filter: EmailPerformanceFilter): URLSearchParams {
  const query = new URLSearchParams();
  for (const id of filter.journeyIds) query.append('journeyId', id);
  for (const id of filter.emailIds ?? []) query.append('emailId', id);
  if (filter.from) query.set('from', filter.from);
  if (filter.to) query.set('to', filter.to);
  return query;
}

export function getEmailPerformance(filter: EmailPerformanceFilter, page: number, pageSize = 10) {
  const query = performanceQuery(filter);
  query.set('page', String(page));
  query.set('pageSize', String(pageSize));
  return request<EmailPerformance>('GET', `/reports/email-performance?${query}`);
}

export function emailPerformanceCsvUrl(filter: EmailPerformanceFilter): string {
  const query = performanceQuery(filter);
  query.set('format', 'csv');
  return `${base}/reports/email-performance?${query}`;
}

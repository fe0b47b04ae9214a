/** Calls of a journey's run: metrics per node, the accounts at a node, an account's timeline. */
import type { JourneyStatus } from '@caravan/core/journey/status';
import { request } from './http-client.ts';

export interface NodeMetrics {
  nodeId: string;
  entered: number;
  current: number;
  /** Accounts that left by each port of the node. */
  paths: Record<string, number>;
  /** Email and SMS action nodes only: their messages (people, unique per node). */
  messages?: NodeMessages;
}

export interface NodeMessages {
  channel: 'email' | 'sms';
  sent: number;
  delivered: number;
  opened: number;
  clicked: number;
}

export interface JourneyMetrics {
  journeyId: string;
  totals: {
    entered: number;
    inProgress: number;
    completed: number;
    aborted: number;
    removed: number;
    journeyEnded: number;
    accountDeleted: number;
  };
  nodes: NodeMetrics[];
}

export type NodeAccountsState = 'current' | 'entered';

export interface NodeAccount {
  accountId: string;
  accountName: string | null;
  enrollmentId: number;
  pass: number;
  since: string;
}

export interface NodeAccountsPage {
  items: NodeAccount[];
  nextCursor: string | null;
}

export interface TimelineEntry {
  at: string;
  kind: string;
  nodeId: string | null;
  nodeTitle: string | null;
  port: string | null;
  personId: string | null;
  detail: Record<string, unknown>;
}

export interface JourneyPass {
  enrollmentId: number;
  pass: number;
  status: string;
  enteredAt: string;
  endedAt: string | null;
  endReason: string | null;
  entries: TimelineEntry[];
}

export function getJourneyMetrics(journeyId: string): Promise<JourneyMetrics> {
  return request('GET', `/journeys/${encodeURIComponent(journeyId)}/metrics`);
}

export function getNodeAccounts(
  journeyId: string,
  nodeId: string,
  q: { state: NodeAccountsState; limit?: number; cursor?: string | null },
): Promise<NodeAccountsPage> {
  const params = new URLSearchParams({ state: q.state });
  if (q.limit !== undefined) params.set('limit', String(q.limit));
  if (q.cursor) params.set('cursor', q.cursor);
  const path = `/journeys/${encodeURIComponent(journeyId)}/nodes/${encodeURIComponent(nodeId)}`;
  return request('GET', `${path}/accounts?${params.toString()}`);
}

export function getAccountTimeline(
  journeyId: string,
  accountId: string,
): Promise<{ passes: JourneyPass[] }> {
  return request(
    'GET',
    `/journeys/${encodeURIComponent(journeyId)}/accounts/${encodeURIComponent(accountId)}/timeline`,
  );
}

export interface AccountJourney {
  journeyId: string;
  journeyName: string;
  journeyStatus: JourneyStatus;
  enrollmentId: number;
  pass: number;
  passes: number;
  status: string;
  nodeId: string;
  nodeTitle: string | null;
  enteredAt: string;
  endedAt: string | null;
  endReason: string | null;
}

/** The journeys the account is or was in, with its latest pass in each. */
export function getAccountJourneys(accountId: string): Promise<{ items: AccountJourney[] }> {
  return request('GET', `/accounts/${encodeURIComponent(accountId)}/journeys`);
}

/** The activity history of an account or a person (`GET …/{id}/activities`). */
import { request } from './http-client.ts';

export interface ActivityEntry {
  id: string;
  type: string;
  occurredAt: string;
  receivedAt: string;
  account: { id: string; name: string };
  person: { id: string; name: string; email: string | null } | null;
  properties: Record<string, string | number | boolean | null>;
}

export interface ActivityHistory {
  items: ActivityEntry[];
  nextCursor: string | null;
  types: string[];
}

export interface ActivityHistoryQuery {
  subject: 'accounts' | 'people';
  id: string;
  types: readonly string[];
  cursor: string | null;
  limit: number;
}

export function listActivities(q: ActivityHistoryQuery): Promise<ActivityHistory> {
  const params = new URLSearchParams({ limit: String(q.limit) });
  if (q.types.length > 0) params.set('type', q.types.join(','));
  if (q.cursor) params.set('cursor', q.cursor);
  return request('GET', `/${q.subject}/${encodeURIComponent(q.id)}/activities?${params}`);
}

/** Calls of the audience and account-list API (`/audiences`, `/account-lists`). */
import type { Account } from '@caravan/core/b2b/account';
import type { Condition } from '@caravan/core/conditions/condition';
import { pageParams, type Page, type PageQuery } from './b2b.api.ts';
import { request } from './http-client.ts';

export type SegmentStatus = 'draft' | 'live';

export interface Audience {
  id: string;
  name: string;
  description: string;
  condition: Condition;
  status: SegmentStatus;
  memberCount: number;
  evaluatedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AudienceInput {
  name: string;
  description?: string;
  condition: Condition;
  status?: SegmentStatus;
}

export type ListKind = 'static' | 'dynamic';

export interface AccountList {
  id: string;
  name: string;
  description: string;
  kind: ListKind;
  status: SegmentStatus;
  condition: Condition | null;
  memberCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface AccountListInput {
  name: string;
  description?: string;
  kind: ListKind;
  condition?: Condition;
}

const at = (id: string) => encodeURIComponent(id);

/** Members pages have no search; only `limit` and `cursor`. */
function memberParams(limit: number, cursor?: string | null): string {
  const params = new URLSearchParams({ limit: String(limit) });
  if (cursor) params.set('cursor', cursor);
  return params.toString();
}

export function listAudiences(q: PageQuery): Promise<Page<Audience>> {
  return request('GET', `/audiences?${pageParams(q)}`);
}

export function getAudience(id: string): Promise<Audience> {
  return request('GET', `/audiences/${at(id)}`);
}

export function createAudience(body: AudienceInput): Promise<Audience> {
  return request('POST', '/audiences', body);
}

export function updateAudience(id: string, patch: Partial<AudienceInput>): Promise<Audience> {
  return request('PATCH', `/audiences/${at(id)}`, patch);
}

export function listAudienceMembers(
  id: string,
  limit: number,
  cursor?: string | null,
): Promise<Page<Account>> {
  return request('GET', `/audiences/${at(id)}/members?${memberParams(limit, cursor)}`);
}

export function previewAudienceCount(condition: Condition): Promise<{ count: number }> {
  return request('POST', '/audiences/preview-count', { condition });
}

export function listAccountLists(q: PageQuery): Promise<Page<AccountList>> {
  return request('GET', `/account-lists?${pageParams(q)}`);
}

export function getAccountList(id: string): Promise<AccountList> {
  return request('GET', `/account-lists/${at(id)}`);
}

export function createAccountList(body: AccountListInput): Promise<AccountList> {
  return request('POST', '/account-lists', body);
}

export function updateAccountList(
  id: string,
  patch: { name?: string; description?: string; condition?: Condition },
): Promise<AccountList> {
  return request('PATCH', `/account-lists/${at(id)}`, patch);
}

export function publishAccountList(id: string): Promise<AccountList> {
  return request('POST', `/account-lists/${at(id)}/publish`);
}

export function listAccountListMembers(
  id: string,
  limit: number,
  cursor?: string | null,
): Promise<Page<Account>> {
  return request('GET', `/account-lists/${at(id)}/members?${memberParams(limit, cursor)}`);
}

export function addListMembers(
  id: string,
  accountIds: string[],
): Promise<{ changed: string[]; memberCount: number }> {
  return request('PUT', `/account-lists/${at(id)}/members`, { accountIds });
}

export function removeListMembers(
  id: string,
  accountIds: string[],
): Promise<{ changed: string[]; memberCount: number }> {
  return request('DELETE', `/account-lists/${at(id)}/members`, { accountIds });
}

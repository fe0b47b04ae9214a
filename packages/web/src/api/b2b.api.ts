/** Calls of the B2B data API: accounts, people, their memberships and event types (docs/b2b-data-api.md). */
import type { Account, AccountPatch } from '@caravan/core/b2b/account';
import type { Person, PersonPatch } from '@caravan/core/b2b/person';
import { request } from './http-client.ts';

/** A page of any listed resource; `nextCursor` is opaque and null on the last page. */
export interface Page<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

export interface PageQuery {
  search: string;
  limit: number;
  cursor?: string | null;
}

/** The query string every paged list takes (`search`, `limit`, `cursor`). */
export function pageParams(q: PageQuery): string {
  const params = new URLSearchParams({ limit: String(q.limit) });
  if (q.search.trim() !== '') params.set('search', q.search.trim());
  if (q.cursor) params.set('cursor', q.cursor);
  return params.toString();
}

const at = (id: string) => encodeURIComponent(id);

export function listAccounts(q: PageQuery): Promise<Page<Account>> {
  return request('GET', `/accounts?${pageParams(q)}`);
}

export function getAccount(id: string): Promise<Account> {
  return request('GET', `/accounts/${at(id)}`);
}

export function createAccount(body: AccountPatch & { name: string }): Promise<Account> {
  return request('POST', '/accounts', body);
}

export function updateAccount(id: string, patch: AccountPatch): Promise<Account> {
  return request('PATCH', `/accounts/${at(id)}`, patch);
}

export type Member = Person & { role: string | null };

export function listAccountPeople(id: string): Promise<{ items: Member[] }> {
  return request('GET', `/accounts/${at(id)}/people`);
}

export function linkPerson(
  accountId: string,
  personId: string,
  role: string | null,
): Promise<unknown> {
  return request('PUT', `/accounts/${at(accountId)}/people/${at(personId)}`, { role });
}

export function unlinkPerson(accountId: string, personId: string): Promise<void> {
  return request('DELETE', `/accounts/${at(accountId)}/people/${at(personId)}`);
}

export function listPeople(q: PageQuery): Promise<Page<Person>> {
  return request('GET', `/people?${pageParams(q)}`);
}

export function getPerson(id: string): Promise<Person> {
  return request('GET', `/people/${at(id)}`);
}

export function createPerson(body: PersonPatch): Promise<Person> {
  return request('POST', '/people', body);
}

export function updatePerson(id: string, patch: PersonPatch): Promise<Person> {
  return request('PATCH', `/people/${at(id)}`, patch);
}

export function listPersonAccounts(
  id: string,
): Promise<{ items: { account: Account; role: string | null }[] }> {
  return request('GET', `/people/${at(id)}/accounts`);
}

export type AttributeType = 'text' | 'number' | 'boolean' | 'date';
export interface EventType {
  name: string;
  label: string;
  entity: 'account' | 'person';
  fields: { name: string; label: string; type: AttributeType }[];
}

export function listEventTypes(): Promise<{ items: EventType[] }> {
  return request('GET', '/event-types');
}

export function createEventType(body: EventType): Promise<EventType> {
  return request('POST', '/event-types', body);
}

/** How a person is named in tables and pickers: full name, else email, else phone. */
export function personName(
  p: Pick<Person, 'firstName' | 'lastName' | 'email' | 'mobilePhone'>,
): string {
  const full = [p.firstName, p.lastName].filter(Boolean).join(' ');
  return full || p.email || p.mobilePhone || '—';
}

export interface AccountSegments {
  lists: Array<{ id: string; name: string; kind: string }>;
  audiences: Array<{ id: string; name: string }>;
}

export function getAccountSegments(id: string): Promise<AccountSegments> {
  return request('GET', `/accounts/${at(id)}/segments`);
}

/**
 * What a condition is evaluated against: one account with its people (and their role in the
 * account), buying groups, list memberships and event history. The storage layer loads it; the
 * SQL compiler must agree with evaluation over it (see `evaluate.ts`).
 */
import type { Account } from '../b2b/account.ts';
import type { BuyingGroup } from '../b2b/buying-group.ts';
import type { Person } from '../b2b/person.ts';

export type EventPropertyValue = string | number | boolean | null;

export interface FactEvent {
  type: string;
  /** ISO-8601 UTC. */
  occurredAt: string;
  /** `null` for account-level events (e.g. an interesting moment on the account). */
  personId: string | null;
  properties: Record<string, EventPropertyValue>;
}

export interface AccountFacts {
  account: Account;
  people: Array<Person & { role: string | null }>;
  buyingGroups: BuyingGroup[];
  listIds: string[];
  events: FactEvent[];
}

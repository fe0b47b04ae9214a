/** A small, readable account snapshot for condition and buying-group tests. */
import type { Account } from '../b2b/account.ts';
import type { Person } from '../b2b/person.ts';
import type { AccountFacts } from './account-facts.ts';

export const now = new Date('2030-06-15T12:00:00.000Z');

export function account(overrides: Partial<Account> = {}): Account {
  return {
    id: 'acme',
    name: 'Acme',
    domain: 'acme.example',
    industry: 'Software',
    annualRevenue: 5_000_000,
    employees: 250,
    city: 'Stockholm',
    state: null,
    country: 'Sweden',
    sicCode: '7372',
    externalId: null,
    attributes: { tier: 'Gold', seats: 40, active: true, renewalDate: '2030-09-01' },
    ...overrides,
  };
}

export function person(
  id: string,
  overrides: Partial<Person & { role: string | null }> = {},
): Person & { role: string | null } {
  return {
    id,
    email: `${id}@acme.example`,
    mobilePhone: null,
    firstName: id,
    lastName: null,
    jobTitle: null,
    city: null,
    country: null,
    emailConsent: 'optedIn',
    smsConsent: 'optedOut',
    externalId: null,
    attributes: {},
    role: null,
    ...overrides,
  };
}

export function facts(overrides: Partial<AccountFacts> = {}): AccountFacts {
  return {
    account: account(),
    people: [
      person('ann', { jobTitle: 'CTO', role: 'Decision maker', attributes: { score: 80 } }),
      person('bob', { jobTitle: 'Engineer', role: null, email: null }),
    ],
    buyingGroups: [
      {
        id: 'bg-1',
        solutionInterestId: 'crm',
        accountId: 'acme',
        stage: 'Evaluation',
        status: 'Active',
        members: [
          { personId: 'ann', role: 'Decision maker', source: 'manual' },
          { personId: 'bob', role: 'Influencer', source: 'automatic' },
        ],
        completenessScore: 50,
        engagementScore: 35,
      },
    ],
    listIds: ['vip'],
    events: [
      {
        type: 'formFilledOut',
        occurredAt: '2030-06-14T12:00:00.000Z',
        personId: 'ann',
        properties: { form: 'Demo request', score: 5 },
      },
      {
        type: 'emailOpened',
        occurredAt: '2030-06-10T08:00:00.000Z',
        personId: 'bob',
        properties: { campaign: 'Spring' },
      },
      {
        type: 'emailOpened',
        occurredAt: '2030-05-01T08:00:00.000Z',
        personId: 'ann',
        properties: { campaign: 'Spring' },
      },
      {
        type: 'interestingMoment',
        occurredAt: '2030-06-15T11:00:00.000Z',
        personId: null,
        properties: { type: 'milestone' },
      },
    ],
    ...overrides,
  };
}

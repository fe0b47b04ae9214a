/** Data factories for B2B storage tests (not a test file itself). */
import { randomUUID } from 'node:crypto';
import type { Account } from '@caravan/core/b2b/account';
import type { Person } from '@caravan/core/b2b/person';
import { insertAccount } from './account.repository.ts';
import type { Db } from './database.ts';
import { insertPerson } from './person.repository.ts';
import { t0 } from './test-fixtures.ts';

export function anAccount(overrides: Partial<Account> = {}): Account {
  return {
    id: randomUUID(),
    name: 'Acme AB',
    domain: null,
    industry: null,
    annualRevenue: null,
    employees: null,
    city: null,
    state: null,
    country: null,
    sicCode: null,
    externalId: null,
    attributes: {},
    ...overrides,
  };
}

export function aPerson(overrides: Partial<Person> = {}): Person {
  return {
    id: randomUUID(),
    email: null,
    mobilePhone: null,
    firstName: null,
    lastName: null,
    jobTitle: null,
    city: null,
    country: null,
    emailConsent: 'optedIn',
    smsConsent: 'optedOut',
    externalId: null,
    attributes: {},
    ...overrides,
  };
}

/** Inserts an account and answers it; throws if the fixture clashes (a test bug). */
export async function storedAccount(db: Db, overrides: Partial<Account> = {}): Promise<Account> {
  const inserted = await insertAccount(db, { ...anAccount(overrides), now: t0 });
  if (!inserted.ok) throw new Error(inserted.error.message);
  return inserted.value;
}

export async function storedPerson(db: Db, overrides: Partial<Person> = {}): Promise<Person> {
  const inserted = await insertPerson(db, { ...aPerson(overrides), now: t0 });
  if (!inserted.ok) throw new Error(inserted.error.message);
  return inserted.value;
}

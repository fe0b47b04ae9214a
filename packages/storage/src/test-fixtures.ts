/** Data factories for storage tests (not a test file itself). */
import { randomUUID } from 'node:crypto';
import { newDefinition } from '@caravan/core/journey/definition';
import { defaultSchedule, defaultSettings } from '@caravan/core/journey/journey';
import type { Role, User } from '@caravan/core/user';
import type { Db } from './database.ts';
import type { NewJourney } from './journey.repository.ts';
import { insertUser } from './user.repository.ts';

export const t0 = new Date('2026-11-29T02:00:00.000Z');

/** `t0` plus `minutes`. */
export function at(minutes: number): Date {
  return new Date(t0.getTime() + minutes * 60_000);
}

export function aJourney(createdBy: string, overrides: Partial<NewJourney> = {}): NewJourney {
  return {
    id: randomUUID(),
    name: `Journey ${randomUUID().slice(0, 8)}`,
    description: '',
    status: 'draft',
    definition: newDefinition(),
    schedule: defaultSchedule(),
    settings: defaultSettings(),
    createdBy,
    now: t0,
    ...overrides,
  };
}

export function aUser(
  db: Db,
  overrides: Partial<{ name: string; email: string; role: Role }> = {},
): Promise<User> {
  const id = randomUUID();
  return insertUser(db, {
    id,
    email: `${id}@example.com`,
    name: 'Ada Lovelace',
    role: 'manager',
    passwordHash: 'hash',
    now: t0,
    ...overrides,
  });
}

import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { loadAccountFacts } from './account-facts.repository.ts';
import { addAccountListMembers, insertAccountList } from './account-list.repository.ts';
import { linkPerson } from './account-membership.repository.ts';
import { recordActivities } from './activity.repository.ts';
import { storedAccount, storedPerson } from './b2b-fixtures.ts';
import type { Database } from './database.ts';
import { openTestDatabase, testDialects } from './test-databases.ts';
import { at, t0 } from './test-fixtures.ts';

describe.each(testDialects)('account facts on %s', (dialect) => {
  let database: Database;
  beforeEach(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
  });
  afterEach(async () => {
    await database.close();
  });

  it("gathers an account's people with roles, lists and the events in the window", async () => {
    const { db } = database;
    const acme = await storedAccount(db, { industry: 'Banking' });
    const ada = await storedPerson(db, { email: 'ada@example.com' });
    await linkPerson(db, { accountId: acme.id, personId: ada.id, role: 'Champion', now: t0 });
    const listId = randomUUID();
    const list = { id: listId, name: 'VIP', description: '', kind: 'static' as const };
    await insertAccountList(db, { ...list, status: 'live', condition: null, now: t0 });
    await addAccountListMembers(db, listId, [acme.id], at(1));
    const event = (minutes: number) => ({
      id: randomUUID(),
      type: 'emailOpened',
      accountId: acme.id,
      personId: ada.id,
      occurredAt: at(minutes),
      receivedAt: at(minutes),
      messageId: null,
      properties: { emailId: 'e1' },
    });
    await recordActivities(db, [event(10), event(20), event(30)]);
    const facts = await loadAccountFacts(db, acme.id, {
      eventsSince: at(15),
      eventsUntil: at(25),
      eventLimit: 100,
    });
    expect(facts).toEqual({
      account: acme,
      people: [{ ...ada, role: 'Champion' }],
      buyingGroups: [],
      listIds: [listId],
      events: [
        {
          type: 'emailOpened',
          occurredAt: at(20).toISOString(),
          personId: ada.id,
          properties: { emailId: 'e1' },
        },
      ],
    });
    const window = { eventsSince: t0, eventsUntil: at(60), eventLimit: 1 };
    expect(await loadAccountFacts(db, randomUUID(), window)).toBeUndefined();
  });
});

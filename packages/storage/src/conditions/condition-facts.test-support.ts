/**
 * Loads core `AccountFacts` into a database through the storage repositories, so that the SQL
 * compiler can be checked against `evaluateForAccount` over the very same data (not a test file).
 */
import type { AccountFacts } from '@caravan/core/conditions/account-facts';
import { addAccountListMembers, insertAccountList } from '../account-list.repository.ts';
import { linkPerson } from '../account-membership.repository.ts';
import { insertAccount } from '../account.repository.ts';
import { recordActivities } from '../activity.repository.ts';
import { insertBuyingGroup, replaceBuyingGroupMembers } from '../buying-group.repository.ts';
import type { Db } from '../database.ts';
import { insertPerson } from '../person.repository.ts';
import { insertRoleTemplate } from '../role-template.repository.ts';
import { insertSolutionInterest } from '../solution-interest.repository.ts';
import { insertStageModel } from '../stage-model.repository.ts';
import { t0 } from '../test-fixtures.ts';

function orThrow<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** The solution interests and lists that facts and rules refer to by id. */
export async function storeReferences(
  db: Db,
  ids: { solutionInterests: readonly string[]; lists: readonly string[] },
): Promise<void> {
  orThrow(
    await insertRoleTemplate(db, {
      id: 'template',
      name: 'Template',
      description: '',
      roles: [
        {
          name: 'Champion',
          weight: 60,
          membersRequired: 1,
          requiredForCompleteness: true,
          priority: 1,
        },
      ],
      now: t0,
    }),
  );
  orThrow(
    await insertStageModel(db, {
      id: 'stages',
      name: 'Stages',
      stages: [{ name: 'Discovery', kind: 'entry' }],
      transitions: [],
      now: t0,
    }),
  );
  for (const id of ids.solutionInterests) {
    orThrow(
      await insertSolutionInterest(db, {
        id,
        name: id,
        description: '',
        roleTemplateId: 'template',
        stageModelId: 'stages',
        now: t0,
      }),
    );
  }
  for (const id of ids.lists) {
    orThrow(
      await insertAccountList(db, {
        id,
        name: id,
        description: '',
        kind: 'static',
        status: 'live',
        condition: null,
        now: t0,
      }),
    );
  }
}

/**
 * The facts with what the schema forbids made unique: a person email already used (A–Z
 * case-insensitively) gets `+n` before the `@`. Evaluate memory on THESE facts.
 */
export function storableFacts(all: readonly AccountFacts[]): AccountFacts[] {
  const seen = new Set<string>();
  return all.map((facts) => ({
    ...facts,
    people: facts.people.map((person) => {
      if (person.email === null) return person;
      let email = person.email;
      for (let n = 2; seen.has(email.toLowerCase()); n += 1) {
        email = person.email.replace('@', `+${n}@`);
      }
      seen.add(email.toLowerCase());
      return { ...person, email };
    }),
  }));
}

/** Stores one account with its people, roles, buying groups, list memberships and events. */
export async function storeFacts(db: Db, facts: AccountFacts): Promise<void> {
  orThrow(await insertAccount(db, { ...facts.account, now: t0 }));
  for (const { role, ...person } of facts.people) {
    orThrow(await insertPerson(db, { ...person, now: t0 }));
    orThrow(
      await linkPerson(db, { accountId: facts.account.id, personId: person.id, role, now: t0 }),
    );
  }
  for (const { members, ...group } of facts.buyingGroups) {
    orThrow(await insertBuyingGroup(db, { ...group, now: t0 }));
    orThrow(await replaceBuyingGroupMembers(db, group.id, members, group.completenessScore, t0));
  }
  for (const listId of facts.listIds) {
    await addAccountListMembers(db, listId, [facts.account.id], t0);
  }
  await recordActivities(
    db,
    facts.events.map((event, i) => ({
      id: `${facts.account.id}-event-${i}`,
      type: event.type,
      accountId: facts.account.id,
      personId: event.personId,
      occurredAt: new Date(event.occurredAt),
      receivedAt: new Date(event.occurredAt),
      messageId: null,
      properties: event.properties,
    })),
  );
}

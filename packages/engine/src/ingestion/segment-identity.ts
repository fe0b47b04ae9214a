/**
 * identify, group and alias: who a source's ids name. The rules (docs/b2b-data-api.md):
 * `userId` is the person's external id; an identify whose email belongs to a person with another
 * user id is refused (`IDENTITY_CONFLICT`) rather than overwriting that person; an `anonymousId`
 * named by an identify, and the `previousId` of an alias, become other ids of the person; a trait
 * older (by the call's time) than the stored value does not replace it. Calls that name nobody
 * Caravan knows yet are kept pending under the id they name (see `segment-batch.service.ts`).
 */
import { z } from 'zod';
import type { AttributeDefinition } from '@caravan/core/b2b/custom-attribute';
import { err, ok, type Result } from '@caravan/core/result';
import { findAccountByExternalId } from '@caravan/storage/account.repository';
import { listPersonAccounts } from '@caravan/storage/account-membership.repository';
import type { Db } from '@caravan/storage/database';
import {
  findIdentityPeople,
  findTraitTimes,
  linkIdentity,
  saveTraitTimes,
} from '@caravan/storage/ingestion.repository';
import {
  findPerson,
  findPersonByEmail,
  findPersonByExternalId,
} from '@caravan/storage/person.repository';
import { patchAccountIn, upsertAccountIn } from '../data/accounts.service.ts';
import { linkPersonIn } from '../data/account-memberships.service.ts';
import { insertCheckedPerson, patchPersonIn } from '../data/people.service.ts';
import type { SegmentCall } from './segment-message.ts';
import { accountFieldsOf, personFieldsOf } from './segment-traits.ts';

export type IdentityCall = Extract<SegmentCall, { type: 'identify' | 'group' | 'alias' }>;

export interface IdentityRefusal {
  code: string;
  message: string;
}

/** What an identity call did: applied (and which ids may now resolve pending calls), or kept. */
export type IdentityOutcome =
  { kind: 'applied'; touched: string[] } | { kind: 'pending'; identity: string };

export interface Definitions {
  person: readonly AttributeDefinition[];
  account: readonly AttributeDefinition[];
}

export const userIdentity = (userId: string) => `user:${userId}`;
export const anonymousIdentity = (anonymousId: string) => `anon:${anonymousId}`;
export const personIdentity = (personId: string) => `person:${personId}`;
export const groupIdentity = (groupId: string) => `group:${groupId}`;

/** The person a userId names: by external id, else by an alias. */
export async function personOfUser(db: Db, userId: string): Promise<string | undefined> {
  const byExternalId = await findPersonByExternalId(db, userId);
  if (byExternalId) return byExternalId.id;
  return (await findIdentityPeople(db, [userIdentity(userId)])).get(userIdentity(userId));
}

async function personOfAnonymous(db: Db, anonymousId: string): Promise<string | undefined> {
  const key = anonymousIdentity(anonymousId);
  return (await findIdentityPeople(db, [key])).get(key);
}

type Fields = Record<string, unknown> & { attributes?: Record<string, unknown> };

/**
 * The fields whose stored time is not newer than `at`, and records `at` for them: a late retry
 * of an older call leaves newer values alone.
 */
async function newerFieldsOnly<T extends Fields>(
  db: Db,
  entity: 'person' | 'account',
  entityId: string,
  fields: T,
  at: Date,
): Promise<T> {
  const times = await findTraitTimes(db, entity, entityId);
  const stamp = at.toISOString();
  const isNewer = (key: string) => {
    const stored = times[key];
    if (stored !== undefined && stored > stamp) return false;
    times[key] = stamp;
    return true;
  };
  const kept: Fields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'attributes') continue;
    if (isNewer(key)) kept[key] = value;
  }
  const attributes = Object.entries(fields.attributes ?? {}).filter(([name]) =>
    isNewer(`attributes.${name}`),
  );
  kept.attributes = Object.fromEntries(attributes);
  await saveTraitTimes(db, entity, entityId, times);
  return kept as T;
}

function refusal(error: { code: string; message: string }): IdentityRefusal {
  return { code: error.code, message: error.message };
}

function conflict(email: string, userId: string): IdentityRefusal {
  return {
    code: 'IDENTITY_CONFLICT',
    message: `The email ${email} belongs to another person than userId "${userId}"; nothing was changed.`,
  };
}

async function identify(
  db: Db,
  now: Date,
  call: Extract<SegmentCall, { type: 'identify' }>,
  definitions: Definitions,
): Promise<Result<IdentityOutcome, IdentityRefusal>> {
  const fields = personFieldsOf(call.traits, definitions.person);
  if (call.traits.email !== undefined && !z.email().safeParse(fields.email).success) {
    return err({ code: 'INVALID_EVENT', message: 'traits.email: not an email address' });
  }
  const { userId, anonymousId } = call;
  const byUser = userId !== undefined ? await personOfUser(db, userId) : undefined;
  const byAnonymous =
    anonymousId !== undefined ? await personOfAnonymous(db, anonymousId) : undefined;
  const byEmail = fields.email ? await findPersonByEmail(db, fields.email) : undefined;
  let personId = byUser ?? (userId === undefined ? byAnonymous : undefined);
  if (personId !== undefined && byEmail && byEmail.id !== personId && userId !== undefined) {
    return err(conflict(byEmail.email ?? '', userId));
  }
  if (personId === undefined && byEmail) {
    if (userId !== undefined && byEmail.externalId !== null && byEmail.externalId !== userId) {
      return err(conflict(byEmail.email ?? '', userId));
    }
    personId = byEmail.id;
  }
  if (personId === undefined && userId === undefined && !fields.email) {
    // Traits of a visitor not known yet: applied when an identify names this anonymousId.
    return ok({ kind: 'pending', identity: anonymousIdentity(anonymousId ?? '') });
  }
  if (personId !== undefined) {
    const kept = await newerFieldsOnly(db, 'person', personId, fields, call.at);
    const current = await findPerson(db, personId);
    // A person first known by email (a CSV import) takes the CDP's userId as external id.
    const adopt =
      userId !== undefined && current?.externalId === null ? { externalId: userId } : {};
    const patched = await patchPersonIn(db, now, personId, { ...kept, ...adopt });
    if (!patched.ok) return err(refusal(patched.error));
  } else {
    const created = await insertCheckedPerson(db, now, {
      email: null,
      mobilePhone: null,
      firstName: null,
      lastName: null,
      jobTitle: null,
      city: null,
      country: null,
      emailConsent: 'optedIn',
      smsConsent: 'optedOut',
      attributes: {},
      ...fields,
      externalId: userId ?? null,
    });
    if (!created.ok) return err(refusal(created.error));
    personId = created.value.id;
    await newerFieldsOnly(db, 'person', personId, fields, call.at);
  }
  const touched = [personIdentity(personId)];
  if (userId !== undefined) touched.push(userIdentity(userId));
  if (anonymousId !== undefined) {
    await linkIdentity(db, anonymousIdentity(anonymousId), personId, now);
    touched.push(anonymousIdentity(anonymousId));
  }
  return ok({ kind: 'applied', touched });
}

async function group(
  db: Db,
  now: Date,
  call: Extract<SegmentCall, { type: 'group' }>,
  definitions: Definitions,
): Promise<Result<IdentityOutcome, IdentityRefusal>> {
  const fields = accountFieldsOf(call.traits, definitions.account);
  const existing = await findAccountByExternalId(db, call.groupId);
  let accountId: string;
  if (existing) {
    const kept = await newerFieldsOnly(db, 'account', existing.id, fields, call.at);
    const patched = await patchAccountIn(db, now, existing.id, kept);
    if (!patched.ok) return err(refusal(patched.error));
    accountId = existing.id;
  } else {
    // A group call without a name still creates the account, named after its id until renamed.
    const created = await upsertAccountIn(db, now, call.groupId, {
      ...fields,
      name: fields.name ?? call.groupId,
    });
    if (!created.ok) return err(refusal(created.error));
    accountId = created.value.account.id;
    await newerFieldsOnly(db, 'account', accountId, fields, call.at);
  }
  const touched = [groupIdentity(call.groupId)];
  let personId: string | undefined;
  if (call.userId !== undefined) {
    personId = await personOfUser(db, call.userId);
    if (personId === undefined) {
      const created = await insertCheckedPerson(db, now, {
        email: null,
        mobilePhone: null,
        firstName: null,
        lastName: null,
        jobTitle: null,
        city: null,
        country: null,
        emailConsent: 'optedIn',
        smsConsent: 'optedOut',
        attributes: {},
        externalId: call.userId,
      });
      if (!created.ok) return err(refusal(created.error));
      personId = created.value.id;
    }
  } else if (call.anonymousId !== undefined) {
    personId = await personOfAnonymous(db, call.anonymousId);
    // The link waits for an identify that names this visitor; the account is kept already.
    if (personId === undefined)
      return ok({ kind: 'pending', identity: anonymousIdentity(call.anonymousId) });
  }
  if (personId === undefined) return ok({ kind: 'applied', touched });
  touched.push(personIdentity(personId));
  const memberships = await listPersonAccounts(db, personId);
  // Keeps a role given by the API or an import: group calls carry no role.
  if (!memberships.some((m) => m.account.id === accountId)) {
    const linked = await linkPersonIn(db, now, { accountId, personId, role: null });
    if (!linked.ok) return err(refusal(linked.error));
  }
  return ok({ kind: 'applied', touched });
}

async function alias(
  db: Db,
  now: Date,
  call: Extract<SegmentCall, { type: 'alias' }>,
): Promise<Result<IdentityOutcome, IdentityRefusal>> {
  const userId = call.userId ?? '';
  const personId =
    (await personOfUser(db, userId)) ??
    (await personOfUser(db, call.previousId)) ??
    (await personOfAnonymous(db, call.previousId));
  if (personId === undefined) return ok({ kind: 'pending', identity: userIdentity(userId) });
  const ids = [
    userIdentity(call.previousId),
    anonymousIdentity(call.previousId),
    userIdentity(userId),
  ];
  for (const identity of ids) await linkIdentity(db, identity, personId, now);
  return ok({ kind: 'applied', touched: [...ids, personIdentity(personId)] });
}

/** Applies one identify, group or alias call in `db` (the batch's transaction). */
export async function applyIdentityCall(
  db: Db,
  now: Date,
  call: IdentityCall,
  definitions: Definitions,
): Promise<Result<IdentityOutcome, IdentityRefusal>> {
  switch (call.type) {
    case 'identify':
      return identify(db, now, call, definitions);
    case 'group':
      return group(db, now, call, definitions);
    case 'alias':
      return alias(db, now, call);
  }
}

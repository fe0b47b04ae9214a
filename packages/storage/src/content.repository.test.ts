import { randomUUID } from 'node:crypto';
import type { Email } from '@caravan/core/content/email';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Database } from './database.ts';
import {
  deleteEmail,
  findEmail,
  insertEmail,
  listEmails,
  updateEmail,
} from './email.repository.ts';
import { deleteSms, findSms, insertSms, listSms, updateSms } from './sms.repository.ts';
import { openTestDatabase, testDialects } from './test-databases.ts';
import { at, t0 } from './test-fixtures.ts';

function anEmail(overrides: Partial<Email> = {}): Email {
  return {
    id: randomUUID(),
    name: 'Welcome',
    subject: 'Hello {{person.firstName}}',
    fromName: 'Caravan',
    fromEmail: 'hello@example.com',
    replyTo: null,
    preheader: 'Welcome aboard',
    html: '<p>Hi</p>',
    text: 'Hi',
    ...overrides,
  };
}

describe.each(testDialects)('emails and SMS on %s', (dialect) => {
  let database: Database;
  beforeEach(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
  });
  afterEach(async () => {
    await database.close();
  });

  it('round-trips an email and answers NAME_TAKEN for a name differing only in case', async () => {
    const { db } = database;
    const email = anEmail({ replyTo: 'reply@example.com' });
    expect(await insertEmail(db, { ...email, now: t0 })).toEqual({ ok: true, value: email });
    expect(await findEmail(db, email.id)).toEqual(email);
    expect(await insertEmail(db, { ...anEmail({ name: 'WELCOME' }), now: t0 })).toMatchObject({
      ok: false,
      error: { code: 'NAME_TAKEN' },
    });
  });

  it('updates, lists and deletes emails', async () => {
    const { db } = database;
    const email = anEmail();
    await insertEmail(db, { ...email, now: t0 });
    await insertEmail(db, { ...anEmail({ name: 'Another' }), now: t0 });
    expect(
      await updateEmail(db, email.id, { subject: 'New', replyTo: 'r@example.com' }, at(1)),
    ).toEqual({
      ok: true,
      value: { ...email, subject: 'New', replyTo: 'r@example.com' },
    });
    expect(await updateEmail(db, email.id, { name: 'another' }, at(1))).toMatchObject({
      ok: false,
      error: { code: 'NAME_TAKEN' },
    });
    expect(await updateEmail(db, randomUUID(), { subject: 'x' }, at(1))).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const page = await listEmails(db, { limit: 10, offset: 0 });
    expect(page.items.map((e) => e.name)).toEqual(['Another', 'Welcome']);
    expect((await listEmails(db, { search: 'WEL', limit: 10, offset: 0 })).total).toBe(1);
    expect(await deleteEmail(db, email.id)).toBe(true);
    expect(await deleteEmail(db, email.id)).toBe(false);
  });

  it('round-trips, renames, lists and deletes SMS messages', async () => {
    const { db } = database;
    const sms = { id: randomUUID(), name: 'Reminder', message: 'See you {{person.firstName}} 🎉' };
    expect(await insertSms(db, { ...sms, now: t0 })).toEqual({ ok: true, value: sms });
    expect(await findSms(db, sms.id)).toEqual(sms);
    expect(
      await insertSms(db, { ...sms, id: randomUUID(), name: 'REMINDER', now: t0 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NAME_TAKEN' },
    });
    expect(await updateSms(db, sms.id, { message: 'Bye' }, at(1))).toEqual({
      ok: true,
      value: { ...sms, message: 'Bye' },
    });
    expect(await listSms(db, { search: 'remind', limit: 10, offset: 0 })).toEqual({
      items: [{ ...sms, message: 'Bye' }],
      total: 1,
    });
    expect(await deleteSms(db, sms.id)).toBe(true);
    expect(await findSms(db, sms.id)).toBeUndefined();
  });
});

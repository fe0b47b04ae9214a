import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { insertSms } from '@caravan/storage/sms.repository';
import { testDialects } from '@caravan/storage/test-databases';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

const greeting = 'Hi {{person.firstName | default: "there"}}, news from {{account.name}}';

describe.each(testDialects)('SMS API on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;
  let viewer: Client;

  beforeAll(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    manager = (await t.signIn('manager')).client;
    viewer = (await t.signIn('viewer')).client;
  });
  afterAll(async () => t.close());

  const create = async (body: Record<string, unknown>) => {
    const response = await manager.post('/sms', body);
    expect(response.status).toBe(201);
    return response.body;
  };

  it('answers 201 with the message and its segments, then 200 when read back', async () => {
    const sms = await create({ name: 'Reminder', message: 'See you tomorrow' });
    expect(sms).toMatchObject({
      name: 'Reminder',
      message: 'See you tomorrow',
      warnings: [],
      segments: { encoding: 'GSM-7', segments: 1 },
    });
    expect((await manager.get(`/sms/${sms.id}`)).body).toEqual(sms);
  });

  it('counts UCS-2 segments for a message with an emoji and GSM-7 ones for a long plain one', async () => {
    const emoji = await create({ name: 'Party', message: `${'a'.repeat(69)}🎉` });
    expect(emoji.segments).toEqual({ encoding: 'UCS-2', segments: 2 });
    const long = await create({ name: 'Long', message: 'a'.repeat(161) });
    expect((await manager.get(`/sms/${long.id}`)).body.segments).toEqual({
      encoding: 'GSM-7',
      segments: 2,
    });
  });

  it('answers 422 SMS_INVALID with every problem for an empty message or a template that does not parse', async () => {
    const empty = await manager.post('/sms', { name: 'Empty', message: '  ' });
    expect(empty.status).toBe(422);
    expect(empty.body.error.code).toBe('SMS_INVALID');
    expect(empty.body.error.details.map((p: { code: string }) => p.code)).toEqual([
      'SMS_MESSAGE_MISSING',
    ]);
    const broken = await manager.post('/sms', { name: 'Broken', message: 'Hi {{ person' });
    expect(broken.status).toBe(422);
    expect(broken.body.error.details[0].code).toBe('SMS_TEMPLATE_INVALID');
    expect((await manager.get('/sms?search=Broken')).body.total).toBe(0);
  });

  it('answers 400 VALIDATION_FAILED for a forbidden name character, a message over 1,600 characters or a bad id', async () => {
    const badName = await manager.post('/sms', { name: 'a/b', message: 'x' });
    expect(badName.status).toBe(400);
    expect(badName.body.error.details[0].path).toBe('body.name');
    const tooLong = await manager.post('/sms', { name: 'Too long', message: 'x'.repeat(1601) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details[0].path).toBe('body.message');
    expect((await manager.get('/sms/not-an-id')).body.error.code).toBe('VALIDATION_FAILED');
  });

  it('answers 409 SMS_NAME_TAKEN for a name differing only in case, on create and rename', async () => {
    await create({ name: 'Taken', message: 'x' });
    const other = await create({ name: 'Other', message: 'x' });
    const again = await manager.post('/sms', { name: 'TAKEN', message: 'y' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('SMS_NAME_TAKEN');
    const rename = await manager.patch(`/sms/${other.id}`, { name: 'taken' });
    expect(rename.status).toBe(409);
    expect(rename.body.error.code).toBe('SMS_NAME_TAKEN');
  });

  it('answers 200 to a patch of the message alone, with the new segments, and keeps the name', async () => {
    const sms = await create({ name: 'Patched', message: 'short' });
    const patched = await manager.patch(`/sms/${sms.id}`, { message: 'Ünïcödé ✓' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: 'Patched',
      message: 'Ünïcödé ✓',
      segments: { encoding: 'UCS-2', segments: 1 },
    });
  });

  it('answers 422 SMS_INVALID to a patch that empties the message, keeping the stored one', async () => {
    const sms = await create({ name: 'Kept', message: 'keep me' });
    const response = await manager.patch(`/sms/${sms.id}`, { message: '' });
    expect(response.status).toBe(422);
    expect((await manager.get(`/sms/${sms.id}`)).body.message).toBe('keep me');
  });

  it('answers 404 SMS_NOT_FOUND to a read, patch or delete of an unknown message', async () => {
    const id = randomUUID();
    for (const response of [
      await manager.get(`/sms/${id}`),
      await manager.patch(`/sms/${id}`, { message: 'x' }),
      await manager.delete(`/sms/${id}`),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('SMS_NOT_FOUND');
    }
  });

  it('answers 204 to a delete, then 404', async () => {
    const sms = await create({ name: 'Deleted soon', message: 'x' });
    expect((await manager.delete(`/sms/${sms.id}`)).status).toBe(204);
    expect((await manager.get(`/sms/${sms.id}`)).status).toBe(404);
  });

  it('answers 200 with pages of messages found by name, and 400 INVALID_CURSOR on another search', async () => {
    for (const n of [1, 2, 3]) await create({ name: `Paged ${n}`, message: 'x' });
    const first = await manager.get('/sms?search=PAGED&limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items.map((s: { name: string }) => s.name)).toEqual(['Paged 1', 'Paged 2']);
    expect(first.body.total).toBe(3);
    const cursor = encodeURIComponent(first.body.nextCursor);
    const second = await manager.get(`/sms?search=PAGED&limit=2&cursor=${cursor}`);
    expect(second.body.items.map((s: { name: string }) => s.name)).toEqual(['Paged 3']);
    expect(second.body.nextCursor).toBeNull();
    const replayed = await manager.get(`/sms?cursor=${cursor}`);
    expect(replayed.status).toBe(400);
    expect(replayed.body.error.code).toBe('INVALID_CURSOR');
  });

  it('answers 401 without credentials and 403 when a viewer changes a message, but lets them read', async () => {
    const sms = await create({ name: 'Viewer sees', message: 'x' });
    expect((await t.anonymous.get('/sms')).status).toBe(401);
    expect((await viewer.post('/sms', { name: 'By viewer', message: 'x' })).status).toBe(403);
    expect((await viewer.patch(`/sms/${sms.id}`, { message: 'y' })).status).toBe(403);
    const deleted = await viewer.delete(`/sms/${sms.id}`);
    expect(deleted.status).toBe(403);
    expect(deleted.body.error.code).toBe('FORBIDDEN');
    expect((await viewer.get(`/sms/${sms.id}`)).status).toBe(200);
  });

  describe('preview', () => {
    let sms: { id: string };
    let ada: { id: string };
    let nameless: { id: string };

    beforeAll(async () => {
      sms = await create({ name: 'Preview', message: `${greeting} {{my.Code}}` });
      ada = (await manager.post('/people', { email: 'ada@sms.example', firstName: 'Ada' })).body;
      nameless = (await manager.post('/people', { email: 'anon@sms.example' })).body;
      const account = (await manager.post('/accounts', { name: 'Acme & Co' })).body;
      await manager.put(`/accounts/${account.id}/people/${ada.id}`);
    });

    it('answers 200 with the message rendered for the person and their account, unescaped, with segments', async () => {
      const response = await manager.post(`/sms/${sms.id}/preview`, {
        personId: ada.id,
        myTokens: [{ name: 'Code', value: 42 }],
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        message: 'Hi Ada, news from Acme & Co 42',
        segments: { encoding: 'GSM-7', segments: 1 },
        problems: [],
      });
    });

    it('answers 200 with the fallback for a person without a first name, viewers included', async () => {
      const response = await viewer.post(`/sms/${sms.id}/preview`, { personId: nameless.id });
      expect(response.status).toBe(200);
      expect(response.body.message).toBe('Hi there, news from  ');
    });

    it('answers 404 for an unknown person or message', async () => {
      const unknownPerson = await manager.post(`/sms/${sms.id}/preview`, {
        personId: randomUUID(),
      });
      expect(unknownPerson.status).toBe(404);
      expect(unknownPerson.body.error.code).toBe('PERSON_NOT_FOUND');
      const unknownSms = await manager.post(`/sms/${randomUUID()}/preview`, { personId: ada.id });
      expect(unknownSms.body.error.code).toBe('SMS_NOT_FOUND');
    });

    it('answers 422 TEMPLATE_INVALID, not 500, for a template that fails while rendering', async () => {
      const included = await create({ name: 'Includes', message: "{% include 'secrets' %}" });
      const response = await manager.post(`/sms/${included.id}/preview`, { personId: ada.id });
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('TEMPLATE_INVALID');
    });

    it('answers 422 TEMPLATE_INVALID for a stored message that no longer parses', async () => {
      const id = randomUUID();
      await insertSms(t.database.db, {
        id,
        name: 'Stored',
        message: '{% if %}',
        now: t.clock.now(),
      });
      const response = await manager.post(`/sms/${id}/preview`, { personId: ada.id });
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('TEMPLATE_INVALID');
    });
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { insertEmail } from '@caravan/storage/email.repository';
import { testDialects } from '@caravan/storage/test-databases';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

const greeting = 'Hello {{person.firstName | default: "there"}} at {{account.name}}';

function anEmail(name: string, overrides: Record<string, unknown> = {}) {
  return {
    name,
    subject: 'Hi {{person.firstName | default: "there"}}',
    fromName: 'Caravan',
    fromEmail: 'hello@example.com',
    preheader: 'News for {{account.name}}',
    html: `<p>${greeting}</p><a href="{{system.unsubscribeUrl}}">Unsubscribe</a>`,
    text: greeting,
    ...overrides,
  };
}

const codes = (problems: Array<{ code: string }>) => problems.map((p) => p.code).sort();

describe.each(testDialects)('emails API on %s', (dialect) => {
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
    const response = await manager.post('/emails', body);
    expect(response.status).toBe(201);
    return response.body;
  };

  it('answers 201 with the stored email and no warnings, then 200 when read back', async () => {
    const email = await create(anEmail('Welcome', { replyTo: 'reply@example.com' }));
    expect(email).toMatchObject({ name: 'Welcome', replyTo: 'reply@example.com', warnings: [] });
    expect(email.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await manager.get(`/emails/${email.id}`)).body).toEqual(email);
  });

  it('answers 201 with the warnings when only warnings are found', async () => {
    const email = await create(anEmail('Bare', { html: '<p>Hi</p>', text: '' }));
    expect(codes(email.warnings)).toEqual(['EMAIL_TEXT_EMPTY', 'EMAIL_UNSUBSCRIBE_MISSING']);
    expect(email.warnings.every((p: { severity: string }) => p.severity === 'warning')).toBe(true);
  });

  it('answers 422 EMAIL_INVALID with every problem, warnings included, and stores nothing', async () => {
    const response = await manager.post('/emails', {
      name: 'Half made',
      fromEmail: 'not-an-address',
      html: '<p>Hi</p>',
    });
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('EMAIL_INVALID');
    expect(codes(response.body.error.details)).toEqual([
      'EMAIL_ADDRESS_INVALID',
      'EMAIL_FROM_NAME_MISSING',
      'EMAIL_SUBJECT_MISSING',
      'EMAIL_TEXT_EMPTY',
      'EMAIL_UNSUBSCRIBE_MISSING',
    ]);
    expect((await manager.get('/emails?search=Half made')).body.total).toBe(0);
  });

  it('answers 422 EMAIL_INVALID for a template that does not parse', async () => {
    const response = await manager.post(
      '/emails',
      anEmail('Broken', { subject: 'Hi {{ person.firstName | shout }}' }),
    );
    expect(response.status).toBe(422);
    expect(codes(response.body.error.details)).toEqual(['EMAIL_TEMPLATE_INVALID']);
  });

  it('answers 409 EMAIL_NAME_TAKEN for a name differing only in case, on create and rename', async () => {
    await create(anEmail('Taken name'));
    const other = await create(anEmail('Other name'));
    const again = await manager.post('/emails', anEmail('TAKEN NAME'));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('EMAIL_NAME_TAKEN');
    const rename = await manager.patch(`/emails/${other.id}`, { name: 'taken name' });
    expect(rename.status).toBe(409);
    expect(rename.body.error.code).toBe('EMAIL_NAME_TAKEN');
  });

  it('answers 400 VALIDATION_FAILED for a blank name, a wrong type or an id that is not a UUID', async () => {
    const blank = await manager.post('/emails', anEmail('  '));
    expect(blank.status).toBe(400);
    expect(blank.body.error.code).toBe('VALIDATION_FAILED');
    const wrongType = await manager.post('/emails', anEmail('Typed', { subject: 42 }));
    expect(wrongType.body.error.details[0].path).toBe('body.subject');
    expect((await manager.get('/emails/not-an-id')).status).toBe(400);
  });

  it('answers 200 to a patch that changes only the given fields', async () => {
    const email = await create(anEmail('Patched'));
    const patched = await manager.patch(`/emails/${email.id}`, { subject: 'New subject' });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual({ ...email, subject: 'New subject' });
    expect((await manager.get(`/emails/${email.id}`)).body.subject).toBe('New subject');
  });

  it('answers 422 EMAIL_INVALID to a patch that would leave a blocking problem, keeping the email', async () => {
    const email = await create(anEmail('Kept'));
    const response = await manager.patch(`/emails/${email.id}`, { subject: ' ', fromName: '' });
    expect(response.status).toBe(422);
    expect(codes(response.body.error.details)).toEqual([
      'EMAIL_FROM_NAME_MISSING',
      'EMAIL_SUBJECT_MISSING',
    ]);
    expect((await manager.get(`/emails/${email.id}`)).body).toEqual(email);
  });

  it('answers 404 EMAIL_NOT_FOUND to a read, patch or delete of an unknown email', async () => {
    const id = randomUUID();
    for (const response of [
      await manager.get(`/emails/${id}`),
      await manager.patch(`/emails/${id}`, { subject: 'x' }),
      await manager.delete(`/emails/${id}`),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('EMAIL_NOT_FOUND');
    }
  });

  it('answers 204 to a delete, then 404', async () => {
    const email = await create(anEmail('Deleted soon'));
    expect((await manager.delete(`/emails/${email.id}`)).status).toBe(204);
    expect((await manager.get(`/emails/${email.id}`)).status).toBe(404);
  });

  it('answers 200 with pages of emails found by name, and 400 INVALID_CURSOR on another search', async () => {
    for (const n of [1, 2, 3]) await create(anEmail(`Paged ${n}`));
    const first = await manager.get('/emails?search=paged&limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items.map((e: { name: string }) => e.name)).toEqual(['Paged 1', 'Paged 2']);
    expect(first.body).toMatchObject({ total: 3 });
    const cursor = encodeURIComponent(first.body.nextCursor);
    const second = await manager.get(`/emails?search=paged&limit=2&cursor=${cursor}`);
    expect(second.body.items.map((e: { name: string }) => e.name)).toEqual(['Paged 3']);
    expect(second.body.nextCursor).toBeNull();
    const replayed = await manager.get(`/emails?search=other&cursor=${cursor}`);
    expect(replayed.status).toBe(400);
    expect(replayed.body.error.code).toBe('INVALID_CURSOR');
  });

  it('answers 401 without credentials and 403 when a viewer changes an email, but lets them read', async () => {
    const email = await create(anEmail('Viewer sees'));
    expect((await t.anonymous.get('/emails')).status).toBe(401);
    expect((await viewer.post('/emails', anEmail('By viewer'))).status).toBe(403);
    expect((await viewer.patch(`/emails/${email.id}`, { subject: 'x' })).status).toBe(403);
    const deleted = await viewer.delete(`/emails/${email.id}`);
    expect(deleted.status).toBe(403);
    expect(deleted.body.error.code).toBe('FORBIDDEN');
    expect((await viewer.get(`/emails/${email.id}`)).status).toBe(200);
    expect((await viewer.get('/emails')).status).toBe(200);
  });

  describe('preview', () => {
    let email: { id: string };
    let ada: { id: string };
    let nameless: { id: string };
    let acme: { id: string };

    beforeAll(async () => {
      email = await create(
        anEmail('Preview', { text: `${greeting}, {{my.Offer | default: "no offer"}}` }),
      );
      ada = (await manager.post('/people', { email: 'ada@acme.example', firstName: 'Ada' })).body;
      nameless = (await manager.post('/people', { email: 'anon@acme.example' })).body;
      acme = (await manager.post('/accounts', { name: 'Smith & Sons' })).body;
      const zeta = (await manager.post('/accounts', { name: 'Zeta' })).body;
      // Ada belongs to two accounts: the preview takes the first by name unless told otherwise.
      await manager.put(`/accounts/${zeta.id}/people/${ada.id}`);
      await manager.put(`/accounts/${acme.id}/people/${ada.id}`);
    });

    it('answers 200 with the email rendered for the person and their first account, HTML escaped', async () => {
      const response = await manager.post(`/emails/${email.id}/preview`, { personId: ada.id });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        subject: 'Hi Ada',
        html: '<p>Hello Ada at Smith &amp; Sons</p><a href="#unsubscribe">Unsubscribe</a>',
        text: 'Hello Ada at Smith & Sons, no offer',
        textGenerated: false,
        problems: [],
      });
    });

    it('answers 200 with the fallback for a missing first name, the given account and my tokens', async () => {
      const zeta = (await manager.get('/accounts?search=Zeta')).body.items[0];
      const response = await viewer.post(`/emails/${email.id}/preview`, {
        personId: nameless.id,
        accountId: zeta.id,
        myTokens: [{ name: 'Offer', value: '20% off' }],
      });
      expect(response.status).toBe(200);
      expect(response.body.subject).toBe('Hi there');
      expect(response.body.text).toBe('Hello there at Zeta, 20% off');
    });

    it('answers 200 with empty account tokens for a person without an account', async () => {
      const response = await manager.post(`/emails/${email.id}/preview`, {
        personId: nameless.id,
      });
      expect(response.body.text).toBe('Hello there at , no offer');
    });

    it('answers 404 for an unknown person, account or email', async () => {
      const unknownPerson = await manager.post(`/emails/${email.id}/preview`, {
        personId: randomUUID(),
      });
      expect(unknownPerson.status).toBe(404);
      expect(unknownPerson.body.error.code).toBe('PERSON_NOT_FOUND');
      const unknownAccount = await manager.post(`/emails/${email.id}/preview`, {
        personId: ada.id,
        accountId: randomUUID(),
      });
      expect(unknownAccount.body.error.code).toBe('ACCOUNT_NOT_FOUND');
      const unknownEmail = await manager.post(`/emails/${randomUUID()}/preview`, {
        personId: ada.id,
      });
      expect(unknownEmail.body.error.code).toBe('EMAIL_NOT_FOUND');
    });

    it('answers 400 VALIDATION_FAILED for a person id that is not a UUID', async () => {
      const response = await manager.post(`/emails/${email.id}/preview`, { personId: 'ada' });
      expect(response.status).toBe(400);
      expect(response.body.error.details[0].path).toBe('body.personId');
    });

    it('answers 422 TEMPLATE_INVALID, not 500, for a template that fails while rendering', async () => {
      const included = await create(anEmail('Includes', { text: "{% include 'secrets' %}" }));
      const response = await manager.post(`/emails/${included.id}/preview`, { personId: ada.id });
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('TEMPLATE_INVALID');
      expect(response.body.error.message).toContain('text');
    });

    it('answers 422 TEMPLATE_INVALID for stored content that no longer parses', async () => {
      // Content stored before its checks existed, or written by another tool.
      const id = randomUUID();
      const stored = anEmail('Stored broken', { subject: '{{ oops' });
      await insertEmail(t.database.db, { ...stored, id, replyTo: null, now: t.clock.now() });
      const response = await manager.post(`/emails/${id}/preview`, { personId: ada.id });
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('TEMPLATE_INVALID');
    });
  });
});

import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { testDialects } from '@caravan/storage/test-databases';
import { startTestApp, testPassword, type Client, type TestApp } from './test-support/test-app.ts';

describe.each(testDialects)('user administration on %s', (dialect) => {
  let t: TestApp;
  let admin: Client;
  let adminId: string;

  beforeEach(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    const signedIn = await t.signIn('admin', 'Ada Admin');
    admin = signedIn.client;
    adminId = signedIn.user.id;
  });
  afterEach(async () => t.close());

  async function signInAs(email: string, password: string): Promise<Client | number> {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
    });
    const cookie = login.cookies.find((c) => c.name === 'caravan_session');
    if (login.statusCode !== 200 || !cookie) return login.statusCode;
    return t.clientWith({ cookie: `caravan_session=${cookie.value}` });
  }

  async function createUser(role: 'admin' | 'manager' | 'viewer', email: string) {
    const created = await admin.post('/users', {
      email,
      name: email.split('@')[0],
      role,
      password: 'first password',
    });
    expect(created.status).toBe(201);
    return created.body.id as string;
  }

  it('answers one 201 and nine 409 USER_EMAIL_TAKEN to ten parallel creations of one email', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        admin.post('/users', {
          email: i % 2 === 0 ? 'race@example.com' : 'RACE@example.com',
          name: `Racer ${i}`,
          role: 'viewer',
          password: 'long enough',
        }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    for (const a of answers.filter((x) => x.status === 409)) {
      expect(a.body.error.code).toBe('USER_EMAIL_TAKEN');
    }
    const listed = await admin.get('/users');
    expect(
      listed.body.items.filter(
        (u: { email: string }) => u.email.toLowerCase() === 'race@example.com',
      ),
    ).toHaveLength(1);
  });

  it('lists users with created and disabled times, and changes a role (200)', async () => {
    const id = await createUser('viewer', 'vera@example.com');
    const changed = await admin.patch(`/users/${id}`, { role: 'manager', name: 'Vera V' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ role: 'manager', name: 'Vera V', disabledAt: null });
    const listed = (await admin.get('/users')).body.items.find((u: { id: string }) => u.id === id);
    expect(listed).toMatchObject({ role: 'manager', createdAt: expect.any(String) });
  });

  it('disables a user: their sessions end at once and sign-in fails until enabled again', async () => {
    const id = await createUser('manager', 'dave@example.com');
    const dave = await signInAs('dave@example.com', 'first password');
    if (typeof dave === 'number') throw new Error(`sign-in ${dave}`);
    expect((await dave.get('/journeys')).status).toBe(200);
    const disabled = await admin.patch(`/users/${id}`, { disabled: true });
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabledAt).toEqual(expect.any(String));
    expect((await dave.get('/journeys')).status).toBe(401);
    expect(await signInAs('dave@example.com', 'first password')).toBe(401);
    expect((await admin.patch(`/users/${id}`, { disabled: false })).body.disabledAt).toBeNull();
    expect(typeof (await signInAs('dave@example.com', 'first password'))).toBe('object');
  });

  it('deletes a user (204): their session ends; a second delete answers 404 USER_NOT_FOUND', async () => {
    const id = await createUser('viewer', 'del@example.com');
    const del = await signInAs('del@example.com', 'first password');
    if (typeof del === 'number') throw new Error(`sign-in ${del}`);
    expect((await admin.delete(`/users/${id}`)).status).toBe(204);
    expect((await del.get('/auth/me')).status).toBe(401);
    const again = await admin.delete(`/users/${id}`);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('USER_NOT_FOUND');
  });

  it('resets a password (204): the old one and every session stop working, the new one signs in', async () => {
    const id = await createUser('manager', 'pat@example.com');
    const pat = await signInAs('pat@example.com', 'first password');
    if (typeof pat === 'number') throw new Error(`sign-in ${pat}`);
    expect(
      (await admin.post(`/users/${id}/password`, { password: 'second password' })).status,
    ).toBe(204);
    expect((await pat.get('/auth/me')).status).toBe(401);
    expect(await signInAs('pat@example.com', 'first password')).toBe(401);
    expect(typeof (await signInAs('pat@example.com', 'second password'))).toBe('object');
  });

  it('lets a user change their own password (204), ending only their other sessions', async () => {
    await createUser('viewer', 'own@example.com');
    const here = await signInAs('own@example.com', 'first password');
    const there = await signInAs('own@example.com', 'first password');
    if (typeof here === 'number' || typeof there === 'number') throw new Error('sign-in failed');
    const wrong = await here.post('/me/password', {
      currentPassword: 'not it',
      newPassword: 'second password',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('CURRENT_PASSWORD_WRONG');
    const changed = await here.post('/me/password', {
      currentPassword: 'first password',
      newPassword: 'second password',
    });
    expect(changed.status).toBe(204);
    expect((await here.get('/auth/me')).status).toBe(200);
    expect((await there.get('/auth/me')).status).toBe(401);
    expect(typeof (await signInAs('own@example.com', 'second password'))).toBe('object');
  });

  it('signs out every other session of the caller (200 with how many)', async () => {
    await createUser('viewer', 'multi@example.com');
    const here = await signInAs('multi@example.com', 'first password');
    const there = await signInAs('multi@example.com', 'first password');
    if (typeof here === 'number' || typeof there === 'number') throw new Error('sign-in failed');
    const ended = await here.post('/me/sessions/end-others');
    expect(ended.status).toBe(200);
    expect(ended.body.ended).toBe(1);
    expect((await here.get('/auth/me')).status).toBe(200);
    expect((await there.get('/auth/me')).status).toBe(401);
  });

  it('answers 409 LAST_ADMIN to demoting, disabling or deleting the only admin who can sign in', async () => {
    for (const attempt of [
      await admin.patch(`/users/${adminId}`, { role: 'manager' }),
      await admin.patch(`/users/${adminId}`, { disabled: true }),
      await admin.delete(`/users/${adminId}`),
    ]) {
      expect(attempt.status).toBe(409);
      expect(attempt.body.error.code).toBe('LAST_ADMIN');
    }
    const second = await createUser('admin', 'second-admin@example.com');
    await admin.patch(`/users/${second}`, { disabled: true });
    // A disabled admin does not count: the signed-in one is still the last.
    expect((await admin.patch(`/users/${adminId}`, { role: 'viewer' })).status).toBe(409);
    await admin.patch(`/users/${second}`, { disabled: false });
    expect((await admin.patch(`/users/${adminId}`, { role: 'manager' })).status).toBe(200);
  });

  it('keeps one admin when two admins demote each other at the same time', async () => {
    const otherId = await createUser('admin', 'other-admin@example.com');
    const other = await signInAs('other-admin@example.com', 'first password');
    if (typeof other === 'number') throw new Error(`sign-in ${other}`);
    const answers = await Promise.all([
      admin.patch(`/users/${otherId}`, { role: 'viewer' }),
      other.patch(`/users/${adminId}`, { role: 'viewer' }),
    ]);
    const admins = (await t.signIn('admin')).client;
    const listed = (await admins.get('/users')).body.items as Array<{ id: string; role: string }>;
    const remaining = listed.filter((u) => [adminId, otherId].includes(u.id) && u.role === 'admin');
    expect(remaining.length).toBeGreaterThanOrEqual(1);
    expect(answers.some((a) => a.status === 200)).toBe(true);
  });

  it('refuses managers and viewers (403) every user change, and API keys their own password', async () => {
    const id = await createUser('viewer', 'target@example.com');
    for (const role of ['manager', 'viewer'] as const) {
      const { client } = await t.signIn(role);
      for (const attempt of [
        await client.post('/users', {
          email: 'x@example.com',
          name: 'X',
          role,
          password: testPassword,
        }),
        await client.patch(`/users/${id}`, { role: 'admin' }),
        await client.delete(`/users/${id}`),
        await client.post(`/users/${id}/password`, { password: 'whatever long' }),
      ]) {
        expect(attempt.status).toBe(403);
        expect(attempt.body.error.code).toBe('FORBIDDEN');
      }
    }
    const key = (await admin.post('/api-keys', { name: 'Bot', role: 'manager' })).body.key;
    const bot = t.clientWith({ authorization: `Bearer ${key}` });
    expect(
      (await bot.post('/me/password', { currentPassword: 'x', newPassword: 'long enough' })).status,
    ).toBe(403);
  });

  it('records every user change in the audit log, with the role before and after', async () => {
    const id = await createUser('viewer', 'audited@example.com');
    await admin.patch(`/users/${id}`, { role: 'manager' });
    await admin.patch(`/users/${id}`, { disabled: true });
    await admin.post(`/users/${id}/password`, { password: 'another password' });
    await admin.delete(`/users/${id}`);
    const audit = await admin.get(`/audit?entityType=user&entityId=${id}`);
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'user.deleted',
      'user.passwordReset',
      'user.disabled',
      'user.roleChanged',
      'user.created',
    ]);
    const roleChange = audit.body.items[3];
    expect(roleChange).toMatchObject({
      actor: { id: adminId, name: 'Ada Admin', kind: 'user' },
      entityName: 'audited@example.com',
      before: { role: 'viewer' },
      after: { role: 'manager' },
    });
  });
});

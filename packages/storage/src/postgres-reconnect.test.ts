import { sql } from 'kysely';
import pg from 'pg';
import { expect, inject, it } from 'vitest';
import { openTestDatabase } from './test-databases.ts';

it('keeps working after PostgreSQL ends its idle connections', async () => {
  const database = await openTestDatabase('postgres', inject('postgresUrl'));
  try {
    const pid = async () =>
      (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db)).rows[0]
        ?.pid;
    const before = await pid();
    const admin = new pg.Client({ connectionString: inject('postgresUrl') });
    await admin.connect();
    await admin.query('select pg_terminate_backend($1)', [before]);
    await admin.end();
    // The pool notices the dead idle client, drops it and connects anew: no crash, no error.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const after = await pid();
    expect(after).toBeTypeOf('number');
    expect(after).not.toBe(before);
  } finally {
    await database.close();
  }
});

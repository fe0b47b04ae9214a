import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { isDatabaseUnavailable } from './database-unavailable.ts';
import { openTestDatabase } from './test-databases.ts';

async function terminate(pid: number | undefined): Promise<void> {
  const admin = new pg.Client({ connectionString: inject('postgresUrl') });
  await admin.connect();
  await admin.query('select pg_terminate_backend($1)', [pid]);
  await admin.end();
}

describe('the PostgreSQL pool when connections die', () => {
  it('keeps working after PostgreSQL ends its idle connections', async () => {
    const database = await openTestDatabase('postgres', inject('postgresUrl'));
    try {
      const pid = async () =>
        (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db)).rows[0]
          ?.pid;
      const before = await pid();
      await terminate(before);
      // The pool notices the dead idle client, drops it and connects anew: no crash, no error.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const after = await pid();
      expect(after).toBeTypeOf('number');
      expect(after).not.toBe(before);
    } finally {
      await database.close();
    }
  });

  it('fails only the transaction whose connection is ended under it, and the process lives on', async () => {
    const database = await openTestDatabase('postgres', inject('postgresUrl'));
    // Before the fix, pg emitted `error` on the checked-out client with no listener: the process
    // (here the test worker) ended with "Unhandled 'error' event".
    const unhandled: unknown[] = [];
    const onUncaught = (error: unknown) => unhandled.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      let busyPid: number | undefined;
      const running = database.db.transaction().execute(async (trx) => {
        busyPid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]
          ?.pid;
        await sql`select pg_sleep(10)`.execute(trx);
      });
      // Handled from the start: the rejection may come while `terminate` is still running.
      const failed = running.then(
        () => undefined,
        (error: unknown) => error,
      );
      while (busyPid === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
      await terminate(busyPid);
      const failure = await failed;
      expect(isDatabaseUnavailable(failure)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
      // The broken client left the pool; the next statement gets a fresh connection.
      const one = await sql<{ one: number }>`select 1 as one`.execute(database.db);
      expect(one.rows).toEqual([{ one: 1 }]);
    } finally {
      process.off('uncaughtException', onUncaught);
      await database.close();
    }
  });
});

import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { findAccountByExternalId } from '@caravan/storage/account.repository';
import { isAudienceMember } from '@caravan/storage/audience-members.repository';
import type { Database } from '@caravan/storage/database';
import { openTestDatabase, testDialects } from '@caravan/storage/test-databases';
import { createAudience } from '../segments/audiences.service.ts';
import { ManualClock } from '../runtime/clock.ts';
import type { ImportEntity } from './csv-import-columns.ts';
import { importCsv } from './csv-import.service.ts';

const csv = (...lines: string[]) => `${lines.join('\n')}\n`;

describe.each(testDialects)('CSV import memberships on %s', (dialect) => {
  let database: Database;
  const clock = new ManualClock(new Date('2026-03-02T09:00:00.000Z'));
  const deps = () => ({ database, clock });

  beforeEach(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
  });
  afterEach(async () => database.close());

  async function run(entity: ImportEntity, text: string) {
    const result = await importCsv(deps(), {
      entity,
      input: Readable.from([Buffer.from(text)]),
      totalBytes: Buffer.byteLength(text),
    });
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  }

  async function industryAudience(industry: string) {
    const created = await createAudience(deps(), {
      name: `${industry} accounts`,
      condition: {
        match: 'all',
        rules: [{ kind: 'account', attribute: 'industry', operator: 'equals', value: industry }],
      },
    });
    if (!created.ok) throw new Error(created.error.message);
    return created.value.id;
  }

  async function accountId(externalId: string) {
    const account = await findAccountByExternalId(database.db, externalId);
    if (account === undefined) throw new Error(`no account ${externalId}`);
    return account.id;
  }

  it('moves an account between audiences when an import changes its industry', async () => {
    const software = await industryAudience('Software');
    const retail = await industryAudience('Retail');
    await run(
      'accounts',
      csv('externalId,name,industry', 'a-1,Acme,Software', 'a-2,Globex,Retail'),
    );
    const acme = await accountId('a-1');
    const globex = await accountId('a-2');
    expect(await isAudienceMember(database.db, software, acme)).toBe(true);
    expect(await isAudienceMember(database.db, retail, globex)).toBe(true);

    await run('accounts', csv('externalId,name,industry', 'a-1,Acme,Retail'));
    expect(await isAudienceMember(database.db, software, acme)).toBe(false);
    expect(await isAudienceMember(database.db, retail, acme)).toBe(true);
    expect(await isAudienceMember(database.db, retail, globex)).toBe(true);
  });

  it('puts an account into an audience on its people when an import links them', async () => {
    const created = await createAudience(deps(), {
      name: 'Has a CFO',
      condition: {
        match: 'all',
        rules: [{ kind: 'person', attribute: 'jobTitle', operator: 'equals', value: 'CFO' }],
      },
    });
    if (!created.ok) throw new Error(created.error.message);
    await run('accounts', csv('externalId,name', 'a-1,Acme'));
    const acme = await accountId('a-1');
    expect(await isAudienceMember(database.db, created.value.id, acme)).toBe(false);
    await run('people', csv('email,jobTitle,accountExternalId', 'pat@example.com,CFO,a-1'));
    expect(await isAudienceMember(database.db, created.value.id, acme)).toBe(true);
  });
});

import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { listPersonAccounts } from '@caravan/storage/account-membership.repository';
import { findAccountByExternalId, listAccounts } from '@caravan/storage/account.repository';
import { insertAttributeDefinition } from '@caravan/storage/attribute-definition.repository';
import type { Database } from '@caravan/storage/database';
import { findPersonByEmail, findPersonByExternalId } from '@caravan/storage/person.repository';
import { openTestDatabase, testDialects } from '@caravan/storage/test-databases';
import { ManualClock } from '../runtime/clock.ts';
import type { ImportEntity } from './csv-import-columns.ts';
import {
  importCsv,
  maxListedRejections,
  type ImportProgress,
  type ImportResult,
} from './csv-import.service.ts';

const csv = (...lines: string[]) => `${lines.join('\n')}\n`;

describe.each(testDialects)('CSV import on %s', (dialect) => {
  let database: Database;
  const clock = new ManualClock(new Date('2026-03-02T09:00:00.000Z'));
  const deps = () => ({ database, clock });

  beforeEach(async () => {
    database = await openTestDatabase(dialect, inject('postgresUrl'));
  });
  afterEach(async () => database.close());

  async function run(
    entity: ImportEntity,
    text: string,
    onProgress?: (p: ImportProgress) => void,
  ): Promise<ImportResult> {
    const result = await importCsv(deps(), {
      entity,
      input: Readable.from([Buffer.from(text)]),
      totalBytes: Buffer.byteLength(text),
      ...(onProgress ? { onProgress } : {}),
    });
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  }

  it('imports accounts with typed fields and custom attributes', async () => {
    await insertAttributeDefinition(database.db, {
      entity: 'account',
      name: 'tier',
      label: 'Tier',
      type: 'number',
      now: clock.now(),
    });
    const result = await run(
      'accounts',
      csv(
        'externalId,name,domain,annualRevenue,employees,country,tier',
        'a-1,Acme,acme.example,1500000,250,SE,1',
        'a-2,"Globex, Inc.",globex.example,,,,',
        'a-3,Hooli,hooli.example,lots,,,gold',
      ),
    );
    expect(result).toEqual({
      inserted: 2,
      updated: 0,
      unchanged: 0,
      rejected: [
        {
          line: 4,
          reason: expect.stringMatching(/^"tier" must be a finite number\.; annualRevenue: /),
        },
      ],
      rejectedNotListed: 0,
    });
    const acme = await findAccountByExternalId(database.db, 'a-1');
    expect(acme).toMatchObject({
      name: 'Acme',
      domain: 'acme.example',
      annualRevenue: 1500000,
      employees: 250,
      country: 'SE',
      attributes: { tier: 1 },
    });
    expect(await findAccountByExternalId(database.db, 'a-2')).toMatchObject({
      name: 'Globex, Inc.',
      annualRevenue: null,
    });
  });

  it('updates existing accounts by external id, else by domain, and keeps blank cells', async () => {
    await run(
      'accounts',
      csv(
        'externalId,name,domain,city',
        'a-1,Acme,acme.example,Lund',
        ',Initech,initech.example,',
        'a-4,Umbrella,umbrella.example,Malmö',
      ),
    );
    const result = await run(
      'accounts',
      csv(
        'externalId,name,domain,city',
        'a-1,Acme AB,,',
        ',Initech,INITECH.example,',
        'a-3,Hooli,hooli.example,',
        'a-4,Umbrella,umbrella.example,Malmö',
      ),
    );
    expect(result).toMatchObject({ inserted: 1, updated: 2, unchanged: 1, rejected: [] });
    const { items } = await listAccounts(database.db, { limit: 10, offset: 0 });
    expect(items.map((a) => [a.name, a.domain, a.city])).toEqual([
      ['Acme AB', 'acme.example', 'Lund'],
      ['Hooli', 'hooli.example', null],
      ['Initech', 'INITECH.example', null],
      ['Umbrella', 'umbrella.example', 'Malmö'],
    ]);
  });

  it('reports every bad row by its physical line, counting lines inside quoted fields', async () => {
    const result = await run(
      'people',
      csv(
        'externalId,email,firstName,jobTitle,emailConsent',
        'p-1,ann@example.com,Ann,"Head of',
        'Procurement",optedOut',
        'p-2,not-an-email,Bob,,',
        '',
        'p-3,cid@example.com,Cid,"a ""quoted"" title",maybe',
        ',,Nobody,,',
        'p-4,dee@example.com,Dee,"Two',
        'line',
        'title",',
        'p-5,eve@example.com,Eve,,,surplus',
        'p-6,fay@example.com,Fay,,',
      ),
    );
    expect(result.inserted).toBe(3);
    expect(result.rejected.map((r) => r.line)).toEqual([4, 6, 7, 11]);
    expect(result.rejected[0]?.reason).toMatch(/^email: /);
    expect(result.rejected[1]?.reason).toMatch(/^emailConsent: /);
    expect(result.rejected[2]?.reason).toBe(
      'a person needs an email, a mobile phone or an external id',
    );
    expect(result.rejected[3]?.reason).toBe('6 fields where the header has 5');
    expect(await findPersonByExternalId(database.db, 'p-1')).toMatchObject({
      jobTitle: 'Head of\nProcurement',
      emailConsent: 'optedOut',
    });
    expect(await findPersonByExternalId(database.db, 'p-6')).toMatchObject({ firstName: 'Fay' });
  });

  it('rejects the rows from an unclosed quote on and imports the rows before it', async () => {
    const result = await run(
      'people',
      csv('email,firstName', 'ann@example.com,Ann', '"bob@example.com,Bob', 'cid@example.com,Cid'),
    );
    expect(result.inserted).toBe(1);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]?.line).toBe(3);
    expect(result.rejected[0]?.reason).toMatch(/^malformed CSV: .*Quote Not Closed.*lines 3–4/);
  });

  it('links people to accounts by external id or domain, and rejects rows naming no account', async () => {
    await run('accounts', csv('externalId,name,domain', 'a-1,Acme,acme.example'));
    const result = await run(
      'people',
      csv(
        'email,accountExternalId,accountDomain,role',
        'ann@example.com,a-1,,Champion',
        'bob@example.com,,ACME.example,',
        'cid@example.com,a-9,,Buyer',
      ),
    );
    expect(result.inserted).toBe(2);
    expect(result.rejected).toEqual([{ line: 4, reason: 'no account has the external id "a-9"' }]);
    const ann = await findPersonByEmail(database.db, 'ann@example.com');
    const bob = await findPersonByEmail(database.db, 'bob@example.com');
    expect(await listPersonAccounts(database.db, ann?.id ?? '')).toMatchObject([
      { account: { name: 'Acme' }, role: 'Champion' },
    ]);
    expect(await listPersonAccounts(database.db, bob?.id ?? '')).toMatchObject([
      { account: { name: 'Acme' }, role: null },
    ]);
  });

  it('updates people by email ignoring case and leaves unchanged rows unchanged', async () => {
    await run('people', csv('email,firstName', 'ann@example.com,Ann', 'bob@example.com,Bob'));
    const result = await run(
      'people',
      csv('email,firstName', 'ANN@example.com,Annie', 'bob@example.com,Bob'),
    );
    expect(result).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    expect(await findPersonByEmail(database.db, 'ann@example.com')).toMatchObject({
      firstName: 'Annie',
    });
  });

  it('rejects only the row the database refuses and imports the rest of its batch', async () => {
    await run('people', csv('externalId,email', 'x-1,ann@example.com', 'x-2,bob@example.com'));
    const result = await run(
      'people',
      csv('externalId,email,firstName', 'x-3,cid@example.com,Cid', 'x-2,ann@example.com,Bob'),
    );
    expect(result).toMatchObject({ inserted: 1, updated: 0 });
    expect(result.rejected).toEqual([
      { line: 3, reason: expect.stringMatching(/^the database refused the row: /) },
    ]);
    expect(await findPersonByExternalId(database.db, 'x-2')).toMatchObject({
      email: 'bob@example.com',
    });
  });

  it('reports progress after every batch up to every byte and row', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => `p${i}@example.com,P${i}`);
    const text = csv('email,firstName', ...rows);
    const events: ImportProgress[] = [];
    await run('people', text, (p) => events.push(p));
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(events.map((e) => e.rowsRead)).toEqual(
      [...events.map((e) => e.rowsRead)].sort((a, b) => a - b),
    );
    expect(events.at(-1)).toEqual({
      rowsRead: 2500,
      imported: 2500,
      rejected: 0,
      bytesRead: Buffer.byteLength(text),
      totalBytes: Buffer.byteLength(text),
    });
  });

  it('refuses a header with unknown columns before importing anything', async () => {
    const result = await importCsv(deps(), {
      entity: 'accounts',
      input: Readable.from([csv('name,Tier,colour', 'Acme,1,red')]),
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'CSV_HEADER_INVALID',
        message: expect.stringContaining('unknown columns "Tier", "colour"'),
        details: [expect.stringContaining('unknown columns "Tier", "colour"')],
      },
    });
    expect((await listAccounts(database.db, { limit: 10, offset: 0 })).total).toBe(0);
  });

  it('imports headers through the mapping, by synonym and case-insensitively, skipping mapped-out columns', async () => {
    const result = await importCsv(deps(), {
      entity: 'accounts',
      input: Readable.from([
        csv('Company Name,Website,INDUSTRY,Internal notes', 'Acme,acme.example,Software,x'),
      ]),
      mapping: { 'Internal notes': '' },
    });
    expect(result).toMatchObject({ ok: true, value: { inserted: 1, rejected: [] } });
    const [acme] = (await listAccounts(database.db, { limit: 10, offset: 0 })).items;
    expect(acme).toMatchObject({ name: 'Acme', domain: 'acme.example', industry: 'Software' });
  });

  it('refuses a people file without an identifying column and an empty file', async () => {
    const noKey = await importCsv(deps(), {
      entity: 'people',
      input: Readable.from([csv('firstName', 'Ann')]),
    });
    expect(noKey.ok ? [] : noKey.error.details).toEqual([
      'people need an "externalId", "email" or "mobilePhone" column',
    ]);
    const empty = await importCsv(deps(), { entity: 'people', input: Readable.from(['']) });
    expect(empty.ok ? [] : empty.error.details).toEqual([
      'the file is empty; expected a header row',
    ]);
  });

  it(`lists the first ${maxListedRejections} rejected rows and counts the rest`, async () => {
    const rows = Array.from({ length: maxListedRejections + 5 }, () => 'not-an-email');
    const result = await run('people', csv('email', ...rows));
    expect(result.rejected).toHaveLength(maxListedRejections);
    expect(result.rejected.at(-1)?.line).toBe(maxListedRejections + 1);
    expect(result.rejectedNotListed).toBe(5);
  });
});

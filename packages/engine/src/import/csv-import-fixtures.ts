/**
 * Generated CSV files for the import's volume test and benchmark (`bench/import`): people with a
 * known share of bad rows (and some quoted fields spanning two lines, so that line numbers are
 * physical lines), and accounts. Each file knows the lines of its bad rows.
 */

export interface GeneratedCsv {
  text: string;
  /** Data rows in the file (good and bad). */
  rows: number;
  /** Physical line (1-based, header = 1) and expected reason fragment of every bad row. */
  bad: Array<{ line: number; reason: string }>;
}

const badPeople: ReadonlyArray<{ row: (i: number) => string; reason: string }> = [
  { row: (i) => `ext-${i},not-an-email,,Ann,Lee,,,,,,`, reason: 'email' },
  { row: (i) => `ext-${i},p${i}@example.com,0701234567,Ann,Lee,,,,,,`, reason: 'mobilePhone' },
  { row: (i) => `ext-${i},p${i}@example.com,,Ann,Lee,,,,maybe,,`, reason: 'emailConsent' },
  { row: () => `,,,Nobody,Known,,,,,,`, reason: 'a person needs an email' },
  { row: (i) => `ext-${i},p${i}@example.com,,Ann,Lee,,,,,,,extra`, reason: 'fields' },
];

export const peopleHeader =
  'externalId,email,mobilePhone,firstName,lastName,jobTitle,city,country,emailConsent,smsConsent,score';

/**
 * `count` people; every `badEvery`-th row is bad (rotating through five kinds of mistakes);
 * every 50th good row has a job title in quotes spanning two lines. `score` is a custom number
 * attribute the importing test declares.
 */
export function generatePeopleCsv(count: number, badEvery = 100): GeneratedCsv {
  const lines: string[] = [peopleHeader];
  const bad: GeneratedCsv['bad'] = [];
  let line = 2;
  for (let i = 1; i <= count; i += 1) {
    if (i % badEvery === 0) {
      const kind = badPeople[(i / badEvery) % badPeople.length];
      if (kind === undefined) throw new Error('unreachable: the index is modulo the length');
      lines.push(kind.row(i));
      bad.push({ line, reason: kind.reason });
      line += 1;
      continue;
    }
    const title = i % 50 === 0 ? '"Head of\nProcurement"' : 'Buyer';
    const consent = i % 7 === 0 ? 'optedOut' : '';
    lines.push(
      `ext-${i},person${i}@example.com,+4670${String(i).padStart(7, '0')},First${i},Last${i},${title},Stockholm,SE,${consent},,${i % 100}`,
    );
    line += i % 50 === 0 ? 2 : 1;
  }
  return { text: `${lines.join('\n')}\n`, rows: count, bad };
}

export const accountsHeader =
  'externalId,name,domain,industry,annualRevenue,employees,city,state,country,sicCode';

/** `count` valid accounts with distinct external ids and domains. */
export function generateAccountsCsv(count: number): GeneratedCsv {
  const lines: string[] = [accountsHeader];
  for (let i = 1; i <= count; i += 1) {
    lines.push(
      `acc-${i},Company ${i},company${i}.example.com,Manufacturing,${i * 1000},${i % 5000},Gothenburg,,SE,${1000 + (i % 8000)}`,
    );
  }
  return { text: `${lines.join('\n')}\n`, rows: count, bad: [] };
}

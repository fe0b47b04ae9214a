import { describe, expect, it } from 'vitest';
import { parseMapArgument, resolveHeader, suggestMapping } from './csv-mapping.ts';

describe('suggestMapping', () => {
  it('matches headers case-insensitively and by common synonyms, skipping the rest', () => {
    expect(
      suggestMapping(
        'accounts',
        ['Company Name', 'Website', 'INDUSTRY', 'Tier', 'Notes'],
        ['tier'],
      ),
    ).toEqual({
      'Company Name': 'name',
      Website: 'domain',
      INDUSTRY: 'industry',
      Tier: 'tier',
      Notes: '',
    });
    expect(suggestMapping('people', ['E-mail', 'Mobile', 'First Name'], [])).toEqual({
      'E-mail': 'email',
      Mobile: 'mobilePhone',
      'First Name': 'firstName',
    });
  });
});

describe('resolveHeader', () => {
  it('takes the mapping first, exact names as they are, then suggestions, else the header', () => {
    expect(
      resolveHeader('accounts', ['Company', 'domain', 'Web site', 'Colour'], [], {
        Company: 'name',
        'Web site': '',
      }),
    ).toEqual(['name', 'domain', '', 'Colour']);
    expect(resolveHeader('people', ['Email Address'], [])).toEqual(['email']);
  });
});

describe('parseMapArgument', () => {
  it('reads Header=column pairs, an empty column meaning skip', () => {
    expect(parseMapArgument('Company Name=name, Website=domain,Notes=')).toEqual({
      ok: true,
      value: { 'Company Name': 'name', Website: 'domain', Notes: '' },
    });
  });

  it('refuses a pair without a column', () => {
    expect(parseMapArgument('Company Name')).toMatchObject({ ok: false });
  });
});

import { describe, expect, it } from 'vitest';
import { domainProblem, isDomain } from './account.ts';

describe('isDomain', () => {
  it('accepts domain names with subdomains, country TLDs and punycode', () => {
    for (const d of ['acme.com', 'eu.acme.co.uk', 'ACME.io', 'my-shop.se', 'xn--bcher-kva.example'])
      expect(isDomain(d)).toBe(true);
  });

  it('refuses text, URLs, addresses and labels that start or end with a dash', () => {
    for (const d of [
      'not a domain',
      'acme',
      'https://acme.com',
      'acme.com/about',
      'ann@acme.com',
      '-acme.com',
      'acme.c0m',
    ])
      expect(isDomain(d)).toBe(false);
  });
});

describe('domainProblem', () => {
  it('says nothing about an empty domain and explains a bad one', () => {
    expect(domainProblem(null)).toBeUndefined();
    expect(domainProblem('')).toBeUndefined();
    expect(domainProblem('not a domain')).toContain('is not a domain');
  });
});

import { describe, expect, it } from 'vitest';
import { isTokenName, tokenText } from './token-text.ts';

describe('tokenText', () => {
  it('writes a bare token without a fallback', () => {
    expect(tokenText('account.name', '  ')).toBe('{{ account.name }}');
  });

  it('writes the fallback as a default filter, escaping quotes', () => {
    expect(tokenText('person.firstName', 'there')).toBe(
      '{{ person.firstName | default: "there" }}',
    );
    expect(tokenText('person.firstName', 'the "team"')).toBe(
      '{{ person.firstName | default: "the \\"team\\"" }}',
    );
  });
});

describe('isTokenName', () => {
  it('accepts names Liquid can read after my. and refuses the rest', () => {
    expect(isTokenName('Offer_2')).toBe(true);
    expect(isTokenName('2offer')).toBe(false);
    expect(isTokenName('my offer')).toBe(false);
  });
});

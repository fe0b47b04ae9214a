import { describe, expect, it } from 'vitest';
import { conditionToJson, emptyCondition, parseConditionJson } from './condition-json.ts';

describe('parseConditionJson', () => {
  it('accepts an account rule and fills in nothing it was not given', () => {
    const text = JSON.stringify({
      match: 'all',
      rules: [{ kind: 'account', attribute: 'industry', operator: 'equals', value: 'Software' }],
    });
    const parsed = parseConditionJson(text);
    expect(parsed).toEqual({
      ok: true,
      value: {
        match: 'all',
        rules: [{ kind: 'account', attribute: 'industry', operator: 'equals', value: 'Software' }],
      },
    });
  });

  it('reports text that is not JSON', () => {
    const parsed = parseConditionJson('{ match: ');
    expect(parsed.ok).toBe(false);
  });

  it('names the path of a rule the schema refuses', () => {
    const parsed = parseConditionJson(
      JSON.stringify({
        match: 'all',
        rules: [{ kind: 'account', attribute: 'industry', operator: 'is' }],
      }),
    );
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.some((m) => m.startsWith('rules.0.operator'))).toBe(true);
  });

  it('reads back what it writes', () => {
    expect(parseConditionJson(conditionToJson(emptyCondition))).toEqual({
      ok: true,
      value: emptyCondition,
    });
  });
});

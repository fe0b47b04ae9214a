import { describe, expect, it } from 'vitest';
import { account, person } from '../conditions/facts.test-support.ts';
import { checkTemplate, renderTemplate, tokenContext, type TemplateContext } from './template.ts';

const context = tokenContext({
  account: account({ name: 'Acme', attributes: { tier: 'Gold' } }),
  person: person('ann', { firstName: 'Ann', lastName: null }),
  myTokens: [
    { name: 'Offer', value: '20% off' },
    { name: 'Seats', value: 5 },
  ],
  system: { unsubscribeUrl: 'https://caravan.example/u/abc' },
});

function render(source: string, ctx: TemplateContext = context, escapeHtml = false): string {
  const result = renderTemplate(source, ctx, { escapeHtml });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('renderTemplate tokens', () => {
  it('renders account, person, custom attribute, my and system tokens', () => {
    expect(
      render(
        'Hi {{person.firstName}} at {{ account.name }} ({{account.tier}}): {{my.Offer}} for {{my.Seats}} seats. {{system.unsubscribeUrl}}',
      ),
    ).toBe('Hi Ann at Acme (Gold): 20% off for 5 seats. https://caravan.example/u/abc');
  });

  it('uses the fallback when a token is missing, null or empty', () => {
    expect(render('Hi {{person.lastName | default: "there"}}')).toBe('Hi there');
    expect(render('Hi {{person.nickname | default: "there"}}')).toBe('Hi there');
    expect(render('Hi {{ person.firstName | default: "there" }}')).toBe('Hi Ann');
    expect(render('Hi {{ person.firstName | default: "there" }}', {})).toBe('Hi there');
  });

  it('renders a missing token without fallback as nothing', () => {
    expect(render('[{{person.middleName}}][{{my.Unknown}}][{{nothing.at.all}}]')).toBe('[][][]');
  });

  it('escapes tokens in HTML mode but not in text mode', () => {
    const ctx = tokenContext({ person: person('x', { firstName: '<b>Ann & Co</b>' }) });
    expect(render('<p>{{person.firstName}}</p>', ctx, true)).toBe(
      '<p>&lt;b&gt;Ann &amp; Co&lt;/b&gt;</p>',
    );
    expect(render('{{person.firstName}}', ctx)).toBe('<b>Ann & Co</b>');
  });
});

describe('renderTemplate sandbox', () => {
  it('yields nothing for prototype properties', () => {
    expect(
      render(
        '[{{ person.constructor }}][{{ person.__proto__ }}][{{ person.firstName.constructor }}][{{ my.toString }}][{{ person.hasOwnProperty }}]',
      ),
    ).toBe('[][][][][]');
    expect(render('[{{ person.constructor.constructor }}]', { person: { firstName: 'Ann' } })).toBe(
      '[]',
    );
  });

  it('cannot read files through include, render or layout', () => {
    for (const source of [
      '{% include "/etc/passwd" %}',
      '{% render "secrets" %}',
      '{% layout "base" %}x',
    ]) {
      const result = renderTemplate(source, context);
      expect(result.ok, source).toBe(false);
    }
  });

  it('refuses unknown filters', () => {
    expect(renderTemplate('{{ person.firstName | shell }}', context)).toMatchObject({
      ok: false,
      error: { code: 'TEMPLATE_INVALID' },
    });
  });

  it('stops a template that would allocate without bound', () => {
    const result = renderTemplate(
      '{% assign s = "xxxxxxxxxx" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}',
      context,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'TEMPLATE_INVALID' } });
  });
});

describe('template errors', () => {
  it('returns a syntax error as a value instead of throwing', () => {
    for (const source of [
      '{{ person.firstName ',
      '{% if %}',
      '{% for x in %}{% endfor %}',
      '{% endif %}',
    ]) {
      const result = renderTemplate(source, context);
      expect(result.ok, source).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('TEMPLATE_INVALID');
    }
  });

  it('checks a template without rendering it', () => {
    expect(checkTemplate('Hi {{ person.firstName | default: "there" }}').ok).toBe(true);
    expect(checkTemplate('Hi {{ person.firstName | nope }}').ok).toBe(false);
    expect(checkTemplate('{% if %}').ok).toBe(false);
  });
});

describe('template render bounds', () => {
  it('stops a slow template with TEMPLATE_INVALID well within a second instead of blocking', () => {
    const slow =
      '{% for a in (1..2000) %}{% for b in (1..2000) %}{% assign c = b | plus: a %}{% endfor %}{% endfor %}';
    const started = performance.now();
    const rendered = renderTemplate(slow, {});
    expect(performance.now() - started).toBeLessThan(800);
    expect(rendered.ok).toBe(false);
    if (!rendered.ok) expect(rendered.error.code).toBe('TEMPLATE_INVALID');
  });
});

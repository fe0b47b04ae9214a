import { describe, expect, it } from 'vitest';
import { account, person } from '../conditions/facts.test-support.ts';
import { Email, EmailPatch, renderEmail, validateEmail } from './email.ts';
import { SmsPatch } from './sms.ts';
import { tokenContext } from './template.ts';

const complete = Email.parse({
  id: 'e1',
  name: 'Welcome',
  subject: 'Welcome to {{ account.name }}',
  fromName: 'Caravan',
  fromEmail: 'hello@caravan.example',
  replyTo: 'sales@caravan.example',
  preheader: 'Hi {{ person.firstName | default: "there" }}',
  html: '<p>Hi {{ person.firstName }}</p><a href="{{ system.unsubscribeUrl }}">Unsubscribe</a>',
  text: 'Hi {{ person.firstName }}',
});

const codes = (email: Email) => validateEmail(email).map((p) => [p.code, p.severity]);

describe('validateEmail (SPEC §3)', () => {
  it('finds nothing wrong with a complete email', () => {
    expect(validateEmail(complete)).toEqual([]);
  });

  it('requires from name, subject, from address and a body, all at once', () => {
    const empty = Email.parse({ id: 'e2', name: 'Draft' });
    expect(codes(empty)).toEqual([
      ['EMAIL_FROM_NAME_MISSING', 'error'],
      ['EMAIL_SUBJECT_MISSING', 'error'],
      ['EMAIL_ADDRESS_INVALID', 'error'],
      ['EMAIL_BODY_MISSING', 'error'],
      ['EMAIL_TEXT_EMPTY', 'warning'],
    ]);
  });

  it('warns about a missing unsubscribe link and an empty text version without blocking', () => {
    expect(codes({ ...complete, html: '<p>Hi</p>', text: '' })).toEqual([
      ['EMAIL_UNSUBSCRIBE_MISSING', 'warning'],
      ['EMAIL_TEXT_EMPTY', 'warning'],
    ]);
  });

  it('accepts a provider unsubscribe link instead of the token', () => {
    const html = '<a href="https://esp.example/Unsubscribe?u=1">Stop</a>';
    expect(codes({ ...complete, html })).toEqual([]);
  });

  it('reports invalid addresses and template errors', () => {
    expect(
      codes({ ...complete, fromEmail: 'caravan', replyTo: 'nobody', subject: '{{ oops' }),
    ).toEqual([
      ['EMAIL_ADDRESS_INVALID', 'error'],
      ['EMAIL_ADDRESS_INVALID', 'error'],
      ['EMAIL_TEMPLATE_INVALID', 'error'],
    ]);
  });
});

describe('renderEmail', () => {
  it('previews the email for a chosen person, escaping the HTML body only', () => {
    const ctx = tokenContext({
      account: account({ name: 'Acme & Co' }),
      person: person('ann', { firstName: 'Ann' }),
      system: { unsubscribeUrl: 'https://caravan.example/u/1' },
    });
    expect(renderEmail(complete, ctx)).toEqual({
      ok: true,
      value: {
        subject: 'Welcome to Acme & Co',
        preheader: 'Hi Ann',
        html: '<p>Hi Ann</p><a href="https://caravan.example/u/1">Unsubscribe</a>',
        text: 'Hi Ann',
      },
    });
  });

  it('generates the text version from the rendered HTML when none is written', () => {
    const ctx = tokenContext({ person: person('ann', { firstName: 'Ann' }) });
    const html = '<h1>Hi {{ person.firstName }}</h1><p><a href="https://x.example">Read</a></p>';
    expect(renderEmail({ ...complete, html, text: '  ' }, ctx)).toMatchObject({
      ok: true,
      value: { text: 'Hi Ann\n\nRead (https://x.example)' },
    });
  });

  it('names the field whose template fails', () => {
    expect(renderEmail({ ...complete, text: '{% if %}' }, {})).toMatchObject({
      ok: false,
      error: { code: 'TEMPLATE_INVALID', field: 'text' },
    });
  });
});

describe('EmailPatch and SmsPatch', () => {
  it('keep out every field the patch leaves out, instead of resetting it to a default', () => {
    expect(EmailPatch.parse({ subject: 'Hello' })).toEqual({ subject: 'Hello' });
    expect(SmsPatch.parse({ name: 'Reminder' })).toEqual({ name: 'Reminder' });
  });
});

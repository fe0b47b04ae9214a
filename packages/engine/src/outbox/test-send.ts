/**
 * *Send test email* / *Send test SMS* of the sending settings: one message through the real
 * channel (SMTP_URL, SMS_PROVIDER_URL), not the outbox, answering what the provider said — the
 * SMTP server's reply line, or the SMS provider's status and body — so that an admin can tell a
 * wrong password from a wrong host without reading logs.
 */
import nodemailer from 'nodemailer';
import { outboundRequest, type OutboundResponse } from './outbound-http.ts';
import { outboundPolicy } from './outbound-policy.ts';
import { errorText } from './send-outcome.ts';
import { providerEndpoint } from './sms-channel.ts';

export interface TestSendDeps {
  smtpUrl?: string;
  smsProviderUrl?: string;
}

export type TestSendOutcome =
  | { ok: true; response: string }
  | {
      ok: false;
      code: 'EMAIL_NOT_CONFIGURED' | 'SMS_NOT_CONFIGURED' | 'TEST_SEND_FAILED';
      message: string;
    };

/** Sends one email on a connection of its own (not the pool), and answers the server's reply. */
export async function sendTestEmail(
  deps: TestSendDeps,
  mail: {
    to: string;
    fromName: string;
    fromEmail: string;
    replyTo?: string | null;
    subject: string;
    html: string;
    text: string;
    headers?: Record<string, string>;
  },
): Promise<TestSendOutcome> {
  if (deps.smtpUrl === undefined || deps.smtpUrl === '') {
    return { ok: false, code: 'EMAIL_NOT_CONFIGURED', message: 'SMTP_URL is not set.' };
  }
  const transport = nodemailer.createTransport({
    url: deps.smtpUrl,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  try {
    const info = await transport.sendMail({
      from: { name: mail.fromName, address: mail.fromEmail },
      to: mail.to,
      ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      ...(mail.headers ? { headers: mail.headers } : {}),
    });
    return { ok: true, response: String(info.response ?? `accepted ${String(info.messageId)}`) };
  } catch (error) {
    return { ok: false, code: 'TEST_SEND_FAILED', message: `SMTP: ${errorText(error)}` };
  } finally {
    transport.close();
  }
}

/** Posts one SMS to the provider, and answers its status and (the start of) its body. */
export async function sendTestSms(
  deps: TestSendDeps,
  sms: { to: string; body: string },
): Promise<TestSendOutcome> {
  if (deps.smsProviderUrl === undefined || deps.smsProviderUrl === '') {
    return { ok: false, code: 'SMS_NOT_CONFIGURED', message: 'SMS_PROVIDER_URL is not set.' };
  }
  const endpoint = providerEndpoint(deps.smsProviderUrl);
  let response: OutboundResponse;
  try {
    // The configured provider is allowed as configured (trusted); no redirect is followed.
    response = await outboundRequest({
      url: endpoint.url,
      method: 'POST',
      headers: { ...endpoint.headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ To: sms.to, Body: sms.body }).toString(),
      policy: outboundPolicy(),
      trusted: true,
    });
  } catch (error) {
    return {
      ok: false,
      code: 'TEST_SEND_FAILED',
      message: `The SMS provider did not answer: ${errorText(error)}`,
    };
  }
  const text = response.text.slice(0, 500);
  const answer = `${response.status}${text ? ` ${text}` : ''}`;
  return response.status >= 200 && response.status < 300
    ? { ok: true, response: answer }
    : { ok: false, code: 'TEST_SEND_FAILED', message: `The SMS provider answered ${answer}` };
}

/** Calls of the content API: emails, SMS messages and their previews for a person. */
import type { Email } from '@caravan/core/content/email';
import type { Sms } from '@caravan/core/content/sms';
import type { Page, PageQuery } from './b2b.api.ts';
import { pageParams } from './b2b.api.ts';
import { request, type ApiProblem } from './http-client.ts';

export type ApiEmail = Email & { warnings: ApiProblem[] };
export type EmailEdit = Partial<Omit<Email, 'id'>>;

export interface SmsSegmentCount {
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
}
export type ApiSms = Sms & { warnings: ApiProblem[]; segments: SmsSegmentCount };

const at = (id: string) => encodeURIComponent(id);

export function listEmails(q: PageQuery): Promise<Page<Email>> {
  return request('GET', `/emails?${pageParams(q)}`);
}

export function getEmail(id: string): Promise<ApiEmail> {
  return request('GET', `/emails/${at(id)}`);
}

export function createEmail(body: EmailEdit & { name: string }): Promise<ApiEmail> {
  return request('POST', '/emails', body);
}

export function updateEmail(id: string, patch: EmailEdit): Promise<ApiEmail> {
  return request('PATCH', `/emails/${at(id)}`, patch);
}

/** Who a preview or test send is rendered for; no person: every token shows its fallback. */
export interface PreviewFor {
  personId?: string | undefined;
}

export type EmailDraft = Partial<Omit<Email, 'id' | 'name'>>;

export interface EmailPreview {
  subject: string;
  html: string;
  text: string;
  textGenerated: boolean;
  problems: ApiProblem[];
}

export function previewEmail(
  id: string,
  body: PreviewFor & { draft?: EmailDraft },
): Promise<EmailPreview> {
  return request('POST', `/emails/${at(id)}/preview`, body);
}

export interface TestSent {
  to: string;
  response: string;
}

export function testSendEmail(
  id: string,
  body: PreviewFor & { to: string; draft?: EmailDraft },
): Promise<TestSent> {
  return request('POST', `/emails/${at(id)}/test-send`, body);
}

export function listSms(q: PageQuery): Promise<Page<Sms>> {
  return request('GET', `/sms?${pageParams(q)}`);
}

export function getSms(id: string): Promise<ApiSms> {
  return request('GET', `/sms/${at(id)}`);
}

export function createSms(body: { name: string; message?: string }): Promise<ApiSms> {
  return request('POST', '/sms', body);
}

export function updateSms(id: string, patch: { name?: string; message?: string }): Promise<ApiSms> {
  return request('PATCH', `/sms/${at(id)}`, patch);
}

export function previewSms(
  id: string,
  body: PreviewFor & { draft?: { message: string } },
): Promise<{ message: string; segments: SmsSegmentCount; problems: ApiProblem[] }> {
  return request('POST', `/sms/${at(id)}/preview`, body);
}

export function testSendSms(
  id: string,
  body: PreviewFor & { to: string; draft?: { message: string } },
): Promise<TestSent> {
  return request('POST', `/sms/${at(id)}/test-send`, body);
}

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

export function previewEmail(
  id: string,
  personId: string,
): Promise<{ subject: string; html: string; text: string }> {
  return request('POST', `/emails/${at(id)}/preview`, { personId });
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
  personId: string,
): Promise<{ message: string; segments: SmsSegmentCount }> {
  return request('POST', `/sms/${at(id)}/preview`, { personId });
}

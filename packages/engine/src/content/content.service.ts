/**
 * Folder `content/`: emails and SMS messages, their validation and previews. A data folder: may
 * import the other data folders, `entry/` and `runtime/`.
 *
 * Emails and SMS messages: list, read, create, change, delete and preview for one person. Content
 * is checked by core (`validateEmail`, `validateSms`) on every write: blocking problems refuse the
 * write, warnings come back with the stored item. Previews live in `content-preview.ts`.
 */
import {
  validateEmail,
  type Email,
  type EmailInput,
  type EmailPatch,
} from '@caravan/core/content/email';
import {
  smsSegments,
  validateSms,
  type Sms,
  type SmsEncoding,
  type SmsInput,
  type SmsPatch,
} from '@caravan/core/content/sms';
import { hasBlockingProblems, type Problem } from '@caravan/core/journey/validation';
import { err, ok, type Result } from '@caravan/core/result';
import {
  deleteEmail as deleteEmailRow,
  findEmail,
  insertEmail,
  listEmails as listEmailRows,
  updateEmail,
} from '@caravan/storage/email.repository';
import type { Db } from '@caravan/storage/database';
import {
  deleteSms as deleteSmsRow,
  findSms,
  insertSms,
  listSms as listSmsRows,
  updateSms,
} from '@caravan/storage/sms.repository';
import type { ListQuery, Page } from '../data/accounts.service.ts';
import type { DataDeps } from '../data/attribute-definitions.service.ts';
import { findJourneyUsages } from '../data/journey-usages.ts';
import { pagedSearch } from '../data/page-cursor.ts';
import { inTransaction } from '../runtime/transaction.ts';

/**
 * The expected failures of the content services. Every code must exist in the server's error
 * catalogue (`@caravan/server/errors`); the server's type-check fails when one is missing.
 */
export type ContentErrorCode =
  | 'EMAIL_NOT_FOUND'
  | 'EMAIL_NAME_TAKEN'
  | 'EMAIL_INVALID'
  | 'EMAIL_IN_USE'
  | 'SMS_NOT_FOUND'
  | 'SMS_IN_USE'
  | 'SMS_NAME_TAKEN'
  | 'SMS_INVALID'
  | 'TEMPLATE_INVALID'
  | 'PERSON_NOT_FOUND'
  | 'ACCOUNT_NOT_FOUND'
  | 'INVALID_CURSOR';

export interface ContentError {
  code: ContentErrorCode;
  message: string;
  details?: unknown;
}

/** A stored item with the non-blocking problems of its content. */
export type Checked<T> = T & { warnings: Problem[] };

export type SmsView = Checked<Sms> & { segments: { encoding: SmsEncoding; segments: number } };

export const emailNotFound = (id: string): ContentError => ({
  code: 'EMAIL_NOT_FOUND',
  message: `No email has the id ${id}.`,
});
export const smsNotFound = (id: string): ContentError => ({
  code: 'SMS_NOT_FOUND',
  message: `No SMS has the id ${id}.`,
});

/** Keeps only the given fields, so that an explicit `undefined` never clears a stored value. */
function definedFields<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(patch).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

/** The problems of content about to be stored: an error when any blocks, else the warnings. */
function checkContent(
  problems: Problem[],
  code: 'EMAIL_INVALID' | 'SMS_INVALID',
  what: string,
): Result<Problem[], ContentError> {
  if (!hasBlockingProblems(problems)) return ok(problems);
  const blocking = problems.filter((p) => p.severity === 'error').length;
  const message = `The ${what} has ${blocking} blocking problem${blocking === 1 ? '' : 's'}; see details.`;
  return err({ code, message, details: problems });
}

// Emails

function checkedEmail(email: Email): Checked<Email> {
  return { ...email, warnings: validateEmail(email) };
}

export async function listEmails(
  deps: DataDeps,
  query: ListQuery,
): Promise<Result<Page<Email>, ContentError>> {
  return pagedSearch(query, (q) => listEmailRows(deps.database.db, q));
}

export async function getEmail(
  deps: DataDeps,
  id: string,
): Promise<Result<Checked<Email>, ContentError>> {
  const email = await findEmail(deps.database.db, id);
  return email ? ok(checkedEmail(email)) : err(emailNotFound(id));
}

export async function createEmail(
  deps: DataDeps,
  input: EmailInput,
): Promise<Result<Checked<Email>, ContentError>> {
  const email: Email = { ...input, id: crypto.randomUUID() };
  const warnings = checkContent(validateEmail(email), 'EMAIL_INVALID', `email "${email.name}"`);
  if (!warnings.ok) return warnings;
  const inserted = await insertEmail(deps.database.db, { ...email, now: deps.clock.now() });
  if (!inserted.ok) return err({ code: 'EMAIL_NAME_TAKEN', message: inserted.error.message });
  return ok({ ...inserted.value, warnings: warnings.value });
}

/** Checks the email as it would be after the patch, and stores it only when nothing blocks. */
export async function patchEmail(
  deps: DataDeps,
  id: string,
  patch: EmailPatch,
): Promise<Result<Checked<Email>, ContentError>> {
  const changes = definedFields(patch);
  return inTransaction(deps.database, async (trx) => {
    const stored = await findEmail(trx, id);
    if (!stored) return err(emailNotFound(id));
    const next: Email = { ...stored, ...changes };
    const warnings = checkContent(validateEmail(next), 'EMAIL_INVALID', `email "${next.name}"`);
    if (!warnings.ok) return warnings;
    const updated = await updateEmail(trx, id, changes, deps.clock.now());
    if (updated.ok) return ok({ ...updated.value, warnings: warnings.value });
    return err(
      updated.error.code === 'NOT_FOUND'
        ? emailNotFound(id)
        : { code: 'EMAIL_NAME_TAKEN', message: updated.error.message },
    );
  });
}

/** Refused while a journey that can still send uses the email (409 EMAIL_IN_USE). */
export async function deleteEmail(deps: DataDeps, id: string): Promise<Result<true, ContentError>> {
  return inTransaction(deps.database, async (trx) => {
    const inUse = await contentInUse(trx, 'email', id);
    if (inUse) return err(inUse);
    return (await deleteEmailRow(trx, id)) ? ok(true) : err(emailNotFound(id));
  });
}

async function contentInUse(
  trx: Db,
  kind: 'email' | 'sms',
  id: string,
): Promise<ContentError | undefined> {
  const usages = await findJourneyUsages(trx, kind, id);
  if (usages.length === 0) return undefined;
  const names = usages.map((u) => `"${u.journeyName}" (${u.status})`).join(', ');
  return {
    code: kind === 'email' ? 'EMAIL_IN_USE' : 'SMS_IN_USE',
    message: `Journeys that can still send use this ${kind === 'email' ? 'email' : 'SMS'}: ${names}.`,
    details: usages,
  };
}

// SMS

export function segmentsOf(message: string): SmsView['segments'] {
  const { encoding, segments } = smsSegments(message);
  return { encoding, segments };
}

function smsView(sms: Sms, warnings: Problem[]): SmsView {
  return { ...sms, warnings, segments: segmentsOf(sms.message) };
}

export async function listSms(
  deps: DataDeps,
  query: ListQuery,
): Promise<Result<Page<Sms>, ContentError>> {
  return pagedSearch(query, (q) => listSmsRows(deps.database.db, q));
}

export async function getSms(deps: DataDeps, id: string): Promise<Result<SmsView, ContentError>> {
  const sms = await findSms(deps.database.db, id);
  return sms ? ok(smsView(sms, validateSms(sms))) : err(smsNotFound(id));
}

export async function createSms(
  deps: DataDeps,
  input: SmsInput,
): Promise<Result<SmsView, ContentError>> {
  const sms: Sms = { ...input, id: crypto.randomUUID() };
  const warnings = checkContent(validateSms(sms), 'SMS_INVALID', `SMS "${sms.name}"`);
  if (!warnings.ok) return warnings;
  const inserted = await insertSms(deps.database.db, { ...sms, now: deps.clock.now() });
  if (!inserted.ok) return err({ code: 'SMS_NAME_TAKEN', message: inserted.error.message });
  return ok(smsView(inserted.value, warnings.value));
}

export async function patchSms(
  deps: DataDeps,
  id: string,
  patch: SmsPatch,
): Promise<Result<SmsView, ContentError>> {
  const changes = definedFields(patch);
  return inTransaction(deps.database, async (trx) => {
    const stored = await findSms(trx, id);
    if (!stored) return err(smsNotFound(id));
    const next: Sms = { ...stored, ...changes };
    const warnings = checkContent(validateSms(next), 'SMS_INVALID', `SMS "${next.name}"`);
    if (!warnings.ok) return warnings;
    const updated = await updateSms(trx, id, changes, deps.clock.now());
    if (updated.ok) return ok(smsView(updated.value, warnings.value));
    return err(
      updated.error.code === 'NOT_FOUND'
        ? smsNotFound(id)
        : { code: 'SMS_NAME_TAKEN', message: updated.error.message },
    );
  });
}

/** Refused while a journey that can still send uses the SMS (409 SMS_IN_USE). */
export async function deleteSms(deps: DataDeps, id: string): Promise<Result<true, ContentError>> {
  return inTransaction(deps.database, async (trx) => {
    const inUse = await contentInUse(trx, 'sms', id);
    if (inUse) return err(inUse);
    return (await deleteSmsRow(trx, id)) ? ok(true) : err(smsNotFound(id));
  });
}

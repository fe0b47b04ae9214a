/**
 * The expected failures of the B2B data services (accounts, people, attribute definitions, event
 * types, events). Every code here must exist in the server's error catalogue
 * (`@caravan/server/errors`); the server's type-check fails when one is missing.
 */
import { domainProblem } from '@caravan/core/b2b/account';

export type DataErrorCode =
  | 'ACCOUNT_NOT_FOUND'
  | 'PERSON_NOT_FOUND'
  | 'MEMBERSHIP_NOT_FOUND'
  | 'ACCOUNT_EXTERNAL_ID_TAKEN'
  | 'ACCOUNT_DOMAIN_INVALID'
  | 'PERSON_EXTERNAL_ID_TAKEN'
  | 'PERSON_EMAIL_TAKEN'
  | 'ATTRIBUTES_INVALID'
  | 'ATTRIBUTE_NOT_FOUND'
  | 'ATTRIBUTE_NAME_TAKEN'
  | 'EVENT_TYPE_NOT_FOUND'
  | 'EVENT_TYPE_NAME_TAKEN'
  | 'EVENT_UNRESOLVED'
  | 'VALIDATION_FAILED'
  | 'PAYLOAD_TOO_LARGE'
  | 'INVALID_CURSOR';

export interface DataError {
  code: DataErrorCode;
  message: string;
  details?: unknown;
}

export function accountNotFound(id: string): DataError {
  return { code: 'ACCOUNT_NOT_FOUND', message: `No account has the id ${id}.` };
}

export function personNotFound(id: string): DataError {
  return { code: 'PERSON_NOT_FOUND', message: `No person has the id ${id}.` };
}

/** 422 ACCOUNT_DOMAIN_INVALID when the domain is given and is not a domain name. */
export function checkDomain(domain: string | null | undefined): DataError | undefined {
  const problem = domainProblem(domain);
  return problem === undefined ? undefined : { code: 'ACCOUNT_DOMAIN_INVALID', message: problem };
}

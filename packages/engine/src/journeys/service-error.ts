/**
 * The expected failures of engine services. Every code here must exist in the server's error
 * catalogue (`@caravan/server/errors`), which maps it to an HTTP status; the server's
 * type-check fails when one is missing.
 */
export type ServiceErrorCode =
  | 'JOURNEY_NOT_FOUND'
  | 'JOURNEY_NAME_TAKEN'
  | 'JOURNEY_ACTION_NOT_ALLOWED'
  | 'JOURNEY_NOT_EDITABLE'
  | 'STATUS_CHANGED'
  | 'JOURNEY_INVALID'
  | 'OUTBOUND_ADDRESS_REFUSED'
  | 'INVALID_CURSOR';

export interface ServiceError {
  code: ServiceErrorCode;
  message: string;
  details?: unknown;
}

export function journeyNotFound(id: string): ServiceError {
  return { code: 'JOURNEY_NOT_FOUND', message: `No journey has the id ${id}.` };
}

/**
 * The one catalogue of errors the API sends: a stable code, its HTTP status and a default
 * message. `docs/errors.md` documents it and `errors.test.ts` keeps the two in step.
 * Body of every error: `{ error: { code, message, details? } }`.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isDatabaseUnavailable } from '@caravan/storage/database-unavailable';

export const errorCatalogue = {
  BAD_REQUEST: { status: 400, message: 'The request is malformed.' },
  VALIDATION_FAILED: {
    status: 400,
    message: 'The request does not match the schema; see details.',
  },
  INVALID_CURSOR: { status: 400, message: 'The cursor is malformed or belongs to another query.' },
  UNAUTHENTICATED: { status: 401, message: 'Sign in or send an API key.' },
  INVALID_CREDENTIALS: { status: 401, message: 'The email or password is wrong.' },
  FORBIDDEN: { status: 403, message: 'Your role does not allow this.' },
  NOT_FOUND: { status: 404, message: 'Nothing is here.' },
  JOURNEY_NOT_FOUND: { status: 404, message: 'The journey does not exist.' },
  JOURNEY_NODE_NOT_FOUND: { status: 404, message: 'The journey has no node with this id.' },
  JOURNEY_NAME_TAKEN: { status: 409, message: 'Another journey already has this name.' },
  JOURNEY_ACTION_NOT_ALLOWED: {
    status: 409,
    message: "The journey's status does not allow this action.",
  },
  JOURNEY_NOT_EDITABLE: {
    status: 409,
    message: "The journey's status does not allow changing this.",
  },
  STATUS_CHANGED: {
    status: 409,
    message: 'The journey changed status meanwhile; reload and retry.',
  },
  JOURNEY_VERSION_CONFLICT: {
    status: 409,
    message: 'The journey was changed elsewhere; reload to see the latest.',
  },
  USER_EMAIL_TAKEN: { status: 409, message: 'Another user already has this email.' },
  ACCOUNT_NOT_FOUND: { status: 404, message: 'The account does not exist.' },
  PERSON_NOT_FOUND: { status: 404, message: 'The person does not exist.' },
  MEMBERSHIP_NOT_FOUND: { status: 404, message: 'The person is not linked to the account.' },
  ATTRIBUTE_NOT_FOUND: { status: 404, message: 'No such custom attribute is declared.' },
  EVENT_TYPE_NOT_FOUND: { status: 404, message: 'The event type does not exist.' },
  EMAIL_NOT_FOUND: { status: 404, message: 'The email does not exist.' },
  SMS_NOT_FOUND: { status: 404, message: 'The SMS message does not exist.' },
  AUDIENCE_NOT_FOUND: { status: 404, message: 'The audience does not exist.' },
  EVALUATION_NOT_FOUND: {
    status: 404,
    message:
      'This server knows no such evaluation (finished over an hour ago, or started on another server).',
  },
  ACCOUNT_LIST_NOT_FOUND: { status: 404, message: 'The account list does not exist.' },
  AUDIENCE_NAME_TAKEN: { status: 409, message: 'Another audience already has this name.' },
  LIST_NAME_TAKEN: { status: 409, message: 'Another account list already has this name.' },
  AUDIENCE_IN_USE: { status: 409, message: 'A journey enrols from this audience.' },
  LIST_IN_USE: { status: 409, message: 'A journey depends on this account list.' },
  EMAIL_IN_USE: { status: 409, message: 'A journey that can still send uses this email.' },
  SMS_IN_USE: { status: 409, message: 'A journey that can still send uses this SMS.' },
  LIST_NOT_STATIC: { status: 409, message: 'The account list is dynamic; its condition decides.' },
  LIST_MEMBERS_UNKNOWN: { status: 422, message: 'Some account ids name no account; see details.' },
  ACCOUNT_DOMAIN_INVALID: {
    status: 422,
    message: 'The domain is not a domain name (write it like acme.com).',
  },
  ACCOUNT_EXTERNAL_ID_TAKEN: {
    status: 409,
    message: 'Another account already has this external id.',
  },
  PERSON_EXTERNAL_ID_TAKEN: {
    status: 409,
    message: 'Another person already has this external id.',
  },
  PERSON_EMAIL_TAKEN: { status: 409, message: 'Another person already has this email.' },
  ATTRIBUTE_NAME_TAKEN: {
    status: 409,
    message: 'The entity already has a custom attribute of this name.',
  },
  EVENT_TYPE_NAME_TAKEN: { status: 409, message: 'An event type of this name already exists.' },
  EMAIL_NAME_TAKEN: { status: 409, message: 'Another email already has this name.' },
  SMS_NAME_TAKEN: { status: 409, message: 'Another SMS message already has this name.' },
  ROLE_TEMPLATE_NOT_FOUND: { status: 404, message: 'The role template does not exist.' },
  STAGE_MODEL_NOT_FOUND: { status: 404, message: 'The stage model does not exist.' },
  SOLUTION_INTEREST_NOT_FOUND: { status: 404, message: 'The solution interest does not exist.' },
  BUYING_GROUP_NOT_FOUND: { status: 404, message: 'The buying group does not exist.' },
  BUYING_GROUP_MEMBER_NOT_FOUND: {
    status: 404,
    message: 'The person is not a member of the buying group.',
  },
  BUYING_GROUP_JOB_NOT_FOUND: {
    status: 404,
    message:
      'This server knows no such buying-group job (finished over an hour ago, or started on another server).',
  },
  ROLE_TEMPLATE_NAME_TAKEN: {
    status: 409,
    message: 'Another role template already has this name.',
  },
  STAGE_MODEL_NAME_TAKEN: { status: 409, message: 'Another stage model already has this name.' },
  SOLUTION_INTEREST_NAME_TAKEN: {
    status: 409,
    message: 'Another solution interest already has this name.',
  },
  IN_USE: { status: 409, message: 'Something still uses this; remove that use first.' },
  EXTERNAL_SERVICE_NOT_FOUND: { status: 404, message: 'The external service does not exist.' },
  EXTERNAL_SERVICE_NAME_TAKEN: {
    status: 409,
    message: 'Another external service already has this name.',
  },
  INVALID_CALLBACK_TOKEN: {
    status: 401,
    message: 'The callback token is malformed or was not issued by this Caravan.',
  },
  CALLBACK_NOT_EXPECTED: {
    status: 409,
    message: 'No account is waiting for this answer any more.',
  },
  STAGE_TRANSITION_NOT_ALLOWED: {
    status: 409,
    message: "The buying group's stage model does not allow this stage change.",
  },
  ROLE_NOT_IN_TEMPLATE: {
    status: 422,
    message: "The role is not in the solution interest's role template.",
  },
  PERSON_NOT_IN_ACCOUNT: {
    status: 422,
    message: "The person does not belong to the buying group's account.",
  },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send the body as application/json.' },
  JOURNEY_INVALID: { status: 422, message: 'Resolve errors before publishing; see details.' },
  OUTBOUND_ADDRESS_REFUSED: {
    status: 422,
    message: 'The URL points to an internal address that Caravan may not call.',
  },
  CSRF_REJECTED: {
    status: 403,
    message: 'Cross-site request refused: send it from the app, with a JSON body.',
  },
  ATTRIBUTES_INVALID: {
    status: 422,
    message: 'Custom attributes do not match their declarations; see details.',
  },
  CSV_HEADER_INVALID: {
    status: 422,
    message: 'The CSV header row cannot be imported; see details.',
  },
  EMAIL_INVALID: {
    status: 422,
    message: 'The email has blocking problems; see details.',
  },
  SMS_INVALID: {
    status: 422,
    message: 'The SMS message has blocking problems; see details.',
  },
  TEMPLATE_INVALID: {
    status: 422,
    message: 'The content has a template that cannot be rendered.',
  },
  EVENT_UNRESOLVED: {
    status: 422,
    message: 'The event names no known account or person of one.',
  },
  INVALID_EVENT: {
    status: 400,
    message: 'The call is malformed (a required field is missing or has the wrong type).',
  },
  UNSUPPORTED_TYPE: { status: 400, message: 'The call type is not a Segment spec call type.' },
  CALL_TOO_LARGE: { status: 413, message: 'A Segment call holds at most 32 KB.' },
  IDENTITY_CONFLICT: {
    status: 409,
    message: "The call's email belongs to a person with another userId; nothing was changed.",
  },
  INGESTION_BUSY: {
    status: 429,
    message: 'Ingestion is saturated; retry after the Retry-After delay.',
  },
  TRACKING_TOKEN_INVALID: { status: 404, message: 'This link is not valid.' },
  OUTBOX_MESSAGE_NOT_FOUND: { status: 404, message: 'The outbox message does not exist.' },
  OUTBOX_MESSAGE_NOT_DEAD: { status: 409, message: 'Only a dead message can be retried.' },
  USER_NOT_FOUND: { status: 404, message: 'The user does not exist.' },
  LAST_ADMIN: {
    status: 409,
    message: 'The last admin cannot be removed, disabled or demoted.',
  },
  CURRENT_PASSWORD_WRONG: { status: 422, message: 'The current password is wrong.' },
  EMAIL_NOT_CONFIGURED: { status: 409, message: 'No SMTP server is configured (SMTP_URL).' },
  SMS_NOT_CONFIGURED: {
    status: 409,
    message: 'No SMS provider is configured (SMS_PROVIDER_URL).',
  },
  TEST_SEND_FAILED: { status: 502, message: 'The provider refused or did not answer the test.' },
  // Reports and delivery events (issue 12).
  DELIVERY_SOURCE_NOT_CONFIGURED: {
    status: 404,
    message: 'This delivery-event source is not configured on this server.',
  },
  DELIVERY_SIGNATURE_INVALID: {
    status: 401,
    message: 'The signature of the delivery event is missing, wrong or too old.',
  },
  SNS_TOPIC_NOT_ALLOWED: { status: 403, message: 'The SNS topic is not configured.' },
  SNS_SIGNATURE_INVALID: { status: 401, message: 'The SNS signature does not verify.' },
  TOO_MANY_REQUESTS: { status: 429, message: 'Too many requests; wait and retry.' },
  DATABASE_UNAVAILABLE: {
    status: 503,
    message: 'The database is not available right now (restarting or unreachable); retry shortly.',
  },
  INTERNAL: { status: 500, message: 'Something went wrong on our side.' },
  NOT_READY: { status: 503, message: 'The database does not answer.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** The body of every error response (for route schemas and OpenAPI). */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export function errorBody(code: ErrorCode, message?: string, details?: unknown): ErrorBody {
  return {
    error: {
      code,
      message: message ?? errorCatalogue[code].message,
      ...(details === undefined ? {} : { details }),
    },
  };
}

/** Sends a catalogued error with the catalogue's status. */
export function sendError(
  reply: FastifyReply,
  code: ErrorCode,
  message?: string,
  details?: unknown,
) {
  return reply.code(errorCatalogue[code].status).send(errorBody(code, message, details));
}

/** Route response schemas for the given error codes, keyed by their statuses. */
export function errorResponses(...codes: ErrorCode[]): Record<number, typeof ErrorBody> {
  return Object.fromEntries(codes.map((code) => [errorCatalogue[code].status, ErrorBody]));
}

/** What a 503 DATABASE_UNAVAILABLE (and /readyz) tells clients to wait before retrying. */
export const databaseRetryAfterSeconds = 5;

/** Fastify's own error codes for bad input, and what we answer instead. */
const fastifyCodes: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
};

function codeForStatus(status: number): ErrorCode {
  if (status === 404) return 'NOT_FOUND';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 429) return 'TOO_MANY_REQUESTS';
  return 'BAD_REQUEST';
}

/**
 * Maps every thrown error to the catalogue: bad input is always a 4xx with a code (never a
 * 500); the database away is 503 DATABASE_UNAVAILABLE with `Retry-After`; anything else is a
 * bug, logged, and answered 500 INTERNAL without its details.
 */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((v) => ({
      path: `${error.validationContext ?? ''}${v.instancePath}`.replace(/\//g, '.'),
      message: v.message,
    }));
    const first = details[0];
    const message = first ? `${first.path}: ${first.message}` : undefined;
    return sendError(reply, 'VALIDATION_FAILED', message, details);
  }
  if (isResponseSerializationError(error)) {
    request.log.error(
      { err: error, issues: error.cause.issues },
      'response does not match its schema',
    );
    return sendError(reply, 'INTERNAL');
  }
  if (isDatabaseUnavailable(error)) {
    // Not a bug: the database is restarting or unreachable, and the request can simply be
    // repeated once it is back. Nothing was half-written: its transaction rolled back.
    request.log.warn({ err: error }, 'database unavailable');
    reply.header('retry-after', String(databaseRetryAfterSeconds));
    return sendError(reply, 'DATABASE_UNAVAILABLE');
  }
  // SQLSTATE class 22 (data exception: a NUL byte in text, a number out of range, …) is input
  // that reached the database unchecked: the caller's mistake, not ours.
  if (typeof error.code === 'string' && /^22[0-9A-Z]{3}$/.test(error.code)) {
    request.log.warn({ err: error }, 'input the database refused');
    return sendError(reply, 'BAD_REQUEST', 'The request holds a value that cannot be stored.');
  }
  const mapped = error.code ? fastifyCodes[error.code] : undefined;
  if (mapped) return sendError(reply, mapped, error.message);
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return sendError(reply, codeForStatus(status), error.message);
  request.log.error({ err: error }, 'unhandled error');
  return sendError(reply, 'INTERNAL');
}

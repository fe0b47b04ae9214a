/**
 * Whether an error means "the database is away" (restarting, unreachable, shutting down) rather
 * than "this statement is wrong". Such errors pass: the engine's loops pause and try again, a
 * sent message's settlement waits for the database, and the API answers 503
 * DATABASE_UNAVAILABLE instead of 500. Only PostgreSQL produces them; an embedded SQLite file
 * does not go away.
 */

/** Socket errors of a connection that was refused, reset or timed out (Node's `code`). */
const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01 admin_shutdown (`pg_ctl -m
 * fast`), 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up or shutting down), 53300
 * too_many_connections (a restart storm).
 */
const sqlStates = new Set(['57P01', '57P02', '57P03', '53300']);

/** What `pg` says, without a code, about a connection that ended under it. */
const pgMessages = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
  'the database system is',
];

function isUnavailableOne(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (socketCodes.has(code) || sqlStates.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  const message = (error as { message?: unknown }).message;
  return typeof message === 'string' && pgMessages.some((m) => message.startsWith(m));
}

/** True when `error` (or its cause, or one of an AggregateError's errors) is the database away. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 4 || typeof error !== 'object' || error === null) return false;
  if (isUnavailableOne(error)) return true;
  const { cause, errors } = error as { cause?: unknown; errors?: unknown };
  if (cause !== undefined && isDatabaseUnavailable(cause, depth + 1)) return true;
  return Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1));
}

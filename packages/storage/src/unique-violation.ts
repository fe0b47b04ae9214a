/** Whether a thrown database error is a unique-key conflict, in whichever dialect threw it. */
import { isPostgresUniqueViolation } from './dialects/postgres/unique-violation.ts';
import { isSqliteUniqueViolation } from './dialects/sqlite/unique-violation.ts';

export function isUniqueViolation(error: unknown): boolean {
  return isSqliteUniqueViolation(error) || isPostgresUniqueViolation(error);
}

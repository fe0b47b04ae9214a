/** SQLSTATE 23505 is `unique_violation`, for unique indexes and primary keys alike. */
const UNIQUE_VIOLATION = '23505';

export function isPostgresUniqueViolation(error: unknown): boolean {
  return (
    error instanceof Error &&
    'code' in error &&
    error.code === UNIQUE_VIOLATION &&
    // pg's DatabaseError carries `severity`; SQLite errors never do, so the codes cannot clash.
    'severity' in error
  );
}

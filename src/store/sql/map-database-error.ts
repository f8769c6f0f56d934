import { HiloError } from '../../core/errors.js';

/**
 * Turns a database error into a HiloError: constraint violations (SQLite `SQLITE_CONSTRAINT_*`,
 * PostgreSQL SQLSTATE class 23) become CONFLICT, everything else INTERNAL; the original error is
 * kept as `cause`. A HiloError passes through unchanged.
 * @example catch (error) { throw mapDatabaseError(error, 'addVotes') }
 * Complexity: O(1).
 */
export function mapDatabaseError(error: unknown, operation: string): HiloError {
  if (error instanceof HiloError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = isConstraintViolation(error) ? 'CONFLICT' : 'INTERNAL';
  return new HiloError(code, `store ${operation}: ${message}`, undefined, { cause: error });
}

function isConstraintViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = error.code;
  if (typeof code !== 'string') return false;
  return code.startsWith('SQLITE_CONSTRAINT') || /^23[0-9A-Z]{3}$/.test(code);
}

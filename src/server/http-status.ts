import type { ErrorCode } from '../core/errors.js';

const STATUS: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  BUDGET_EXCEEDED: 402,
  MODEL_UNAVAILABLE: 503,
  MODEL_OUTPUT: 502,
  TIMEOUT: 504,
  INTERRUPTED: 503,
  INTERNAL: 500,
};

/**
 * The HTTP status of a neutral error code: the only place the server maps them.
 * @example httpStatus('NOT_FOUND') // 404
 * Complexity: O(1).
 */
export function httpStatus(code: ErrorCode): number {
  return STATUS[code];
}

import type { ErrorCode } from '../core/errors.js';

/** Process exit codes for the neutral error codes; documented in the README. */
export const EXIT_CODES: Record<ErrorCode, number> = {
  INTERNAL: 1,
  INVALID_INPUT: 2,
  NOT_FOUND: 3,
  CONFLICT: 4,
  BUDGET_EXCEEDED: 5,
  MODEL_UNAVAILABLE: 6,
  MODEL_OUTPUT: 6,
  TIMEOUT: 7,
  INTERRUPTED: 130,
};

/** `hilo audit --fail-on-alarm` when a batch is in alarm ("anything else" in the README's table). */
export const ALARM_EXIT_CODE = 1;

/** `hilo route --fail-on-broken-promise` when test items refute the promise. */
export const BROKEN_PROMISE_EXIT_CODE = 8;

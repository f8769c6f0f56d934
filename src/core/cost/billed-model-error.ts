import { HiloError, type ErrorCode } from '../errors.js';
import type { ChatUsage } from '../ports/chat-model.js';

/**
 * A model call that failed after the provider had billed answers it could not use (HTTP 200s
 * without choices or content, retried until the retries ran out): `billed` is their usage, so
 * the caller still costs it. Thrown by the chat model adapter; any other HiloError billed nothing.
 * @example throw new BilledModelError('MODEL_UNAVAILABLE', 'unexpected response body', { promptTokens: 30, completionTokens: 2 })
 */
export class BilledModelError extends HiloError {
  readonly billed: ChatUsage;
  constructor(code: ErrorCode, message: string, billed: ChatUsage, options?: { cause?: unknown }) {
    super(code, message, undefined, options);
    this.name = 'BilledModelError';
    this.billed = billed;
  }
}

/**
 * The usage billed for a failed call: that of a BilledModelError, else none.
 * @example billedUsage(error) // { promptTokens: 30, completionTokens: 2 }
 * Complexity: O(1).
 */
export function billedUsage(error: unknown): ChatUsage | null {
  return error instanceof BilledModelError ? error.billed : null;
}

/**
 * The same failure for a caller that did not pay for it (it waited on another caller's identical
 * request): a plain HiloError, so its usage is costed once.
 * @example throw unbilled(error)
 * Complexity: O(1).
 */
export function unbilled(error: unknown): unknown {
  if (!(error instanceof BilledModelError)) return error;
  return new HiloError(error.code, error.message, undefined, { cause: error });
}

import { type ErrorCode, HiloError } from '../core/errors.js';
import { isRecord } from './is-record.js';

/**
 * Whether a failed HTTP status is worth another try: rate limits (429), request timeouts
 * (408) and server errors (5xx). Other 4xx mean the request itself is wrong and would fail again.
 * @example isRetryableStatus(503); // true
 * Complexity: O(1).
 */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}

/**
 * The error for a status that will not be retried: a malformed or oversized request (400,
 * 413, 422 — e.g. a prompt over the context size) is the caller's input; anything else
 * (401, 403, 404, ...) means the model cannot be reached as configured.
 * @example errorForStatus(400, 'the request exceeds the available context size');
 * Complexity: O(1).
 */
export function errorForStatus(status: number, serverMessage: string): HiloError {
  return new HiloError(codeForStatus(status), `model server answered ${status}: ${serverMessage}`);
}

/**
 * The error code of a final (not retried, or retried in vain) HTTP status; see `errorForStatus`.
 * @example codeForStatus(413); // 'INVALID_INPUT'
 * Complexity: O(1).
 */
export function codeForStatus(status: number): ErrorCode {
  return status === 400 || status === 413 || status === 422 ? 'INVALID_INPUT' : 'MODEL_UNAVAILABLE';
}

/**
 * The human-readable message in an error body: `{ error: { message } }` (OpenAI, llama.cpp,
 * vLLM), `{ error: "..." }` (Ollama), `{ message }`, else the start of the text itself.
 * @example serverErrorMessage('{"error":{"code":400,"message":"too long"}}'); // 'too long'
 * Complexity: O(length of the body).
 */
export function serverErrorMessage(body: string): string {
  try {
    const json: unknown = JSON.parse(body);
    if (isRecord(json)) {
      const error = json['error'];
      if (isRecord(error) && typeof error['message'] === 'string') return error['message'];
      if (typeof error === 'string') return error;
      if (typeof json['message'] === 'string') return json['message'];
    }
  } catch {
    // Not JSON: fall through to the raw text.
  }
  const text = body.trim();
  if (text === '') return '(empty body)';
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

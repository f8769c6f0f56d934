import type { ErrorCode } from '../core/errors.js';
import { codeForStatus, isRetryableStatus, serverErrorMessage } from './model-error.js';
import { type HeaderReader, retryAfterMs } from './retry-delay.js';

/** The slice of `fetch` the adapter needs; the global `fetch` satisfies it. */
export type FetchLike = (
  url: string,
  init: {
    method: 'POST';
    headers: Record<string, string>;
    body: string;
    signal: AbortSignal;
  },
) => Promise<{ status: number; headers: HeaderReader; text(): Promise<string> }>;

/** What one attempt needs besides the body; fixed for the life of a model. */
export interface AttemptOptions {
  readonly fetch: FetchLike;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly timeoutMs: number;
  readonly now: () => number;
}

/** A response body read and checked, or why it could not be (the adapter retries, then fails). */
export type BodyParse<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** A failed HTTP attempt: whether to retry, and the error it would end in. */
export interface AttemptFailure {
  readonly ok: false;
  readonly retryable: boolean;
  readonly code: ErrorCode;
  /** Short cause, for logs and the final error. */
  readonly reason: string;
  readonly status?: number;
  readonly retryAfterMs?: number;
}

/** What one HTTP attempt came to. */
export type AttemptOutcome<T> =
  { readonly ok: true; readonly value: T; readonly latencyMs: number } | AttemptFailure;

/**
 * Sends one JSON POST (chat completions, embeddings) and classifies the result without
 * throwing: the body as `parse` read it, or a failure that says whether to retry (429, 408,
 * 5xx, network error, timeout, unreadable body) and which error code it would end in. The
 * timeout covers reading the body.
 * @example const outcome = await attemptJsonPost(JSON.stringify(body), options, parseChatCompletionsResponse);
 * Complexity: O(size of the response body) plus `parse`.
 */
export async function attemptJsonPost<T>(
  body: string,
  options: AttemptOptions,
  parse: (json: unknown) => BodyParse<T>,
): Promise<AttemptOutcome<T>> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const started = options.now();
  try {
    const response = await options.fetch(options.url, {
      method: 'POST',
      headers: options.headers,
      body,
      signal: controller.signal,
    });
    const text = await response.text();
    const latencyMs = options.now() - started;
    if (response.status < 200 || response.status >= 300) {
      const message = serverErrorMessage(text);
      const retryable = isRetryableStatus(response.status);
      const wait = retryAfterMs(response.headers, options.now());
      return {
        ok: false,
        retryable,
        code: codeForStatus(response.status),
        reason: `model server answered ${response.status}: ${message}`,
        status: response.status,
        ...(wait !== undefined && { retryAfterMs: wait }),
      };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return malformed(`the response body is not JSON: ${snippet(text)}`);
    }
    const parsed = parse(json);
    if (!parsed.ok) return malformed(`unexpected response body (${parsed.reason})`);
    return { ok: true, value: parsed.value, latencyMs };
  } catch (error) {
    if (timedOut) {
      return {
        ok: false,
        retryable: true,
        code: 'TIMEOUT',
        reason: `no answer within ${options.timeoutMs} ms`,
      };
    }
    return {
      ok: false,
      retryable: true,
      code: 'MODEL_UNAVAILABLE',
      reason: `cannot reach the model server at ${options.url}: ${describe(error)}`,
    };
  } finally {
    clearTimeout(timer);
  }
}

function malformed(reason: string): AttemptFailure {
  return { ok: false, retryable: true, code: 'MODEL_UNAVAILABLE', reason };
}

function snippet(text: string): string {
  const t = text.trim();
  return JSON.stringify(t.length > 80 ? `${t.slice(0, 80)}…` : t);
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    // undici hides the socket error (ECONNREFUSED, ...) in `cause`.
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

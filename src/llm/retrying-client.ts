import { HiloError } from '../core/errors.js';
import type { Clock } from '../core/ports/runtime.js';
import {
  type AttemptFailure,
  type AttemptOutcome,
  type BodyParse,
  type FetchLike,
  attemptJsonPost,
} from './http-attempt.js';
import { createNodeHttpTransport } from './node-http-transport.js';
import { createRateLimiter } from './rate-limiter.js';
import { backoffMs } from './retry-delay.js';
import { createSemaphore } from './semaphore.js';

/** A retry about to happen, for logging. */
export interface RetryEvent {
  /** 1 for the first retry. */
  readonly attempt: number;
  readonly maxRetries: number;
  readonly delayMs: number;
  readonly reason: string;
  readonly status?: number;
}

/** How requests reach an OpenAI-compatible server; shared by the chat and embeddings adapters. */
export interface HttpClientOptions {
  /** `http://host:port`, `http://host:port/v1` or a proxy path; see `apiUrl`. */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer ...` when present. */
  readonly apiKey?: string;
  /** Per attempt, including reading the body. Default 60 000. */
  readonly timeoutMs?: number;
  /** Retries after the first attempt. Default 5. */
  readonly maxRetries?: number;
  /** Requests in flight at once. Default 8. */
  readonly concurrency?: number;
  /** 0 or absent = unlimited. */
  readonly requestsPerMinute?: number;
  /** 0 or absent = unlimited. */
  readonly tokensPerMinute?: number;
  /** Extra headers (e.g. for a gateway). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Backoff ceiling of the first retry (full jitter, doubling). Default 500. */
  readonly backoffBaseMs?: number;
  /** Longest wait between attempts, also capping `Retry-After`. Default 60 000. */
  readonly backoffMaxMs?: number;
  readonly onRetry?: (event: RetryEvent) => void;
  readonly clock?: Clock;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Uniform in [0, 1), for the jitter. */
  readonly random?: () => number;
  /** The HTTP client; default `createNodeHttpTransport` (the global `fetch` also fits). */
  readonly fetch?: FetchLike;
}

/** One request to send: its body, its estimated tokens (for the limit) and how to read the answer. */
export interface ClientRequest<T> {
  readonly body: string;
  readonly estimatedTokens: number;
  readonly parse: (json: unknown) => BodyParse<T>;
  /**
   * Re-reads a failed attempt before the retry decision, for servers whose status misleads
   * (llama.cpp answers 500 to an input over its batch size, which no retry can fix).
   */
  readonly refine?: (failure: AttemptFailure) => AttemptFailure;
}

/** Sends JSON requests to one endpoint under the limits, retrying as described. */
export interface RetryingClient {
  /** The parsed answer and the duration of the attempt that succeeded. */
  send<T>(request: ClientRequest<T>): Promise<{ readonly value: T; readonly latencyMs: number }>;
  /** Books the difference once the true token count is known (`actual - estimated`). */
  reconcileTokens(delta: number): void;
}

/**
 * The request policy of the OpenAI-compatible adapters. Each attempt first waits for the rate
 * limits, then for a concurrency slot, which it holds only while the request is in flight (not
 * while backing off). Retries, with exponential backoff and full jitter or the server's
 * `Retry-After`, cover 429, 408, 5xx, network errors, timeouts and unreadable bodies; other 4xx
 * fail at once (400, 413, 422 as INVALID_INPUT with the server's message, the rest
 * MODEL_UNAVAILABLE). When retries run out the error is TIMEOUT if the last attempt timed out,
 * else MODEL_UNAVAILABLE.
 * @example
 * const client = createRetryingClient(apiUrl(options.baseUrl, 'embeddings'), options);
 * const { value } = await client.send({ body, estimatedTokens: 100, parse });
 * Complexity: O(size of request and response) per call, plus waiting.
 * @throws HiloError INVALID_INPUT on impossible options (retries, concurrency, timeout).
 */
export function createRetryingClient(url: string, options: HttpClientOptions): RetryingClient {
  const clock = options.clock ?? { now: () => Date.now() };
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const maxRetries = options.maxRetries ?? 5;
  const backoff = { baseMs: options.backoffBaseMs ?? 500, maxMs: options.backoffMaxMs ?? 60_000 };
  const concurrency = options.concurrency ?? 8;
  const timeoutMs = options.timeoutMs ?? 60_000;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) {
    throw new HiloError(
      'INVALID_INPUT',
      `maxRetries must be a whole number ≥ 0, got ${maxRetries}`,
    );
  }
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new HiloError(
      'INVALID_INPUT',
      `concurrency must be a whole number ≥ 1, got ${concurrency}`,
    );
  }
  if (!(timeoutMs > 0))
    throw new HiloError('INVALID_INPUT', `timeoutMs must be > 0, got ${timeoutMs}`);
  const slots = createSemaphore(concurrency);
  const limiter = createRateLimiter({
    ...(options.requestsPerMinute !== undefined && {
      requestsPerMinute: options.requestsPerMinute,
    }),
    ...(options.tokensPerMinute !== undefined && { tokensPerMinute: options.tokensPerMinute }),
    clock,
    sleep,
  });
  const attemptOptions = {
    fetch: options.fetch ?? createNodeHttpTransport({ maxSockets: concurrency }),
    url,
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(options.apiKey && { authorization: `Bearer ${options.apiKey}` }),
      ...options.headers,
    },
    timeoutMs,
    now: () => clock.now(),
  };

  const send = async <T>(
    request: ClientRequest<T>,
  ): Promise<{ readonly value: T; readonly latencyMs: number }> => {
    let last: AttemptOutcome<T> | undefined;
    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      if (last && !last.ok) {
        const delayMs = Math.min(
          last.retryAfterMs ?? backoffMs(attempt - 1, backoff, random),
          backoff.maxMs,
        );
        options.onRetry?.({
          attempt,
          maxRetries,
          delayMs,
          reason: last.reason,
          ...(last.status !== undefined && { status: last.status }),
        });
        await sleep(delayMs);
      }
      await limiter.acquire(request.estimatedTokens);
      const release = await slots.acquire();
      try {
        last = await attemptJsonPost(request.body, attemptOptions, request.parse);
      } finally {
        release();
      }
      if (last.ok) return { value: last.value, latencyMs: last.latencyMs };
      if (request.refine) last = request.refine(last);
      if (!last.retryable) throw new HiloError(last.code, last.reason);
    }
    // The loop runs at least once and returns on success, so `last` is a failure here.
    if (!last || last.ok) throw new HiloError('INTERNAL', 'retry loop ended without an outcome');
    const tries = maxRetries + 1;
    throw new HiloError(
      last.code,
      `${last.reason} (after ${tries} attempt${tries === 1 ? '' : 's'})`,
    );
  };
  return { send, reconcileTokens: (delta) => limiter.reconcile(delta) };
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

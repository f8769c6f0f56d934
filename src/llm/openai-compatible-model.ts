import { HiloError } from '../core/errors.js';
import type {
  ChatModel,
  ChatRequest,
  ChatResponse,
  ResponseCache,
} from '../core/ports/chat-model.js';
import type { Clock } from '../core/ports/runtime.js';
import { withResponseCache } from './cached-model.js';
import { chatCompletionsUrl, toChatCompletionsBody } from './chat-completions-body.js';
import { completionUsage, estimateTokens } from './completion-usage.js';
import { type AttemptOutcome, type FetchLike, attemptChatCompletion } from './http-attempt.js';
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

/** Options of `createOpenAiCompatibleModel`; only `baseUrl` is required. */
export interface OpenAiCompatibleModelOptions {
  /** `http://host:port`, `http://host:port/v1` or a proxy path; see `chatCompletionsUrl`. */
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
  /** Persistent cache: a request already answered is not sent again. */
  readonly cache?: ResponseCache;
  /** Mixed into cache keys: set it when one model name may serve different weights. */
  readonly cacheScope?: string;
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

/**
 * A ChatModel over any OpenAI-compatible `/v1/chat/completions` server (OpenAI, vLLM, Ollama,
 * llama.cpp's llama-server). Each attempt first waits for the rate limits, then for a
 * concurrency slot, which it holds only while the request is in flight (not while backing off).
 * Retries, with exponential backoff and full jitter or the server's `Retry-After`, cover 429,
 * 408, 5xx, network errors, timeouts and unreadable bodies; other 4xx fail at once (400, 413,
 * 422 as INVALID_INPUT with the server's message, the rest MODEL_UNAVAILABLE). When retries
 * run out the error is TIMEOUT if the last attempt timed out, else MODEL_UNAVAILABLE.
 * `latencyMs` is the duration of the attempt that succeeded. Usage is corrected to count all
 * choices (`completionUsage`). With a cache, see `withResponseCache`.
 * @example
 * const model = createOpenAiCompatibleModel({ baseUrl: 'http://127.0.0.1:8080', concurrency: 4 });
 * const answer = await model.complete({ model: 'local', messages, topLogprobs: 5, maxTokens: 1 });
 * Complexity: O(size of request and response) per call, plus waiting.
 */
export function createOpenAiCompatibleModel(options: OpenAiCompatibleModelOptions): ChatModel {
  const url = chatCompletionsUrl(options.baseUrl);
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

  const complete = async (request: ChatRequest): Promise<ChatResponse> => {
    const body = JSON.stringify(toChatCompletionsBody(request));
    // Providers book max_tokens × n against the token limit up front; so do we, then reconcile.
    const estimate = estimateTokens(request.messages) + (request.maxTokens ?? 0) * (request.n ?? 1);
    let last: AttemptOutcome | undefined;
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
      await limiter.acquire(estimate);
      const release = await slots.acquire();
      try {
        last = await attemptChatCompletion(body, attemptOptions);
      } finally {
        release();
      }
      if (last.ok) {
        const usage = completionUsage(
          last.completion.usage,
          last.completion.choices,
          request.messages,
        );
        limiter.reconcile(usage.promptTokens + usage.completionTokens - estimate);
        return {
          choices: last.completion.choices,
          usage,
          cached: false,
          latencyMs: last.latencyMs,
        };
      }
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

  const model: ChatModel = { complete };
  if (!options.cache) return model;
  return withResponseCache(model, {
    cache: options.cache,
    ...(options.cacheScope !== undefined && { scope: options.cacheScope }),
  });
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

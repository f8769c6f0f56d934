import type {
  ChatModel,
  ChatRequest,
  ChatResponse,
  ResponseCache,
} from '../core/ports/chat-model.js';
import { BilledModelError } from '../core/cost/billed-model-error.js';
import { HiloError } from '../core/errors.js';
import { withResponseCache } from './cached-model.js';
import { chatCompletionsUrl, toChatCompletionsBody } from './chat-completions-body.js';
import {
  parseChatCompletionsResponse,
  reportedUsage,
  type ParsedCompletion,
} from './chat-completions-response.js';
import { completionUsage, estimateTokens } from './completion-usage.js';
import { createRetryingClient, type HttpClientOptions } from './retrying-client.js';

export type { RetryEvent } from './retrying-client.js';

/** Options of `createOpenAiCompatibleModel`; only `baseUrl` is required. */
export interface OpenAiCompatibleModelOptions extends HttpClientOptions {
  /** Persistent cache: a request already answered is not sent again. */
  readonly cache?: ResponseCache;
  /** Mixed into cache keys: set it when one model name may serve different weights. */
  readonly cacheScope?: string;
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
 * choices (`completionUsage`), and includes what the provider billed for answers that could
 * not be used and were retried (HTTP 200s with `usage` but without choices or content): every
 * billed token is costed. When the call fails in the end, such tokens come with the error
 * (`BilledModelError`). With a cache, see `withResponseCache`.
 * @example
 * const model = createOpenAiCompatibleModel({ baseUrl: 'http://127.0.0.1:8080', concurrency: 4 });
 * const answer = await model.complete({ model: 'local', messages, topLogprobs: 5, maxTokens: 1 });
 * Complexity: O(size of request and response) per call, plus waiting.
 */
export function createOpenAiCompatibleModel(options: OpenAiCompatibleModelOptions): ChatModel {
  const client = createRetryingClient(chatCompletionsUrl(options.baseUrl), options);

  const complete = async (request: ChatRequest): Promise<ChatResponse> => {
    // Providers book max_tokens × n against the token limit up front; so do we, then reconcile.
    const estimate = estimateTokens(request.messages) + (request.maxTokens ?? 0) * (request.n ?? 1);
    const unusable = { promptTokens: 0, completionTokens: 0 };
    const parse = (json: unknown) => {
      const parsed = parseChatCompletionsResponse(json);
      const billed = parsed.ok ? null : reportedUsage(json);
      if (billed !== null) {
        const promptTokens = billed.promptTokens ?? estimateTokens(request.messages);
        const completionTokens = billed.completionTokens ?? 0;
        unusable.promptTokens += promptTokens;
        unusable.completionTokens += completionTokens;
        client.reconcileTokens(promptTokens + completionTokens - estimate);
      }
      return parsed;
    };
    let sent: Awaited<ReturnType<typeof client.send<ParsedCompletion>>>;
    try {
      sent = await client.send({
        body: JSON.stringify(toChatCompletionsBody(request)),
        estimatedTokens: estimate,
        parse,
      });
    } catch (error) {
      const billed = unusable.promptTokens + unusable.completionTokens > 0;
      if (!billed || !(error instanceof HiloError)) throw error;
      throw new BilledModelError(error.code, error.message, unusable, { cause: error });
    }
    const { value, latencyMs } = sent;
    const usage = completionUsage(value.usage, value.choices, request.messages);
    client.reconcileTokens(usage.promptTokens + usage.completionTokens - estimate);
    return {
      choices: value.choices,
      usage: {
        promptTokens: usage.promptTokens + unusable.promptTokens,
        completionTokens: usage.completionTokens + unusable.completionTokens,
      },
      cached: false,
      latencyMs,
    };
  };

  const model: ChatModel = { complete };
  if (!options.cache) return model;
  return withResponseCache(model, {
    cache: options.cache,
    ...(options.cacheScope !== undefined && { scope: options.cacheScope }),
  });
}

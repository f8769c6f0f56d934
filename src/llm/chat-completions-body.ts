import { HiloError } from '../core/errors.js';
import type { ChatRequest } from '../core/ports/chat-model.js';
import { apiUrl } from './api-url.js';

/** The JSON body of `POST /v1/chat/completions`, as hilo sends it. */
export interface ChatCompletionsBody {
  readonly model: string;
  readonly messages: readonly { readonly role: string; readonly content: string }[];
  readonly temperature?: number;
  readonly max_tokens?: number;
  readonly n?: number;
  readonly logprobs?: boolean;
  readonly top_logprobs?: number;
  readonly response_format?: {
    readonly type: 'json_schema';
    readonly json_schema: { readonly name: string; readonly schema: Record<string, unknown> };
  };
  readonly seed?: number;
}

/**
 * Maps a provider-neutral request to the wire body. Optional parameters are left out rather
 * than sent as defaults, so equal requests give equal bodies (the cache key is built from it).
 * `top_logprobs` is only ever sent with `logprobs: true`: llama.cpp answers 400 otherwise.
 * @example toChatCompletionsBody({ model: 'm', messages: [{ role: 'user', content: 'hi' }], topLogprobs: 5 });
 * // { model: 'm', messages: [...], logprobs: true, top_logprobs: 5 }
 * Complexity: O(messages).
 */
export function toChatCompletionsBody(request: ChatRequest): ChatCompletionsBody {
  const n = request.n ?? 1;
  const top = request.topLogprobs ?? 0;
  if (!Number.isInteger(n) || n < 1) {
    throw new HiloError('INVALID_INPUT', `n must be a positive integer, got ${n}`);
  }
  if (!Number.isInteger(top) || top < 0) {
    throw new HiloError('INVALID_INPUT', `topLogprobs must be a non-negative integer, got ${top}`);
  }
  return {
    model: request.model,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    ...(request.temperature !== undefined && { temperature: request.temperature }),
    ...(request.maxTokens !== undefined && { max_tokens: request.maxTokens }),
    ...(n > 1 && { n }),
    ...(top > 0 && { logprobs: true, top_logprobs: top }),
    ...(request.jsonSchema && {
      response_format: {
        type: 'json_schema' as const,
        json_schema: { name: request.jsonSchema.name, schema: request.jsonSchema.schema },
      },
    }),
    ...(request.seed !== undefined && { seed: request.seed }),
  };
}

/**
 * The chat-completions URL of a server given as `http://host:port`, `http://host:port/v1` or
 * the full endpoint; see `apiUrl`.
 * @example chatCompletionsUrl('http://127.0.0.1:8080'); // 'http://127.0.0.1:8080/v1/chat/completions'
 * Complexity: O(length).
 */
export function chatCompletionsUrl(baseUrl: string): string {
  return apiUrl(baseUrl, 'chat/completions');
}

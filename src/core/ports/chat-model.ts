/** One message of a chat conversation. */
export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/** A JSON schema the answer must follow (`response_format: json_schema`). */
export interface JsonSchemaFormat {
  readonly name: string;
  readonly schema: Record<string, unknown>;
}

/** A provider-neutral chat-completions request. */
export interface ChatRequest {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly temperature?: number;
  readonly maxTokens?: number;
  /** Number of choices (self-consistency samples). */
  readonly n?: number;
  /** Ask for token logprobs with this many alternatives per position (0 = none requested). */
  readonly topLogprobs?: number;
  readonly jsonSchema?: JsonSchemaFormat;
  readonly seed?: number;
}

/** One alternative at a token position. */
export interface TokenAlternative {
  readonly token: string;
  readonly logprob: number;
}

/** The sampled token at one position, with its alternatives. */
export interface TokenLogprob {
  readonly token: string;
  readonly logprob: number;
  readonly top: readonly TokenAlternative[];
}

export interface ChatChoice {
  readonly content: string;
  readonly finishReason: string | null;
  /** Per-token logprobs of the content, when the provider returned them. */
  readonly logprobs: readonly TokenLogprob[] | null;
}

export interface ChatUsage {
  readonly promptTokens: number;
  /** Completion tokens over ALL choices (corrected where a provider counts only one). */
  readonly completionTokens: number;
}

export interface ChatResponse {
  readonly choices: readonly ChatChoice[];
  /**
   * Every token billed for this call: the answer's, plus those of answers the provider billed
   * but that could not be used and were retried (stored with the answer, so a cache hit repeats it).
   */
  readonly usage: ChatUsage;
  /** True when served from the persistent cache (nothing paid). */
  readonly cached: boolean;
  readonly latencyMs: number;
}

/**
 * A chat model behind an OpenAI-compatible API. The adapter handles retries, rate limits,
 * timeouts and the cache; callers see one answer or a HiloError (`MODEL_UNAVAILABLE`, `TIMEOUT`).
 */
export interface ChatModel {
  complete(request: ChatRequest): Promise<ChatResponse>;
}

/**
 * A persistent cache of model responses keyed by the whole request, so a resumed run pays for
 * no request twice. The store implements it (`cacheGet` / `cachePut`).
 */
export interface ResponseCache {
  get(key: string): Promise<string | undefined>;
  put(key: string, value: string): Promise<void>;
}

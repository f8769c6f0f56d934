import type { ChatCompletionsBody } from '../../llm/chat-completions-body.js';

/** One generated token with the alternatives the fake model "considered" (probabilities). */
export interface FakeToken {
  readonly token: string;
  readonly logprob: number;
  /** Alternatives with their log-probabilities, most likely first; the server cuts to `top_logprobs`. */
  readonly top: readonly { readonly token: string; readonly logprob: number }[];
}

/** One choice of a fake completion. */
export interface FakeChoice {
  readonly text: string;
  /** The tokens of `text`; by default one per whitespace-led word, each with probability 0.99. */
  readonly tokens?: readonly FakeToken[];
  readonly finishReason?: string;
}

/** What the fake server does with one request. `delayMs` holds the answer back (latency, timeouts). */
export type FakeReply =
  | {
      readonly type: 'completion';
      readonly choices: readonly FakeChoice[];
      /** Replaces the usage the server would compute; null leaves `usage` out. */
      readonly usage?: {
        readonly prompt_tokens: number;
        readonly completion_tokens: number;
      } | null;
      /** Send logprobs in the legacy completions arrays shape. */
      readonly legacyLogprobs?: boolean;
      readonly delayMs?: number;
    }
  | {
      readonly type: 'error';
      readonly status: number;
      readonly message?: string;
      readonly errorType?: string;
      readonly headers?: Readonly<Record<string, string>>;
      readonly delayMs?: number;
    }
  | { readonly type: 'malformed'; readonly delayMs?: number }
  | {
      readonly type: 'raw';
      readonly status: number;
      readonly body: string;
      readonly headers?: Readonly<Record<string, string>>;
      readonly delayMs?: number;
    };

/** A reply that is not a completion, so it also fits the embeddings endpoint. */
export type FakeFailureReply = Exclude<FakeReply, { readonly type: 'completion' }>;

/** Decides the reply to the `index`-th request (0-based, counting every request received). */
export type FakeResponder = (
  body: ChatCompletionsBody,
  index: number,
) => FakeReply | Promise<FakeReply>;

/**
 * A token whose alternatives are given as probabilities (they need not sum to 1: the rest is
 * mass on tokens not listed). The token's own probability is its entry, or 1 when absent.
 * @example fakeToken(' A', { ' A': 0.7, ' B': 0.2, ' C': 0.05 });
 * Complexity: O(k log k) for k alternatives.
 */
export function fakeToken(
  token: string,
  alternatives: Readonly<Record<string, number>> = {},
): FakeToken {
  const top = Object.entries(alternatives)
    .map(([t, p]) => ({ token: t, logprob: Math.log(p) }))
    .sort((a, b) => b.logprob - a.logprob);
  if (!(token in alternatives)) top.unshift({ token, logprob: 0 });
  return { token, logprob: Math.log(alternatives[token] ?? 1), top };
}

/**
 * A completion with one choice per text (or per given choice).
 * @example fakeAnswer('A'); fakeAnswer(['A', 'B', 'A']); fakeAnswer([{ text: ' A', tokens: [fakeToken(' A', { ' A': 0.6, ' B': 0.4 })] }]);
 * Complexity: O(choices).
 */
export function fakeAnswer(
  choices: string | readonly (string | FakeChoice)[],
  options: {
    readonly usage?: { prompt_tokens: number; completion_tokens: number } | null;
    readonly delayMs?: number;
    readonly legacyLogprobs?: boolean;
  } = {},
): FakeReply {
  const list = typeof choices === 'string' ? [choices] : choices;
  return {
    type: 'completion',
    choices: list.map((c) => (typeof c === 'string' ? { text: c } : c)),
    ...options,
  };
}

/**
 * A 429 with `Retry-After` (seconds or an HTTP date) and/or `retry-after-ms`.
 * @example rateLimited({ retryAfter: '2' });
 * Complexity: O(1).
 */
export function rateLimited(
  options: { readonly retryAfter?: string; readonly retryAfterMs?: number } = {},
): FakeFailureReply {
  return {
    type: 'error',
    status: 429,
    message: 'Rate limit reached',
    errorType: 'rate_limit_error',
    headers: {
      ...(options.retryAfter !== undefined && { 'retry-after': options.retryAfter }),
      ...(options.retryAfterMs !== undefined && { 'retry-after-ms': String(options.retryAfterMs) }),
    },
  };
}

/** @example serverError(); // 500 */
export function serverError(message = 'Internal server error'): FakeFailureReply {
  return { type: 'error', status: 500, message, errorType: 'server_error' };
}

/** The 400 llama.cpp sends for a prompt over the context. @example contextTooLong(); */
export function contextTooLong(): FakeFailureReply {
  return {
    type: 'error',
    status: 400,
    message: 'the request exceeds the available context size, try increasing it',
    errorType: 'exceed_context_size_error',
  };
}

/** A 200 whose body is cut-off JSON. @example malformedBody(); */
export function malformedBody(): FakeFailureReply {
  return { type: 'malformed' };
}

/** The same reply (chat or embeddings), held back. @example delayed(fakeAnswer('A'), 100); */
export function delayed<R extends { readonly delayMs?: number }>(reply: R, delayMs: number): R {
  return { ...reply, delayMs };
}

/** Splits text the way a word-piece tokenizer roughly would: one token per whitespace-led word. */
export function defaultTokens(text: string): FakeToken[] {
  const pieces = text.match(/\s*\S+|\s+$/g) ?? [];
  return pieces.map((piece) => fakeToken(piece, { [piece]: 0.99 }));
}

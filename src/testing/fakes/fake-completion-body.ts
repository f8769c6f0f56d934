import type { ChatCompletionsBody } from '../../llm/chat-completions-body.js';
import { type FakeChoice, type FakeReply, type FakeToken, defaultTokens } from './fake-replies.js';

/**
 * Which server the fake imitates. `llama.cpp` (the default) reproduces what the real
 * llama-server sends (see the project notes on it): trimmed `message.content` but untrimmed
 * logprob tokens, a trailing end-of-sequence entry with token "" and empty bytes, usage that
 * counts ONE choice when n > 1, and extras (`timings`, `system_fingerprint`, per-token `id` and
 * `bytes`). `openai` sends the tidy form: content as generated, no end-of-sequence entry, usage
 * over all choices.
 */
export type FakeFlavour = 'llama.cpp' | 'openai';

const EOS_LOGPROB = Math.log(0.97);

/**
 * The JSON body the fake server sends for a completion reply to `request`.
 * @example completionWireBody(fakeAnswer('A'), body, 'llama.cpp');
 * Complexity: O(tokens × alternatives).
 */
export function completionWireBody(
  reply: Extract<FakeReply, { type: 'completion' }>,
  request: ChatCompletionsBody,
  flavour: FakeFlavour,
): Record<string, unknown> {
  const llama = flavour === 'llama.cpp';
  const wantLogprobs = request.logprobs === true;
  const k = request.top_logprobs ?? 0;
  const perChoice: number[] = [];
  const choices = reply.choices.map((choice, index) => {
    const tokens = tokensOf(choice, llama);
    perChoice.push(tokens.length);
    return {
      index,
      message: { role: 'assistant', content: llama ? choice.text.trim() : choice.text },
      finish_reason: choice.finishReason ?? 'stop',
      logprobs: wantLogprobs
        ? reply.legacyLogprobs
          ? legacyLogprobs(tokens, k)
          : { content: tokens.map((t) => chatEntry(t, k, llama)) }
        : null,
    };
  });
  const promptTokens = Math.ceil(request.messages.reduce((n, m) => n + m.content.length, 0) / 4);
  const completionTokens = llama ? (perChoice[0] ?? 0) : perChoice.reduce((a, b) => a + b, 0);
  const usage =
    reply.usage === null
      ? undefined
      : (reply.usage ?? { prompt_tokens: promptTokens, completion_tokens: completionTokens });
  return {
    id: `chatcmpl-fake${Math.floor(Math.random() * 1e9)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    system_fingerprint: llama ? 'b6000-fake' : 'fp_fake',
    choices,
    ...(usage && {
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    }),
    ...(llama && {
      timings: {
        prompt_n: promptTokens,
        prompt_ms: 1.5,
        predicted_n: perChoice[0] ?? 0,
        predicted_ms: 2.5,
        predicted_per_second: 400,
      },
    }),
  };
}

function tokensOf(choice: FakeChoice, llama: boolean): FakeToken[] {
  const tokens = [...(choice.tokens ?? defaultTokens(choice.text))];
  // llama.cpp lists the end-of-sequence token it sampled, as "" with empty bytes.
  if (llama && (choice.finishReason ?? 'stop') === 'stop') {
    tokens.push({ token: '', logprob: EOS_LOGPROB, top: [{ token: '', logprob: EOS_LOGPROB }] });
  }
  return tokens;
}

function chatEntry(token: FakeToken, k: number, llama: boolean): Record<string, unknown> {
  const alt = (t: { token: string; logprob: number }): Record<string, unknown> => ({
    ...(llama && { id: idOf(t.token) }),
    token: t.token,
    logprob: t.logprob,
    bytes: [...Buffer.from(t.token, 'utf8')],
  });
  return { ...alt(token), top_logprobs: token.top.slice(0, k).map(alt) };
}

function legacyLogprobs(tokens: readonly FakeToken[], k: number): Record<string, unknown> {
  let offset = 0;
  const textOffset = tokens.map((t) => {
    const at = offset;
    offset += t.token.length;
    return at;
  });
  return {
    tokens: tokens.map((t) => t.token),
    token_logprobs: tokens.map((t) => t.logprob),
    top_logprobs: tokens.map((t) =>
      Object.fromEntries(t.top.slice(0, k).map((a) => [a.token, a.logprob])),
    ),
    text_offset: textOffset,
  };
}

/** A stable fake vocabulary id, so repeated tokens carry the same id as on a real server. */
function idOf(token: string): number {
  let h = 2166136261;
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 16777619);
  return (h >>> 0) % 32000;
}

import type { TokenAlternative, TokenLogprob } from '../core/ports/chat-model.js';
import { isRecord } from './is-record.js';

/**
 * Reads the logprobs of one choice from any of the shapes servers send:
 * - chat: `{ content: [{ token, logprob, top_logprobs: [{ token, logprob }] }] }` (OpenAI,
 *   vLLM, llama.cpp; llama.cpp also for `/v1/completions`);
 * - llama.cpp `post_sampling_probs`: `prob` / `top_probs` instead of logprobs;
 * - legacy completions arrays: `{ tokens, token_logprobs, top_logprobs: [{ token: logprob }] }`.
 * Extra keys (`bytes`, `id`, ...) are ignored. A `null` logprob is how JSON encoders write -∞,
 * so it is read as -Infinity. Tokens are kept untrimmed: llama.cpp trims `message.content` but
 * not the tokens, and callers must see what the model emitted.
 * Returns null when there are no logprobs or the shape is unrecognised.
 * @example parseTokenLogprobs({ content: [{ token: 'A', logprob: -0.1, top_logprobs: [] }] });
 * // [{ token: 'A', logprob: -0.1, top: [] }]
 * Complexity: O(tokens × alternatives).
 */
export function parseTokenLogprobs(raw: unknown): TokenLogprob[] | null {
  if (!isRecord(raw)) return null;
  if (Array.isArray(raw['content'])) return parseChatShape(raw['content']);
  if (Array.isArray(raw['tokens'])) return parseLegacyShape(raw);
  return null;
}

function parseChatShape(entries: readonly unknown[]): TokenLogprob[] | null {
  const out: TokenLogprob[] = [];
  for (const entry of entries) {
    if (!isRecord(entry) || typeof entry['token'] !== 'string') return null;
    const logprob = readLogprob(entry, 'logprob', 'prob');
    if (logprob === undefined) return null;
    const top = parseAlternatives(entry['top_logprobs'] ?? entry['top_probs']);
    if (top === null) return null;
    out.push({ token: entry['token'], logprob, top });
  }
  return out;
}

function parseAlternatives(raw: unknown): TokenAlternative[] | null {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) return null;
  const out: TokenAlternative[] = [];
  for (const alt of raw) {
    if (!isRecord(alt) || typeof alt['token'] !== 'string') return null;
    const logprob = readLogprob(alt, 'logprob', 'prob');
    if (logprob === undefined) return null;
    out.push({ token: alt['token'], logprob });
  }
  return out;
}

function parseLegacyShape(raw: Record<string, unknown>): TokenLogprob[] | null {
  const tokens = raw['tokens'] as unknown[];
  const logprobs = raw['token_logprobs'];
  const tops = raw['top_logprobs'];
  if (!Array.isArray(logprobs) || logprobs.length !== tokens.length) return null;
  const out: TokenLogprob[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const logprob = asLogprob(logprobs[i]);
    if (typeof token !== 'string' || logprob === undefined) return null;
    const topRaw: unknown = Array.isArray(tops) ? tops[i] : undefined;
    const top: TokenAlternative[] = [];
    if (isRecord(topRaw)) {
      for (const [alt, value] of Object.entries(topRaw)) {
        const altLogprob = asLogprob(value);
        if (altLogprob === undefined) return null;
        top.push({ token: alt, logprob: altLogprob });
      }
      top.sort((a, b) => b.logprob - a.logprob);
    }
    out.push({ token, logprob, top });
  }
  return out;
}

function readLogprob(
  entry: Record<string, unknown>,
  logKey: string,
  probKey: string,
): number | undefined {
  if (logKey in entry) return asLogprob(entry[logKey]);
  const prob = entry[probKey];
  if (typeof prob === 'number' && prob >= 0 && prob <= 1) return Math.log(prob);
  return undefined;
}

function asLogprob(value: unknown): number | undefined {
  if (value === null) return -Infinity;
  if (typeof value === 'number' && !Number.isNaN(value) && value <= 0) return value;
  // Rounding can give a tiny positive value for a certain token.
  if (typeof value === 'number' && value > 0 && value < 1e-6) return 0;
  return undefined;
}

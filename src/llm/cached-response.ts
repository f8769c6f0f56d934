import type {
  ChatChoice,
  ChatResponse,
  TokenAlternative,
  TokenLogprob,
} from '../core/ports/chat-model.js';
import { isRecord } from './is-record.js';

/**
 * The stored form of a response: readable keys, logprobs as compact tuples
 * (`[token, logprob, [[alt, logprob], ...]]`, -∞ written as null) since they are most of the bytes.
 * @example encodeCachedResponse(response); // '{"v":1,"choices":[...],"usage":[12,1],"latencyMs":80}'
 * Complexity: O(size of the response).
 */
export function encodeCachedResponse(response: ChatResponse): string {
  return JSON.stringify({
    v: 1,
    choices: response.choices.map((c) => ({
      content: c.content,
      finishReason: c.finishReason,
      logprobs:
        c.logprobs?.map((t) => [
          t.token,
          finite(t.logprob),
          t.top.map((a) => [a.token, finite(a.logprob)]),
        ]) ?? null,
    })),
    usage: [response.usage.promptTokens, response.usage.completionTokens],
    latencyMs: response.latencyMs,
  });
}

/**
 * Reads a stored response back (with `cached: true`), or undefined when the entry is not one
 * this version wrote or is damaged: a bad entry costs one more request, never a wrong answer.
 * @example decodeCachedResponse(encodeCachedResponse(response))?.cached; // true
 * Complexity: O(size of the entry).
 */
export function decodeCachedResponse(text: string): ChatResponse | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(json) || json['v'] !== 1 || !Array.isArray(json['choices'])) return undefined;
  const usage = json['usage'];
  const latencyMs = json['latencyMs'];
  if (!Array.isArray(usage) || !isCount(usage[0]) || !isCount(usage[1])) return undefined;
  if (!isCount(latencyMs)) return undefined;
  const choices: ChatChoice[] = [];
  for (const raw of json['choices'] as unknown[]) {
    const choice = decodeChoice(raw);
    if (!choice) return undefined;
    choices.push(choice);
  }
  return {
    choices,
    usage: { promptTokens: usage[0], completionTokens: usage[1] },
    cached: true,
    latencyMs,
  };
}

function decodeChoice(raw: unknown): ChatChoice | undefined {
  if (!isRecord(raw) || typeof raw['content'] !== 'string') return undefined;
  const finish = raw['finishReason'];
  if (finish !== null && typeof finish !== 'string') return undefined;
  const rawLogprobs = raw['logprobs'];
  let logprobs: TokenLogprob[] | null = null;
  if (rawLogprobs !== null) {
    if (!Array.isArray(rawLogprobs)) return undefined;
    logprobs = [];
    for (const entry of rawLogprobs as unknown[]) {
      const pair = decodePair(entry);
      if (!pair || !Array.isArray((entry as unknown[])[2])) return undefined;
      const top: TokenAlternative[] = [];
      for (const alt of (entry as unknown[])[2] as unknown[]) {
        const p = decodePair(alt);
        if (!p) return undefined;
        top.push(p);
      }
      logprobs.push({ ...pair, top });
    }
  }
  return { content: raw['content'], finishReason: finish, logprobs };
}

function decodePair(raw: unknown): TokenAlternative | undefined {
  if (!Array.isArray(raw) || typeof raw[0] !== 'string') return undefined;
  const logprob: unknown = raw[1];
  if (logprob === null) return { token: raw[0], logprob: -Infinity };
  if (typeof logprob !== 'number') return undefined;
  return { token: raw[0], logprob };
}

function finite(logprob: number): number | null {
  return Number.isFinite(logprob) ? logprob : null;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

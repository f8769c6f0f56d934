import type { ChatChoice } from '../core/ports/chat-model.js';
import type { ReportedUsage } from './completion-usage.js';
import { isRecord } from './is-record.js';
import { parseTokenLogprobs } from './token-logprobs.js';

/** A chat-completions response body, read and checked. */
export interface ParsedCompletion {
  readonly choices: readonly ChatChoice[];
  readonly usage: ReportedUsage;
}

/** A parsed body, or why it could not be read (the adapter retries, then fails). */
export type ParseResult =
  | { readonly ok: true; readonly value: ParsedCompletion }
  | { readonly ok: false; readonly reason: string };

/**
 * Reads a `/chat/completions` (or `/completions`) response body. Only `choices` is required;
 * each choice gives `message.content` (or legacy `text`; null content reads as ""),
 * `finish_reason` and logprobs in any shape `parseTokenLogprobs` knows. Choices are ordered
 * by their `index`. Extra keys (`timings`, `system_fingerprint`, ...) are ignored.
 * @example parseChatCompletionsResponse({ choices: [{ index: 0, message: { content: 'A' }, finish_reason: 'stop' }] });
 * Complexity: O(size of the body).
 */
export function parseChatCompletionsResponse(json: unknown): ParseResult {
  if (!isRecord(json)) return fail('the body is not a JSON object');
  const rawChoices = json['choices'];
  if (!Array.isArray(rawChoices) || rawChoices.length === 0) {
    return fail('the body has no "choices"');
  }
  const indexed: { index: number; choice: ChatChoice }[] = [];
  for (let i = 0; i < rawChoices.length; i++) {
    const raw: unknown = rawChoices[i];
    if (!isRecord(raw)) return fail(`choice ${i} is not an object`);
    const content = readContent(raw);
    if (content === undefined) return fail(`choice ${i} has no message content`);
    const finish = raw['finish_reason'];
    const index = typeof raw['index'] === 'number' ? raw['index'] : i;
    indexed.push({
      index,
      choice: {
        content,
        finishReason: typeof finish === 'string' ? finish : null,
        logprobs: parseTokenLogprobs(raw['logprobs']),
      },
    });
  }
  indexed.sort((a, b) => a.index - b.index);
  return {
    ok: true,
    value: { choices: indexed.map((c) => c.choice), usage: readUsage(json['usage']) },
  };
}

function readContent(choice: Record<string, unknown>): string | undefined {
  const message = choice['message'];
  if (isRecord(message)) {
    const content = message['content'];
    if (typeof content === 'string') return content;
    if (content === null || content === undefined) return '';
    return undefined;
  }
  const text = choice['text'];
  return typeof text === 'string' ? text : undefined;
}

/**
 * The usage a response body reports, whether or not the rest of it could be read; null when it
 * reports none (not a JSON object, no `usage` object, or neither count in it).
 * @example reportedUsage({ usage: { prompt_tokens: 30, completion_tokens: 2 } }) // { promptTokens: 30, completionTokens: 2 }
 * Complexity: O(1).
 */
export function reportedUsage(json: unknown): ReportedUsage | null {
  if (!isRecord(json)) return null;
  const usage = readUsage(json['usage']);
  return usage.promptTokens === undefined && usage.completionTokens === undefined ? null : usage;
}

function readUsage(raw: unknown): ReportedUsage {
  if (!isRecord(raw)) return { promptTokens: undefined, completionTokens: undefined };
  return {
    promptTokens: count(raw['prompt_tokens']),
    completionTokens: count(raw['completion_tokens']),
  };
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function fail(reason: string): ParseResult {
  return { ok: false, reason };
}

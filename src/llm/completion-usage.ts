import type { ChatChoice, ChatMessage, ChatUsage } from '../core/ports/chat-model.js';

/** Token counts as the server reported them; either may be missing. */
export interface ReportedUsage {
  readonly promptTokens: number | undefined;
  readonly completionTokens: number | undefined;
}

/**
 * Usage over ALL choices, repairing servers that under-report.
 *
 * llama.cpp's `usage.completion_tokens` counts ONE choice when `n > 1`, where OpenAI counts
 * all, and nothing in the response says which convention was used. The rule, per response:
 * 1. One choice: the reported count is trusted.
 * 2. Nothing reported: the per-choice counts below are summed; a missing prompt count is
 *    estimated as characters / 4.
 * 3. Every choice has logprobs: each choice's token count is its number of logprob entries
 *    (exact), so the total is max(reported, Σ entries). An all-choices count already equals
 *    the sum (give or take an end-of-sequence entry); a one-choice count is lifted to it.
 * 4. Otherwise each choice's count is estimated as ⌈characters / 4⌉ (at least 1), S their sum
 *    and m = S / k their mean over k choices. A report nearer (in ratio) to m than to S, that
 *    is below the geometric mean √(m·S), is read as one choice and multiplied by k.
 * Costs are therefore never under-counted by a factor of k; the estimate in rule 4 errs by
 * the spread of choice lengths.
 * @example completionUsage({ promptTokens: 20, completionTokens: 1 }, fiveOneTokenChoices, messages);
 * // { promptTokens: 20, completionTokens: 5 }
 * Complexity: O(choices + characters of the messages when the prompt count is missing).
 */
export function completionUsage(
  reported: ReportedUsage,
  choices: readonly ChatChoice[],
  messages: readonly ChatMessage[],
): ChatUsage {
  const promptTokens = reported.promptTokens ?? estimateTokens(messages);
  return { promptTokens, completionTokens: completionTokens(reported.completionTokens, choices) };
}

function completionTokens(reported: number | undefined, choices: readonly ChatChoice[]): number {
  const counts = choices.map(choiceTokens);
  const sum = counts.reduce((a, b) => a + b, 0);
  if (reported === undefined) return sum;
  const k = choices.length;
  if (k <= 1) return reported;
  if (choices.every((c) => c.logprobs !== null)) return Math.max(reported, sum);
  const mean = sum / k;
  return reported < Math.sqrt(mean * sum) ? reported * k : reported;
}

function choiceTokens(choice: ChatChoice): number {
  if (choice.logprobs !== null) return choice.logprobs.length;
  return Math.max(1, Math.ceil(choice.content.length / 4));
}

/**
 * A rough token count of a prompt (characters / 4), used before a request is sent (rate
 * limits) and when a server reports no usage.
 * @example estimateTokens([{ role: 'user', content: 'abcdefgh' }]); // 2
 * Complexity: O(messages).
 */
export function estimateTokens(messages: readonly ChatMessage[]): number {
  let chars = 0;
  for (const m of messages) chars += m.content.length;
  return Math.ceil(chars / 4);
}

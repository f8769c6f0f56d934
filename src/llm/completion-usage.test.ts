import { describe, expect, it } from 'vitest';
import type { ChatChoice } from '../core/ports/chat-model.js';
import { completionUsage, estimateTokens } from './completion-usage.js';

const withLogprobs = (tokens: number): ChatChoice => ({
  content: 'x',
  finishReason: 'stop',
  logprobs: Array.from({ length: tokens }, () => ({ token: 't', logprob: -1, top: [] })),
});
const plain = (content: string): ChatChoice => ({ content, finishReason: 'stop', logprobs: null });
const messages = [{ role: 'user' as const, content: 'abcdefghij' }];

describe('completionUsage', () => {
  it('trusts a single choice', () => {
    expect(
      completionUsage({ promptTokens: 5, completionTokens: 3 }, [withLogprobs(9)], messages),
    ).toEqual({ promptTokens: 5, completionTokens: 3 });
  });

  it('lifts a one-choice count to the sum of logprob entries', () => {
    const choices = [withLogprobs(2), withLogprobs(3), withLogprobs(2)];
    expect(
      completionUsage({ promptTokens: 5, completionTokens: 2 }, choices, messages).completionTokens,
    ).toBe(7);
    // An all-choice count (OpenAI) is left as it is.
    expect(
      completionUsage({ promptTokens: 5, completionTokens: 7 }, choices, messages).completionTokens,
    ).toBe(7);
  });

  it('without logprobs, multiplies a count that looks like one choice', () => {
    const choices = [
      plain('a b c d e f g h'),
      plain('a b c d e f g h'),
      plain('a b c d e f g h'),
      plain('a b c d e f g h'),
    ];
    // 15 chars → 4 tokens each, 16 in all; the geometric mean of 4 and 16 is 8.
    expect(
      completionUsage({ promptTokens: 1, completionTokens: 4 }, choices, messages).completionTokens,
    ).toBe(16);
    expect(
      completionUsage({ promptTokens: 1, completionTokens: 15 }, choices, messages)
        .completionTokens,
    ).toBe(15);
  });

  it('estimates what is not reported', () => {
    expect(
      completionUsage(
        { promptTokens: undefined, completionTokens: undefined },
        [withLogprobs(2), plain('abcdefgh')],
        messages,
      ),
    ).toEqual({
      promptTokens: 3,
      completionTokens: 4,
    });
  });
});

describe('estimateTokens', () => {
  it('counts characters over four, rounded up', () => {
    expect(
      estimateTokens([
        { role: 'system', content: 'abc' },
        { role: 'user', content: 'de' },
      ]),
    ).toBe(2);
    expect(estimateTokens([])).toBe(0);
  });
});

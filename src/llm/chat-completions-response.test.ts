import { describe, expect, it } from 'vitest';
import { parseChatCompletionsResponse } from './chat-completions-response.js';

describe('parseChatCompletionsResponse', () => {
  it('reads choices in index order, with extras ignored', () => {
    const parsed = parseChatCompletionsResponse({
      id: 'x',
      timings: { prompt_n: 3 },
      system_fingerprint: 'b1',
      choices: [
        { index: 1, message: { role: 'assistant', content: 'B' }, finish_reason: 'length' },
        {
          index: 0,
          message: { role: 'assistant', content: null },
          finish_reason: null,
          logprobs: null,
        },
      ],
      usage: { prompt_tokens: 4, completion_tokens: 2, total_tokens: 6 },
    });
    expect(parsed).toEqual({
      ok: true,
      value: {
        choices: [
          { content: '', finishReason: null, logprobs: null },
          { content: 'B', finishReason: 'length', logprobs: null },
        ],
        usage: { promptTokens: 4, completionTokens: 2 },
      },
    });
  });

  it('reads legacy completion choices', () => {
    const parsed = parseChatCompletionsResponse({
      choices: [{ text: 'A', finish_reason: 'stop' }],
    });
    expect(parsed.ok && parsed.value.choices[0]?.content).toBe('A');
    expect(parsed.ok && parsed.value.usage).toEqual({
      promptTokens: undefined,
      completionTokens: undefined,
    });
  });

  it.each([
    [null, 'not a JSON object'],
    [[], 'not a JSON object'],
    [{}, 'no "choices"'],
    [{ choices: [] }, 'no "choices"'],
    [{ choices: ['A'] }, 'choice 0 is not an object'],
    [{ choices: [{ message: { content: 3 } }] }, 'no message content'],
    [{ error: { message: 'x' } }, 'no "choices"'],
  ])('refuses %j', (body, reason) => {
    const parsed = parseChatCompletionsResponse(body);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toContain(reason);
  });
});

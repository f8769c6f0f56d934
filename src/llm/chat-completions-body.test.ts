import { describe, expect, it } from 'vitest';
import { chatCompletionsUrl, toChatCompletionsBody } from './chat-completions-body.js';

describe('toChatCompletionsBody', () => {
  const base = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }] };

  it('never sends top_logprobs without logprobs', () => {
    expect(toChatCompletionsBody({ ...base, topLogprobs: 0 })).not.toHaveProperty('top_logprobs');
    expect(toChatCompletionsBody({ ...base, topLogprobs: 0 })).not.toHaveProperty('logprobs');
    expect(toChatCompletionsBody({ ...base, topLogprobs: 3 })).toMatchObject({
      logprobs: true,
      top_logprobs: 3,
    });
  });

  it('maps n, temperature 0 and seed 0 (falsy values are still values)', () => {
    expect(toChatCompletionsBody({ ...base, n: 5, temperature: 0, seed: 0, maxTokens: 1 })).toEqual(
      {
        ...base,
        n: 5,
        temperature: 0,
        seed: 0,
        max_tokens: 1,
      },
    );
  });

  it('copies only role and content of each message', () => {
    const messages = [{ role: 'user' as const, content: 'x', extra: 1 }];
    expect(toChatCompletionsBody({ model: 'm', messages }).messages).toEqual([
      { role: 'user', content: 'x' },
    ]);
  });

  it('refuses impossible n and topLogprobs', () => {
    expect(() => toChatCompletionsBody({ ...base, n: 1.5 })).toThrow(/n must be/);
    expect(() => toChatCompletionsBody({ ...base, topLogprobs: -1 })).toThrow(/topLogprobs/);
  });
});

describe('chatCompletionsUrl', () => {
  it.each([
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080/v1/chat/completions'],
    ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080/v1/chat/completions'],
    ['http://127.0.0.1:8080/v1', 'http://127.0.0.1:8080/v1/chat/completions'],
    ['http://127.0.0.1:8080/v1/', 'http://127.0.0.1:8080/v1/chat/completions'],
    ['https://api.openai.com/v1/chat/completions', 'https://api.openai.com/v1/chat/completions'],
    ['https://gateway.example/openai/v1', 'https://gateway.example/openai/v1/chat/completions'],
  ])('%s → %s', (base, url) => {
    expect(chatCompletionsUrl(base)).toBe(url);
  });

  it('refuses what is not an http(s) URL', () => {
    expect(() => chatCompletionsUrl('localhost:8080')).toThrow(/http/);
    expect(() => chatCompletionsUrl('not a url')).toThrow(/not a URL/);
  });
});

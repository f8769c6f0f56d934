import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../core/ports/chat-model.js';
import type { FetchLike } from './http-attempt.js';
import { createOpenAiCompatibleModel } from './openai-compatible-model.js';
import { chatModelContract } from '../testing/contracts/chat-model.case.js';
import { fakeAnswer } from '../testing/fakes/fake-replies.js';
import {
  type FakeOpenAiServer,
  startFakeOpenAiServer,
} from '../testing/fakes/fake-openai-server.js';

chatModelContract('openai-compatible', async () => {
  const server = await startFakeOpenAiServer();
  const model = createOpenAiCompatibleModel({ baseUrl: server.url, maxRetries: 0 });
  return {
    model,
    setBehaviour: (respond) => server.setBehaviour(respond),
    close: () => server.close(),
  };
});

chatModelContract('openai-compatible (fetch)', async () => {
  const server = await startFakeOpenAiServer();
  const model = createOpenAiCompatibleModel({ baseUrl: server.url, maxRetries: 0, fetch });
  return {
    model,
    setBehaviour: (respond) => server.setBehaviour(respond),
    close: () => server.close(),
  };
});

const request: ChatRequest = {
  model: 'fake-model',
  messages: [
    { role: 'system', content: 'A: spam\nB: ham' },
    { role: 'user', content: 'Win a prize now' },
  ],
};

describe('createOpenAiCompatibleModel request mapping', () => {
  let server: FakeOpenAiServer;
  beforeAll(async () => {
    server = await startFakeOpenAiServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.reset();
    server.setBehaviour(() => fakeAnswer('A'));
  });

  it('sends every parameter in its wire form', async () => {
    const model = createOpenAiCompatibleModel({ baseUrl: server.url });
    const schema = { type: 'object', properties: { label: { enum: ['A', 'B'] } } };
    await model.complete({
      ...request,
      temperature: 0.3,
      maxTokens: 7,
      n: 3,
      topLogprobs: 4,
      seed: 11,
      jsonSchema: { name: 'answer', schema },
    });
    expect(server.requests[0]).toEqual({
      model: 'fake-model',
      messages: request.messages,
      temperature: 0.3,
      max_tokens: 7,
      n: 3,
      logprobs: true,
      top_logprobs: 4,
      response_format: { type: 'json_schema', json_schema: { name: 'answer', schema } },
      seed: 11,
    });
  });

  it('leaves out logprobs, top_logprobs and n when not asked for', async () => {
    const model = createOpenAiCompatibleModel({ baseUrl: server.url });
    await model.complete({ ...request, topLogprobs: 0, n: 1 });
    expect(server.requests[0]).toEqual({ model: 'fake-model', messages: request.messages });
  });

  it('accepts a base URL without /v1 and sends the API key and extra headers', async () => {
    const seen: Record<string, string>[] = [];
    const spy: FetchLike = (url, init) => {
      seen.push({ url, ...init.headers });
      return fetch(url, init);
    };
    const origin = server.url.replace(/\/v1$/, '');
    const model = createOpenAiCompatibleModel({
      baseUrl: origin,
      apiKey: 'sk-test',
      headers: { 'x-team': 'qa' },
      fetch: spy,
    });
    const response = await model.complete(request);
    expect(response.choices[0]?.content).toBe('A');
    expect(seen[0]).toMatchObject({
      url: `${server.url}/chat/completions`,
      authorization: 'Bearer sk-test',
      'x-team': 'qa',
      'content-type': 'application/json',
    });
  });

  it('multiplies a one-sample usage count when no logprobs tell the sample sizes', async () => {
    server.setBehaviour(() =>
      fakeAnswer(['one two three four', 'five six seven eight', 'nine ten eleven twelve'], {
        usage: { prompt_tokens: 9, completion_tokens: 5 },
      }),
    );
    const model = createOpenAiCompatibleModel({ baseUrl: server.url });
    const response = await model.complete({ ...request, n: 3 });
    expect(response.usage).toEqual({ promptTokens: 9, completionTokens: 15 });
  });

  it('rejects a malformed request before sending it', async () => {
    const model = createOpenAiCompatibleModel({ baseUrl: server.url });
    await expect(model.complete({ ...request, n: 0 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(server.requestCount).toBe(0);
  });

  it('refuses impossible options at once', () => {
    expect(() => createOpenAiCompatibleModel({ baseUrl: server.url, maxRetries: -1 })).toThrow(
      /maxRetries/,
    );
    expect(() => createOpenAiCompatibleModel({ baseUrl: server.url, concurrency: 0 })).toThrow(
      /concurrency/,
    );
    expect(() => createOpenAiCompatibleModel({ baseUrl: server.url, timeoutMs: 0 })).toThrow(
      /timeoutMs/,
    );
    expect(() => createOpenAiCompatibleModel({ baseUrl: 'localhost:8080' })).toThrow(/http/);
  });
});

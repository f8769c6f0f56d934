import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../core/ports/chat-model.js';
import { withResponseCache } from './cached-model.js';
import { createOpenAiCompatibleModel } from './openai-compatible-model.js';
import {
  type FakeOpenAiServer,
  startFakeOpenAiServer,
} from '../testing/fakes/fake-openai-server.js';
import { delayed, fakeAnswer, fakeToken, serverError } from '../testing/fakes/fake-replies.js';
import { memoryResponseCache } from '../testing/fakes/memory-response-cache.js';
import { createScriptedModel } from '../testing/fakes/scripted-model.js';

const request: ChatRequest = {
  model: 'm',
  messages: [{ role: 'user', content: 'Is this spam?' }],
  topLogprobs: 2,
  temperature: 0,
};

describe('response cache over HTTP', () => {
  let server: FakeOpenAiServer;
  beforeAll(async () => {
    server = await startFakeOpenAiServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.reset();
    const token = fakeToken(' A', { ' A': 0.8, ' B': 0.2 });
    server.setBehaviour(() => delayed(fakeAnswer([{ text: ' A', tokens: [token] }]), 20));
  });

  it('answers a repeated request from the cache without sending it', async () => {
    const cache = memoryResponseCache();
    const model = createOpenAiCompatibleModel({ baseUrl: server.url, cache });
    const first = await model.complete(request);
    const second = await model.complete({ ...request, messages: [...request.messages] });
    expect(server.requestCount).toBe(1);
    expect(first.cached).toBe(false);
    expect(second).toEqual({ ...first, cached: true });
  });

  it('sends a request that differs in any parameter', async () => {
    const model = createOpenAiCompatibleModel({
      baseUrl: server.url,
      cache: memoryResponseCache(),
    });
    await model.complete(request);
    await model.complete({ ...request, seed: 1 });
    await model.complete({ ...request, temperature: 0.1 });
    expect(server.requestCount).toBe(3);
  });

  it('survives a new process: the entry alone answers, -Infinity logprobs included', async () => {
    const cache = memoryResponseCache();
    const token = fakeToken(' A', { ' A': 1, ' B': 0 });
    server.setBehaviour(() => fakeAnswer([{ text: ' A', tokens: [token] }]));
    const first = await createOpenAiCompatibleModel({ baseUrl: server.url, cache }).complete(
      request,
    );
    expect(first.choices[0]?.logprobs?.[0]?.top[1]?.logprob).toBe(-Infinity);
    const again = await createOpenAiCompatibleModel({ baseUrl: server.url, cache }).complete(
      request,
    );
    expect(server.requestCount).toBe(1);
    expect(again).toEqual({ ...first, cached: true });
  });

  it('writes the cache before returning', async () => {
    const cache = memoryResponseCache({ putDelayMs: 50 });
    const model = createOpenAiCompatibleModel({ baseUrl: server.url, cache });
    await model.complete(request);
    expect(cache.puts).toBe(1);
  });

  it('coalesces identical requests in flight into one', async () => {
    const model = createOpenAiCompatibleModel({
      baseUrl: server.url,
      cache: memoryResponseCache(),
    });
    const answers = await Promise.all(Array.from({ length: 5 }, () => model.complete(request)));
    expect(server.requestCount).toBe(1);
    expect(answers.filter((a) => !a.cached)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.choices[0]?.content))).toEqual(new Set(['A']));
  });

  it('keeps caches with different scopes apart', async () => {
    const cache = memoryResponseCache();
    await createOpenAiCompatibleModel({
      baseUrl: server.url,
      cache,
      cacheScope: 'weights-1',
    }).complete(request);
    await createOpenAiCompatibleModel({
      baseUrl: server.url,
      cache,
      cacheScope: 'weights-2',
    }).complete(request);
    expect(server.requestCount).toBe(2);
  });
});

describe('withResponseCache', () => {
  const request2: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'x' }] };

  it('does not cache errors, and a damaged entry is a miss', async () => {
    const cache = memoryResponseCache();
    const inner = createScriptedModel({ respond: () => serverError() });
    const model = withResponseCache(inner, { cache });
    await expect(model.complete(request2)).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE' });
    expect(cache.entries.size).toBe(0);

    inner.setBehaviour(() => fakeAnswer('fresh'));
    await model.complete(request2);
    const [key] = [...cache.entries.keys()];
    cache.entries.set(key ?? '', '{"v":1,"choices":"oops"}');
    const again = await model.complete(request2);
    expect(again.cached).toBe(false);
    expect(inner.calls).toHaveLength(3);
  });

  it('lets a failed call be retried by the next identical request', async () => {
    const inner = createScriptedModel({
      respond: (_b, i) => (i === 0 ? serverError() : fakeAnswer('ok')),
    });
    const model = withResponseCache(inner, { cache: memoryResponseCache() });
    await expect(model.complete(request2)).rejects.toThrow();
    expect((await model.complete(request2)).choices[0]?.content).toBe('ok');
  });
});

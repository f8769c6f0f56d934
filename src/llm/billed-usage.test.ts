import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BilledModelError, billedUsage } from '../core/cost/billed-model-error.js';
import { HiloError } from '../core/errors.js';
import type { ChatRequest } from '../core/ports/chat-model.js';
import {
  startFakeOpenAiServer,
  type FakeOpenAiServer,
} from '../testing/fakes/fake-openai-server.js';
import { fakeAnswer, serverError, type FakeReply } from '../testing/fakes/fake-replies.js';
import { memoryResponseCache } from '../testing/fakes/memory-response-cache.js';
import { virtualTime } from '../testing/fakes/virtual-time.js';
import { createOpenAiCompatibleModel } from './openai-compatible-model.js';

const request: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'hello' }] };
const body = (json: Record<string, unknown>): FakeReply => ({
  type: 'raw',
  status: 200,
  body: JSON.stringify(json),
});

describe('usage billed for unusable answers', () => {
  let server: FakeOpenAiServer;
  beforeAll(async () => {
    server = await startFakeOpenAiServer({ flavour: 'openai' });
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());
  const build = (extra: { cache?: ReturnType<typeof memoryResponseCache> } = {}) => {
    const time = virtualTime();
    return createOpenAiCompatibleModel({
      baseUrl: server.url,
      maxRetries: 2,
      clock: time.clock,
      sleep: time.sleep,
      ...extra,
    });
  };

  it('adds the usage of retried 200s to the answer that follows; a missing prompt count is estimated', async () => {
    const replies = [
      body({ choices: [], usage: { prompt_tokens: 30, completion_tokens: 4 } }),
      body({ choices: [{ index: 0 }], usage: { completion_tokens: 2 } }),
      fakeAnswer('ok', { usage: { prompt_tokens: 30, completion_tokens: 1 } }),
    ];
    server.setBehaviour((_b, i) => replies[i]!);
    const response = await build().complete(request);
    expect(response.choices[0]?.content).toBe('ok');
    // "hello" is 5 characters: 2 estimated prompt tokens for the body that gave none.
    expect(response.usage).toEqual({ promptTokens: 30 + 2 + 30, completionTokens: 4 + 2 + 1 });
  });

  it('costs nothing for a body that reports no usage or is not JSON', async () => {
    const replies: FakeReply[] = [
      body({ choices: [] }),
      { type: 'raw', status: 200, body: 'not json' },
      fakeAnswer('ok', { usage: { prompt_tokens: 30, completion_tokens: 1 } }),
    ];
    server.setBehaviour((_b, i) => replies[i]!);
    expect((await build().complete(request)).usage).toEqual({
      promptTokens: 30,
      completionTokens: 1,
    });
  });

  it('fails with the billed usage when the retries run out, or a later attempt fails for good', async () => {
    server.setBehaviour(() =>
      body({ choices: [], usage: { prompt_tokens: 10, completion_tokens: 1 } }),
    );
    const error = await build()
      .complete(request)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BilledModelError);
    expect((error as HiloError).code).toBe('MODEL_UNAVAILABLE');
    expect((error as HiloError).message).toMatch(/no "choices".*after 3 attempts/);
    expect(billedUsage(error)).toEqual({ promptTokens: 30, completionTokens: 3 });

    server.reset();
    server.setBehaviour(() => serverError());
    const unpaid = await build()
      .complete(request)
      .catch((e: unknown) => e);
    expect(unpaid).toBeInstanceOf(HiloError);
    expect(billedUsage(unpaid)).toBeNull();
  });

  it('bills an identical request in flight once: the waiting caller gets the error without usage', async () => {
    server.setBehaviour(() => ({
      ...body({ choices: [], usage: { prompt_tokens: 10, completion_tokens: 1 } }),
      delayMs: 20,
    }));
    const model = build({ cache: memoryResponseCache() });
    const [first, second] = await Promise.all([
      model.complete(request).catch((e: unknown) => e),
      model.complete(request).catch((e: unknown) => e),
    ]);
    expect(server.requestCount).toBe(3);
    expect(billedUsage(first)).toEqual({ promptTokens: 30, completionTokens: 3 });
    expect(second).toBeInstanceOf(HiloError);
    expect(billedUsage(second)).toBeNull();
    expect((second as HiloError).message).toBe((first as HiloError).message);
  });

  it('stores the billed usage with the answer, and a cache hit costs nothing again', async () => {
    const replies = [
      body({ choices: [], usage: { prompt_tokens: 30, completion_tokens: 4 } }),
      fakeAnswer('ok', { usage: { prompt_tokens: 30, completion_tokens: 1 } }),
    ];
    server.setBehaviour((_b, i) => replies[i]!);
    const model = build({ cache: memoryResponseCache() });
    const paid = await model.complete(request);
    const hit = await model.complete(request);
    expect(paid).toMatchObject({ cached: false, usage: { promptTokens: 60, completionTokens: 5 } });
    expect(hit).toMatchObject({ cached: true, usage: { promptTokens: 60, completionTokens: 5 } });
    expect(server.requestCount).toBe(2);
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../core/ports/chat-model.js';
import {
  type OpenAiCompatibleModelOptions,
  type RetryEvent,
  createOpenAiCompatibleModel,
} from './openai-compatible-model.js';
import {
  type FakeOpenAiServer,
  startFakeOpenAiServer,
} from '../testing/fakes/fake-openai-server.js';
import {
  contextTooLong,
  delayed,
  fakeAnswer,
  malformedBody,
  rateLimited,
  serverError,
} from '../testing/fakes/fake-replies.js';
import { virtualTime } from '../testing/fakes/virtual-time.js';

const request: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'hello' }] };

describe('createOpenAiCompatibleModel resilience', () => {
  let server: FakeOpenAiServer;
  beforeAll(async () => {
    server = await startFakeOpenAiServer();
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  const build = (extra: Partial<OpenAiCompatibleModelOptions> = {}) => {
    const time = virtualTime();
    const retries: RetryEvent[] = [];
    const model = createOpenAiCompatibleModel({
      baseUrl: server.url,
      clock: time.clock,
      sleep: time.sleep,
      random: () => 0.5,
      onRetry: (e) => retries.push(e),
      ...extra,
    });
    return { model, time, retries };
  };
  /** Fails the first `failures` requests with `reply`, then answers. */
  const failFirst = (failures: number, reply: ReturnType<typeof serverError>) =>
    server.setBehaviour((_body, i) => (i < failures ? reply : fakeAnswer('ok')));

  it('waits the Retry-After seconds of a 429, then succeeds', async () => {
    failFirst(1, rateLimited({ retryAfter: '2' }));
    const { model, time, retries } = build();
    const response = await model.complete(request);
    expect(response.choices[0]?.content).toBe('ok');
    expect(time.sleeps).toEqual([2000]);
    expect(retries).toEqual([expect.objectContaining({ attempt: 1, status: 429, delayMs: 2000 })]);
    expect(server.requestCount).toBe(2);
  });

  it('reads Retry-After as an HTTP date, and prefers retry-after-ms', async () => {
    const start = Date.UTC(2025, 0, 1);
    failFirst(1, rateLimited({ retryAfter: new Date(start + 3000).toUTCString() }));
    const first = build();
    await first.model.complete(request);
    expect(first.time.sleeps).toEqual([3000]);

    server.reset();
    failFirst(1, rateLimited({ retryAfter: '9', retryAfterMs: 1500 }));
    const second = build();
    await second.model.complete(request);
    expect(second.time.sleeps).toEqual([1500]);
  });

  it('retries 5xx with exponential backoff and full jitter', async () => {
    failFirst(3, serverError());
    const { model, time } = build({ backoffBaseMs: 100 });
    await model.complete(request);
    // random() = 0.5 → half of 100, 200, 400.
    expect(time.sleeps).toEqual([50, 100, 200]);
    expect(server.requestCount).toBe(4);
  });

  it('gives up after maxRetries with MODEL_UNAVAILABLE and the server message', async () => {
    server.setBehaviour(() => serverError('slot crashed'));
    const { model } = build({ maxRetries: 2 });
    await expect(model.complete(request)).rejects.toMatchObject({
      code: 'MODEL_UNAVAILABLE',
      message: expect.stringMatching(/500: slot crashed \(after 3 attempts\)/),
    });
    expect(server.requestCount).toBe(3);
  });

  it('does not retry a 400 and reports it as INVALID_INPUT', async () => {
    server.setBehaviour(() => contextTooLong());
    const { model, retries } = build();
    await expect(model.complete(request)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('exceeds the available context size'),
    });
    expect(server.requestCount).toBe(1);
    expect(retries).toEqual([]);
  });

  it('does not retry a 401', async () => {
    server.setBehaviour(() => ({ type: 'error', status: 401, message: 'bad key' }));
    const { model } = build();
    await expect(model.complete(request)).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE' });
    expect(server.requestCount).toBe(1);
  });

  it('retries a malformed JSON body, then fails with MODEL_UNAVAILABLE', async () => {
    failFirst(1, malformedBody());
    const ok = build();
    expect((await ok.model.complete(request)).choices[0]?.content).toBe('ok');

    server.reset();
    server.setBehaviour(() => malformedBody());
    const { model } = build({ maxRetries: 1 });
    await expect(model.complete(request)).rejects.toMatchObject({
      code: 'MODEL_UNAVAILABLE',
      message: expect.stringContaining('not JSON'),
    });
    expect(server.requestCount).toBe(2);
  });

  it('times out each attempt and ends in TIMEOUT once retries are spent', async () => {
    server.setBehaviour(() => delayed(fakeAnswer('late'), 2000));
    const { model, retries } = build({ timeoutMs: 100, maxRetries: 1 });
    const started = Date.now();
    await expect(model.complete(request)).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: expect.stringContaining('no answer within 100 ms'),
    });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(server.requestCount).toBe(2);
    expect(retries).toHaveLength(1);
  });

  it('retries network errors', async () => {
    const closed = await startFakeOpenAiServer();
    const url = closed.url;
    await closed.close();
    const time = virtualTime();
    const model = createOpenAiCompatibleModel({
      baseUrl: url,
      maxRetries: 2,
      clock: time.clock,
      sleep: time.sleep,
    });
    await expect(model.complete(request)).rejects.toMatchObject({
      code: 'MODEL_UNAVAILABLE',
      message: expect.stringContaining('cannot reach the model server'),
    });
    expect(time.sleeps).toHaveLength(2);
  });

  it('never has more requests in flight than its concurrency', async () => {
    server.setBehaviour(() => delayed(fakeAnswer('A'), 100));
    const model = createOpenAiCompatibleModel({ baseUrl: server.url, concurrency: 3 });
    await Promise.all(Array.from({ length: 12 }, () => model.complete(request)));
    expect(server.requestCount).toBe(12);
    expect(server.maxInFlight).toBe(3);
  });

  it('spaces requests to the requests-per-minute limit', async () => {
    server.setBehaviour(() => fakeAnswer('A'));
    const { model, time } = build({ requestsPerMinute: 60 });
    await Promise.all(Array.from({ length: 5 }, () => model.complete(request)));
    expect(server.requestCount).toBe(5);
    expect(time.sleeps).toEqual([1000, 1000, 1000, 1000]);
  });

  it('books estimated tokens up front and reconciles with the reported usage', async () => {
    server.setBehaviour(() =>
      fakeAnswer('A', { usage: { prompt_tokens: 100, completion_tokens: 20 } }),
    );
    // 600 tokens per minute = 10 per second; the prompt estimate is 400 chars / 4 = 100.
    const { model, time } = build({ tokensPerMinute: 600 });
    const big: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'x'.repeat(400) }] };
    await model.complete(big);
    await model.complete(big);
    // The 10-token bucket fell to 10 − 100 booked − 20 reconciled = −110; a request larger than
    // the bucket waits for it to be full again: 120 tokens at 10 per second.
    expect(time.sleeps).toEqual([12_000]);
  });
});

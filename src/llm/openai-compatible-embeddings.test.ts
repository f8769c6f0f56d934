import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HiloError } from '../core/errors.js';
import {
  type OpenAiCompatibleEmbeddingsOptions,
  createOpenAiCompatibleEmbeddings,
} from './openai-compatible-embeddings.js';
import type { RetryEvent } from './retrying-client.js';
import { embeddingModelContract } from '../testing/contracts/embedding-model.case.js';
import {
  type FakeEmbeddingReply,
  fakeEmbeddingVector,
  fakeEmbeddings,
  inputsOf,
} from '../testing/fakes/fake-embeddings.js';
import {
  type FakeOpenAiServer,
  startFakeOpenAiServer,
} from '../testing/fakes/fake-openai-server.js';
import { delayed, malformedBody, rateLimited, serverError } from '../testing/fakes/fake-replies.js';
import { virtualTime } from '../testing/fakes/virtual-time.js';

describe('createOpenAiCompatibleEmbeddings', () => {
  let server: FakeOpenAiServer;
  beforeAll(async () => {
    server = await startFakeOpenAiServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.reset();
    server.setEmbeddingBehaviour((body) => vectorsFor(inputsOf(body)));
  });

  const build = (extra: Partial<OpenAiCompatibleEmbeddingsOptions> = {}) => {
    const time = virtualTime();
    const retries: RetryEvent[] = [];
    const model = createOpenAiCompatibleEmbeddings({
      baseUrl: server.url,
      model: 'text-embedding-3-small',
      clock: time.clock,
      sleep: time.sleep,
      random: () => 0.5,
      onRetry: (e) => retries.push(e),
      ...extra,
    });
    return { model, time, retries };
  };
  /** Fails the first `failures` requests with `reply`, then answers. */
  const failFirst = (failures: number, reply: FakeEmbeddingReply) =>
    server.setEmbeddingBehaviour((body, i) => (i < failures ? reply : vectorsFor(inputsOf(body))));

  it('sends { model, input } and returns one float32 vector per text, in order', async () => {
    const { model } = build();
    expect(model.dimensions).toBeUndefined();
    const result = await model.embed(['alpha', 'beta', 'alpha']);
    expect(server.embeddingRequests).toEqual([
      { model: 'text-embedding-3-small', input: ['alpha', 'beta', 'alpha'] },
    ]);
    expect(result.vectors.map((v) => Array.from(v))).toEqual(
      ['alpha', 'beta', 'alpha'].map((t) => fakeEmbeddingVector(t, 8)),
    );
    expect(result.vectors[0]).toBeInstanceOf(Float32Array);
    expect(model.dimensions).toBe(8);
    expect(model.name).toBe('text-embedding-3-small');
    expect(model.cacheKey).toBe('text-embedding-3-small');
  });

  it('prices the reported prompt tokens at the input price, and the unknown at 0', async () => {
    server.setEmbeddingBehaviour((body) =>
      fakeEmbeddings(
        inputsOf(body).map((t) => fakeEmbeddingVector(t, 4)),
        {
          usage: { prompt_tokens: 500_000 },
        },
      ),
    );
    const known = await build().model.embed(['a']);
    expect(known.promptTokens).toBe(500_000);
    expect(known.costUsd).toBeCloseTo(0.01, 12); // 0.5 MTok × $0.02
    const own = await build({
      prices: { 'text-embedding-3-small': { inputPerMTok: 1, outputPerMTok: 0 } },
    }).model.embed(['a']);
    expect(own.costUsd).toBeCloseTo(0.5, 12);
    const unknown = await build({ model: 'nomic-embed' }).model.embed(['a']);
    expect(unknown.costUsd).toBe(0);
  });

  it('splits texts into batches sent concurrently, and joins them in input order', async () => {
    server.setEmbeddingBehaviour((body) => delayed(vectorsFor(inputsOf(body)), 30));
    const { model } = build({ batchSize: 2, concurrency: 3 });
    const texts = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const result = await model.embed(texts);
    expect(server.embeddingRequests.map((b) => b.input)).toEqual(
      expect.arrayContaining([['a', 'b'], ['c', 'd'], ['e', 'f'], ['g']]),
    );
    expect(server.embeddingRequestCount).toBe(4);
    expect(server.maxInFlight).toBe(3);
    expect(result.vectors.map((v) => Array.from(v))).toEqual(
      texts.map((t) => fakeEmbeddingVector(t, 8)),
    );
  });

  it('asks for base64 vectors when told, and reads them', async () => {
    const result = await build({ encodingFormat: 'base64' }).model.embed(['x']);
    expect(server.embeddingRequests[0]).toMatchObject({ encoding_format: 'base64' });
    expect(Array.from(result.vectors[0] ?? [])).toEqual(fakeEmbeddingVector('x', 8));
  });

  it('waits the Retry-After of a 429, then succeeds', async () => {
    failFirst(2, rateLimited({ retryAfter: '3' }));
    const { model, time, retries } = build();
    const result = await model.embed(['a']);
    expect(result.vectors).toHaveLength(1);
    expect(time.sleeps).toEqual([3000, 3000]);
    expect(retries.map((r) => r.status)).toEqual([429, 429]);
    expect(server.embeddingRequestCount).toBe(3);
  });

  it('retries 5xx and cut-off JSON, then gives up with MODEL_UNAVAILABLE', async () => {
    failFirst(2, malformedBody());
    await build().model.embed(['a']);
    expect(server.embeddingRequestCount).toBe(3);

    server.reset();
    server.setEmbeddingBehaviour(() => serverError('slot crashed'));
    const error = await build({ maxRetries: 2 })
      .model.embed(['a'])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HiloError);
    expect(error).toMatchObject({ code: 'MODEL_UNAVAILABLE' });
    expect((error as Error).message).toMatch(/slot crashed.*after 3 attempts/);
    expect(server.embeddingRequestCount).toBe(3);
  });

  it('times out a request that does not answer, retrying it', async () => {
    failFirst(1, delayed(vectorsFor(['a']), 2000));
    const { model, retries } = build({ timeoutMs: 100 });
    await model.embed(['a']);
    expect(retries[0]?.reason).toMatch(/no answer within 100 ms/);
  });

  it("does not retry llama.cpp's 500 for an input over its batch size", async () => {
    failFirst(
      9,
      serverError('input (3502 tokens) is too large to process. increase the physical batch size'),
    );
    const error = await build()
      .model.embed(['long'])
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(server.embeddingRequestCount).toBe(1);
  });

  it('fails at once with MODEL_OUTPUT on a null value', async () => {
    server.setEmbeddingBehaviour(() =>
      fakeEmbeddings([
        [0.1, null],
        [0.3, 0.4],
      ]),
    );
    const error = await build()
      .model.embed(['a', 'b'])
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'MODEL_OUTPUT' });
    expect((error as Error).message).toMatch(/value 1 is null/);
    expect(server.embeddingRequestCount).toBe(1);
  });

  it('fails at once on a 401 and refuses impossible options', async () => {
    server.setEmbeddingBehaviour(() => ({ type: 'error', status: 401, message: 'bad key' }));
    await expect(build().model.embed(['a'])).rejects.toMatchObject({
      code: 'MODEL_UNAVAILABLE',
      message: expect.stringMatching(/401: bad key/),
    });
    expect(server.embeddingRequestCount).toBe(1);
    expect(() => build({ batchSize: 0 })).toThrow(/batchSize/);
    expect(() => build({ dimensions: 1.5 })).toThrow(/dimensions/);
    expect(() => build({ baseUrl: 'ftp://x' })).toThrow(/http/);
  });

  it('scopes the cache key when one name may serve different weights', () => {
    expect(build({ cacheScope: 'llama@host' }).model.cacheKey).toBe(
      'llama@host/text-embedding-3-small',
    );
  });
});

function vectorsFor(texts: readonly string[]): FakeEmbeddingReply {
  return fakeEmbeddings(texts.map((t) => fakeEmbeddingVector(t, 8)));
}

embeddingModelContract('openai-compatible', async (options) => {
  const server = await startFakeOpenAiServer();
  return {
    model: createOpenAiCompatibleEmbeddings({ baseUrl: server.url, maxRetries: 0, ...options }),
    setBehaviour: (respond) => server.setEmbeddingBehaviour(respond),
    requests: () => server.embeddingRequests.map(inputsOf),
    close: () => server.close(),
  };
});

embeddingModelContract('openai-compatible (base64)', async (options) => {
  const server = await startFakeOpenAiServer();
  return {
    model: createOpenAiCompatibleEmbeddings({
      baseUrl: server.url,
      maxRetries: 0,
      encodingFormat: 'base64',
      ...options,
    }),
    setBehaviour: (respond) => server.setEmbeddingBehaviour(respond),
    requests: () => server.embeddingRequests.map(inputsOf),
    close: () => server.close(),
  };
});

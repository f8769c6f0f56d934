/**
 * hilo's embeddings adapter, the store's embedding cache and `embedTexts` against a real
 * OpenAI-compatible server (llama.cpp's llama-server with `--embeddings --pooling mean` and a
 * tiny random-weight model). The vectors mean nothing, so the tests check protocol properties:
 * dimensions, determinism, order, base64, errors, and that the cache spares the second call.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EmbeddingModel, EmbeddingResult } from '../../src/core/ports/embedding-model.js';
import { createOpenAiCompatibleEmbeddings } from '../../src/llm/openai-compatible-embeddings.js';
import { embedTexts } from '../../src/pipeline/learn/index.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { LLAMA_EMBED_URL, TINY_EMBEDDING, noteSkip } from './llama-server-env.js';

const texts = [
  'The delivery was late but the food was great.',
  'Worst purchase ever.',
  'The delivery was late but the food was great.',
  'ok',
];

/** Counts the batches a model is asked for, to see what the cache spared. */
function counting(model: EmbeddingModel): { model: EmbeddingModel; calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    model: {
      name: model.name,
      cacheKey: model.cacheKey,
      get dimensions() {
        return model.dimensions;
      },
      embed: (batch): Promise<EmbeddingResult> => {
        calls.push([...batch]);
        return model.embed(batch);
      },
    },
  };
}

if (!LLAMA_EMBED_URL) noteSkip('HILO_LLAMA_EMBED_URL', 'llama-server embeddings adapter tests');

describe.skipIf(!LLAMA_EMBED_URL)('createOpenAiCompatibleEmbeddings against llama-server', () => {
  // A skipped describe still runs its body to collect the tests: give it a URL that parses.
  const baseUrl = LLAMA_EMBED_URL ?? 'http://127.0.0.1:1';
  // No retries: a real server that fails here must fail the test, not be papered over.
  const options = {
    baseUrl,
    model: 'tiny',
    cacheScope: 'tiny-llama',
    maxRetries: 0,
    timeoutMs: 20_000,
  };
  const dir = mkdtempSync(join(tmpdir(), 'hilo-embed-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('returns one vector of the model dimension per text, equal texts equal vectors', async () => {
    const model = createOpenAiCompatibleEmbeddings(options);
    const result = await model.embed(texts);
    expect(result.vectors).toHaveLength(texts.length);
    for (const vector of result.vectors) {
      expect(vector).toHaveLength(TINY_EMBEDDING);
      expect(vector.every(Number.isFinite)).toBe(true);
    }
    expect(model.dimensions).toBe(TINY_EMBEDDING);
    expect(result.vectors[2]).toEqual(result.vectors[0]);
    expect(result.vectors[1]).not.toEqual(result.vectors[0]);
    expect(result.promptTokens).toBeGreaterThan(0);
    expect(result.costUsd).toBe(0); // a self-hosted model has no list price
  });

  it('gives the same vectors alone, in other batches, concurrently and as base64', async () => {
    const whole = await createOpenAiCompatibleEmbeddings(options).embed(texts);
    const split = await createOpenAiCompatibleEmbeddings({
      ...options,
      batchSize: 1,
      concurrency: 2,
    }).embed(texts);
    const base64 = await createOpenAiCompatibleEmbeddings({
      ...options,
      encodingFormat: 'base64',
    }).embed(texts);
    for (let i = 0; i < texts.length; i++) {
      const expected = Array.from(whole.vectors[i] ?? []).map((x) => expect.closeTo(x, 5));
      expect(Array.from(split.vectors[i] ?? [])).toEqual(expected);
      expect(Array.from(base64.vectors[i] ?? [])).toEqual(expected);
    }
  });

  it('refuses an input over the batch size at once, as INVALID_INPUT', async () => {
    const model = createOpenAiCompatibleEmbeddings({ ...options, maxRetries: 3 });
    await expect(model.embed(['word '.repeat(2000)])).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/too large/),
    });
  });

  it('caches in the store: the second call sends nothing and returns the same vectors', async () => {
    const store = await openSqliteStore({ path: join(dir, 'cache.db') });
    try {
      const first = counting(createOpenAiCompatibleEmbeddings(options));
      const fresh = await embedTexts({ store, model: first.model, texts, batchSize: 2 });
      expect(first.calls.flat().sort()).toEqual([...new Set(texts)].sort());
      expect(fresh).toMatchObject({ fromCache: 0, fetched: 3 });

      const second = counting(createOpenAiCompatibleEmbeddings(options));
      const cached = await embedTexts({ store, model: second.model, texts });
      expect(second.calls).toEqual([]);
      expect(cached).toMatchObject({ fromCache: 3, fetched: 0, promptTokens: 0 });
      expect(cached.vectors).toEqual(fresh.vectors);
    } finally {
      await store.close();
    }
  });
});

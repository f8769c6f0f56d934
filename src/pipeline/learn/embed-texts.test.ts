import { describe, expect, it } from 'vitest';
import { HiloError } from '../../core/errors.js';
import type { EmbeddingModel, EmbeddingResult, Progress } from '../../core/ports/index.js';
import { embedTexts } from './embed-texts.js';
import { MemoryStore } from '../../testing/fakes/memory-store.js';

/** A model that embeds a text as [length, first char code, 1] and counts its requests. */
function countingModel(options: { failOnCall?: number; dimensions?: number } = {}) {
  const requests: string[][] = [];
  const model: EmbeddingModel = {
    name: 'fake',
    cacheKey: 'fake-scope/fake',
    dimensions: options.dimensions,
    embed(texts): Promise<EmbeddingResult> {
      requests.push([...texts]);
      if (requests.length === options.failOnCall) {
        return Promise.reject(new HiloError('MODEL_UNAVAILABLE', 'server went away'));
      }
      return Promise.resolve({
        vectors: texts.map((t) => Float32Array.of(t.length, t.charCodeAt(0) || 0, 1)),
        promptTokens: texts.length * 10,
        costUsd: texts.length * 0.001,
        latencyMs: 1,
      });
    },
  };
  return { model, requests };
}

const texts = Array.from({ length: 10 }, (_, i) => `text number ${i}`);

describe('embedTexts', () => {
  it('fetches each distinct text once, in batches, and returns vectors in input order', async () => {
    const store = new MemoryStore();
    const { model, requests } = countingModel();
    const input = ['b', 'a', 'b', 'ccc'];
    const result = await embedTexts({ store, model, texts: input, batchSize: 2 });
    expect(requests.flat().sort()).toEqual(['a', 'b', 'ccc']);
    expect(requests.every((r) => r.length <= 2)).toBe(true);
    expect(result.vectors.map((v) => Array.from(v))).toEqual(
      input.map((t) => [t.length, t.charCodeAt(0), 1]),
    );
    expect(result).toMatchObject({ fromCache: 0, fetched: 3, promptTokens: 30 });
    expect(result.costUsd).toBeCloseTo(0.003, 12);
  });

  it('pays nothing the second time: every vector comes from the store', async () => {
    const store = new MemoryStore();
    const first = countingModel();
    const before = await embedTexts({ store, model: first.model, texts });
    const second = countingModel();
    const again = await embedTexts({ store, model: second.model, texts });
    expect(second.requests).toEqual([]);
    expect(again).toMatchObject({ fromCache: 10, fetched: 0, promptTokens: 0, costUsd: 0 });
    expect(again.vectors).toEqual(before.vectors);
  });

  it('resumes a run killed half-way without sending any text twice', async () => {
    const store = new MemoryStore();
    const broken = countingModel({ failOnCall: 3 });
    await expect(
      embedTexts({ store, model: broken.model, texts, batchSize: 2, concurrency: 1 }),
    ).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE' });
    expect(broken.requests).toHaveLength(3);

    const healthy = countingModel();
    const result = await embedTexts({ store, model: healthy.model, texts, batchSize: 2 });
    // Batches 1 and 2 were stored before the failure; only the 6 texts after them are sent.
    expect(result).toMatchObject({ fromCache: 4, fetched: 6 });
    expect(healthy.requests.flat()).toEqual(texts.slice(4));
    const paid = [...broken.requests.slice(0, 2), ...healthy.requests].flat();
    expect(paid.sort()).toEqual([...texts].sort());
  });

  it('stores the batches still in flight when one fails', async () => {
    const store = new MemoryStore();
    const broken = countingModel({ failOnCall: 1 });
    await expect(
      embedTexts({ store, model: broken.model, texts, batchSize: 5, concurrency: 2 }),
    ).rejects.toThrow('server went away');
    const cached = await store.getEmbeddings('fake-scope/fake', texts);
    expect([...cached.keys()]).toEqual(texts.slice(5));
  });

  it('keeps models apart by cache key', async () => {
    const store = new MemoryStore();
    await embedTexts({ store, model: countingModel().model, texts });
    const other = countingModel();
    await embedTexts({ store, model: { ...other.model, cacheKey: 'another' }, texts });
    expect(other.requests.flat()).toHaveLength(10);
  });

  it('refuses cached vectors of another length than the model gives', async () => {
    const store = new MemoryStore();
    await store.putEmbeddings('fake-scope/fake', [{ text: 'a', vector: Float32Array.of(1) }]);
    const { model } = countingModel({ dimensions: 3 });
    await expect(embedTexts({ store, model, texts: ['a', 'b'] })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('reports progress over distinct texts, cache hits first, with the money spent', async () => {
    const store = new MemoryStore();
    await store.putEmbeddings('fake-scope/fake', [
      { text: 'a', vector: Float32Array.of(1, 97, 1) },
    ]);
    const events: string[] = [];
    const progress: Progress = {
      start: (label, total) => events.push(`start ${label} ${total}`),
      update: (done, spend) => events.push(`update ${done} ${spend?.toFixed(3)}`),
      finish: (message) => events.push(`finish ${message}`),
    };
    const { model } = countingModel();
    await embedTexts({
      store,
      model,
      texts: ['a', 'b', 'c', 'a'],
      batchSize: 1,
      concurrency: 1,
      progress,
    });
    expect(events).toEqual([
      'start embedding with fake 3',
      'update 1 0.000',
      'update 2 0.001',
      'update 3 0.002',
      'finish done',
    ]);
  });

  it('refuses impossible batch sizes', async () => {
    const { model } = countingModel();
    await expect(
      embedTexts({ store: new MemoryStore(), model, texts, batchSize: 0 }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

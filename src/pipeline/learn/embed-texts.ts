import { HiloError } from '../../core/errors.js';
import type { EmbeddingModel, Progress, Store } from '../../core/ports/index.js';

export interface EmbedTextsOptions {
  readonly store: Store;
  readonly model: EmbeddingModel;
  readonly texts: readonly string[];
  readonly progress?: Progress;
  /** Texts per call of `model.embed`; each call's vectors are stored as soon as they come. Default 256. */
  readonly batchSize?: number;
  /** Calls of `model.embed` in flight at once. Default 4. */
  readonly concurrency?: number;
}

export interface EmbedTextsResult {
  /** One vector per text, in input order (equal texts share one vector object). */
  readonly vectors: Float32Array[];
  /** Distinct texts found in the store's cache. */
  readonly fromCache: number;
  /** Distinct texts sent to the model (and now cached). */
  readonly fetched: number;
  /** What this call paid: tokens and USD of the texts fetched. */
  readonly promptTokens: number;
  readonly costUsd: number;
}

/**
 * The vectors of `texts` under `model`, paying only for what the store has not cached: cached
 * vectors (under `model.cacheKey`) are read first, each distinct missing text is sent once, in
 * batches of `batchSize` with `concurrency` batches in flight, and every batch is stored as it
 * arrives, so a run killed half-way resumes without paying twice. If a batch fails, batches
 * already in flight are still stored before the error is rethrown. A store without an
 * embedding cache (no `getEmbeddings`) gets everything fetched.
 * @example
 * const { vectors, costUsd } = await embedTexts({ store, model, texts: items.map(itemText) });
 * Complexity: O(texts) store reads plus O(missing / batchSize) model calls; memory O(texts × dimensions).
 * @throws HiloError from the model (e.g. MODEL_UNAVAILABLE), or CONFLICT when cached vectors
 * differ in length from each other or from the model's (one cache key serving two models).
 */
export async function embedTexts(options: EmbedTextsOptions): Promise<EmbedTextsResult> {
  const { store, model, texts, progress } = options;
  const batchSize = options.batchSize ?? 256;
  const concurrency = options.concurrency ?? 4;
  if (
    !Number.isInteger(batchSize) ||
    batchSize < 1 ||
    !Number.isInteger(concurrency) ||
    concurrency < 1
  ) {
    throw new HiloError(
      'INVALID_INPUT',
      `batchSize and concurrency must be whole numbers ≥ 1, got ${batchSize} and ${concurrency}`,
    );
  }
  const distinct = [...new Set(texts)];
  const known =
    (await store.getEmbeddings?.(model.cacheKey, distinct)) ?? new Map<string, Float32Array>();
  const fromCache = known.size;
  const missing = distinct.filter((text) => !known.has(text));
  const batches: string[][] = [];
  for (let start = 0; start < missing.length; start += batchSize) {
    batches.push(missing.slice(start, start + batchSize));
  }

  progress?.start(`embedding with ${model.name}`, distinct.length);
  let done = fromCache;
  let promptTokens = 0;
  let costUsd = 0;
  progress?.update(done, costUsd);
  let next = 0;
  let failure: { readonly error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < batches.length) {
      const batch = batches[next++] as string[];
      try {
        const result = await model.embed(batch);
        const entries = batch.map((text, i) => ({
          text,
          vector: result.vectors[i] as Float32Array,
        }));
        await store.putEmbeddings?.(model.cacheKey, entries);
        for (const { text, vector } of entries) known.set(text, vector);
        done += batch.length;
        promptTokens += result.promptTokens;
        costUsd += result.costUsd;
        progress?.update(done, costUsd);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
  if (failure !== undefined) {
    progress?.finish('failed');
    throw failure.error;
  }
  progress?.finish('done');

  const vectors = texts.map((text) => known.get(text) as Float32Array);
  checkDimensions(vectors, model);
  return { vectors, fromCache, fetched: missing.length, promptTokens, costUsd };
}

function checkDimensions(vectors: readonly Float32Array[], model: EmbeddingModel): void {
  const expected = model.dimensions ?? vectors[0]?.length;
  const odd = vectors.find((v) => v.length !== expected);
  if (odd === undefined) return;
  throw new HiloError(
    'CONFLICT',
    `embeddings cached under "${model.cacheKey}" have ${odd.length} dimensions where ${expected} were expected: one cache key serves two models; give the model a cache scope of its own`,
  );
}

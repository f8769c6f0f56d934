import { tokenCost } from '../core/cost/token-cost.js';
import { HiloError } from '../core/errors.js';
import type { EmbeddingModel, EmbeddingResult } from '../core/ports/embedding-model.js';
import { DEFAULT_EMBEDDINGS_BATCH_SIZE, type ModelPrice } from '../core/project.js';
import { apiUrl } from './api-url.js';
import type { AttemptFailure } from './http-attempt.js';
import {
  parseEmbeddingsResponse,
  readEmbeddingVectors,
} from './openai-compatible-embeddings-response.js';
import { priceOf } from './price-table.js';
import { createRetryingClient, type HttpClientOptions } from './retrying-client.js';

/** Options of `createOpenAiCompatibleEmbeddings`; `baseUrl` and `model` are required. */
export interface OpenAiCompatibleEmbeddingsOptions extends HttpClientOptions {
  /** Sent as `model`; llama.cpp ignores it, so set `cacheScope` there. */
  readonly model: string;
  /** Texts per request. Default 64. */
  readonly batchSize?: number;
  /** The expected vector length; when absent, the first answer sets it. */
  readonly dimensions?: number;
  /** Ask for `base64` vectors (a third of the bytes of JSON numbers). Default `float`. */
  readonly encodingFormat?: 'float' | 'base64';
  /** Makes `cacheKey` `scope/model`: set it when one model name may serve different weights. */
  readonly cacheScope?: string;
  /** The project's price table (`prices.models`), before the defaults; see `priceOf`. */
  readonly prices?: Readonly<Record<string, ModelPrice>>;
}

/**
 * An EmbeddingModel over any OpenAI-compatible `POST /v1/embeddings` (OpenAI, vLLM, Ollama,
 * llama.cpp's llama-server with `--embeddings`). `embed` splits the texts into requests of
 * `batchSize` (`{ model, input: string[] }`), sends them at once under the shared request
 * policy (`createRetryingClient`: rate limits, `concurrency` requests in flight, retries of
 * 429/408/5xx with `Retry-After`, timeouts), and returns the vectors in input order. An answer
 * with the wrong number of vectors, differing or unexpected lengths, or values that are not
 * finite numbers fails at once with MODEL_OUTPUT (a retry would get the same); llama.cpp's
 * 500 for an input over its batch size fails at once with INVALID_INPUT. Cost is the reported
 * prompt tokens at the model's input price (0 when the price is unknown). llama.cpp's server
 * with several slots (`-np` > 1) decodes texts of different lengths together and a text's
 * vector then depends on its neighbours (cosine down to 0.85 measured): serve embeddings with
 * `-np 1` so that equal texts always get equal vectors.
 * @example
 * const model = createOpenAiCompatibleEmbeddings({ baseUrl: 'https://api.openai.com/v1', apiKey, model: 'text-embedding-3-small' });
 * const { vectors, costUsd } = await model.embed(['first text', 'second text']);
 * Complexity: O(total characters + texts × dimensions) per call, plus waiting.
 * @throws HiloError INVALID_INPUT on impossible options.
 */
export function createOpenAiCompatibleEmbeddings(
  options: OpenAiCompatibleEmbeddingsOptions,
): EmbeddingModel {
  const batchSize = options.batchSize ?? DEFAULT_EMBEDDINGS_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new HiloError('INVALID_INPUT', `batchSize must be a whole number ≥ 1, got ${batchSize}`);
  }
  if (
    options.dimensions !== undefined &&
    !(Number.isInteger(options.dimensions) && options.dimensions > 0)
  ) {
    throw new HiloError(
      'INVALID_INPUT',
      `dimensions must be a whole number ≥ 1, got ${options.dimensions}`,
    );
  }
  const client = createRetryingClient(apiUrl(options.baseUrl, 'embeddings'), options);
  const price = priceOf(options.model, options.prices);
  let dimensions = options.dimensions;

  const embedBatch = async (texts: readonly string[]): Promise<EmbeddingResult> => {
    let chars = 0;
    for (const text of texts) chars += text.length;
    const estimate = Math.ceil(chars / 4);
    const { value, latencyMs } = await client.send({
      body: JSON.stringify({
        model: options.model,
        input: texts,
        ...(options.encodingFormat === 'base64' && { encoding_format: 'base64' }),
      }),
      estimatedTokens: estimate,
      parse: parseEmbeddingsResponse,
      refine: inputTooLarge,
    });
    const promptTokens = value.promptTokens ?? estimate;
    client.reconcileTokens(promptTokens - estimate);
    const read = readEmbeddingVectors(value.data, texts.length, dimensions);
    if (!read.ok) {
      throw new HiloError('MODEL_OUTPUT', `embeddings answer of ${options.model}: ${read.reason}`);
    }
    dimensions ??= read.value[0]?.length;
    return {
      vectors: read.value,
      promptTokens,
      costUsd: price ? tokenCost({ tokensIn: promptTokens, tokensOut: 0 }, price) : 0,
      latencyMs,
    };
  };

  const embed = async (texts: readonly string[]): Promise<EmbeddingResult> => {
    const batches: (readonly string[])[] = [];
    for (let start = 0; start < texts.length; start += batchSize) {
      batches.push(texts.slice(start, start + batchSize));
    }
    const results = await Promise.all(batches.map(embedBatch));
    return {
      vectors: results.flatMap((r) => r.vectors),
      promptTokens: results.reduce((sum, r) => sum + r.promptTokens, 0),
      costUsd: results.reduce((sum, r) => sum + r.costUsd, 0),
      latencyMs: results.reduce((sum, r) => sum + r.latencyMs, 0),
    };
  };

  return {
    name: options.model,
    cacheKey: options.cacheScope ? `${options.cacheScope}/${options.model}` : options.model,
    get dimensions() {
      return dimensions;
    },
    embed,
  };
}

/** llama.cpp answers 500 to an input longer than its batch: no retry can fix that. */
function inputTooLarge(failure: AttemptFailure): AttemptFailure {
  if (failure.status === 500 && /too large to process|exceed/i.test(failure.reason)) {
    return { ...failure, retryable: false, code: 'INVALID_INPUT' };
  }
  return failure;
}

import { HiloError } from '../../core/errors.js';
import type { EmbeddingModel, EmbeddingResult } from '../../core/ports/embedding-model.js';
import {
  parseEmbeddingsResponse,
  readEmbeddingVectors,
} from '../../llm/openai-compatible-embeddings-response.js';
import {
  type FakeEmbeddingResponder,
  embeddingsResponder,
  embeddingsWireBody,
} from './fake-embeddings.js';
import { scriptedReplyJson } from './scripted-reply.js';

/** Options of `createScriptedEmbeddings`; all optional. */
export interface ScriptedEmbeddingsOptions {
  /** Default `fake-embeddings`. */
  readonly model?: string;
  /** Default: `embeddingsResponder(8)`, a unit vector per text. */
  readonly respond?: FakeEmbeddingResponder;
  /** Texts per request. Default 64, as the adapter. */
  readonly batchSize?: number;
  /** The expected vector length; when absent, the first answer sets it. */
  readonly dimensions?: number;
}

/** An in-process EmbeddingModel driven by the fake server's embeddings responders. */
export interface ScriptedEmbeddings extends EmbeddingModel {
  /** The texts of every request, in order. */
  readonly requests: readonly (readonly string[])[];
  setBehaviour(respond: FakeEmbeddingResponder): void;
}

/**
 * An EmbeddingModel without HTTP, for tests of code that only needs the port: texts go out in
 * batches as the adapter sends them, each reply is rendered exactly as the fake server would
 * send it and read back by the adapter's own parser, so both give equal vectors and equal
 * MODEL_OUTPUT failures. Error replies throw what the adapter throws once retries are spent; no
 * price table (cost 0), `delayMs` only adds to `latencyMs`.
 * @example
 * const model = createScriptedEmbeddings({ dimensions: 8 });
 * (await model.embed(['a', 'b'])).vectors; // two Float32Array(8)
 * Complexity: O(texts × dimensions) per call.
 */
export function createScriptedEmbeddings(
  options: ScriptedEmbeddingsOptions = {},
): ScriptedEmbeddings {
  const name = options.model ?? 'fake-embeddings';
  const batchSize = options.batchSize ?? 64;
  let respond = options.respond ?? embeddingsResponder();
  let dimensions = options.dimensions;
  const requests: string[][] = [];

  const embedBatch = async (texts: readonly string[]): Promise<EmbeddingResult> => {
    const body = { model: name, input: [...texts] };
    requests.push(body.input);
    const reply = await respond(body, requests.length - 1);
    const json =
      reply.type === 'embeddings' ? embeddingsWireBody(reply, body) : scriptedReplyJson(reply);
    const parsed = parseEmbeddingsResponse(json);
    if (!parsed.ok) {
      throw new HiloError('MODEL_UNAVAILABLE', `unexpected response body (${parsed.reason})`);
    }
    const read = readEmbeddingVectors(parsed.value.data, texts.length, dimensions);
    if (!read.ok)
      throw new HiloError('MODEL_OUTPUT', `embeddings answer of ${name}: ${read.reason}`);
    dimensions ??= read.value[0]?.length;
    const estimate = Math.ceil(texts.reduce((sum, text) => sum + text.length, 0) / 4);
    return {
      vectors: read.value,
      promptTokens: parsed.value.promptTokens ?? estimate,
      costUsd: 0,
      latencyMs: reply.delayMs ?? 0,
    };
  };

  return {
    name,
    cacheKey: name,
    get dimensions() {
      return dimensions;
    },
    requests,
    setBehaviour(next) {
      respond = next;
    },
    async embed(texts) {
      const results: EmbeddingResult[] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        results.push(await embedBatch(texts.slice(start, start + batchSize)));
      }
      return {
        vectors: results.flatMap((r) => r.vectors),
        promptTokens: results.reduce((sum, r) => sum + r.promptTokens, 0),
        costUsd: 0,
        latencyMs: results.reduce((sum, r) => sum + r.latencyMs, 0),
      };
    },
  };
}

/** What one `embed` call returned. */
export interface EmbeddingResult {
  /** One vector per input text, in input order, each `dimensions` long. */
  readonly vectors: Float32Array[];
  /** Input tokens as the server reported them (estimated as characters / 4 where it did not). */
  readonly promptTokens: number;
  /** From `promptTokens` and the price table; 0 when the model's price is unknown (self-hosted). */
  readonly costUsd: number;
  /** Summed over the requests the call needed. */
  readonly latencyMs: number;
}

/**
 * A text embedding model behind an OpenAI-compatible `/v1/embeddings` API. The adapter handles
 * batching, concurrency, retries, rate limits and timeouts; callers see every vector or a
 * HiloError (`MODEL_UNAVAILABLE`, `TIMEOUT`, `INVALID_INPUT` for an input the server refuses,
 * `MODEL_OUTPUT` for an answer that is not one vector per text of one dimension).
 */
export interface EmbeddingModel {
  /** The model name sent to the server. */
  readonly name: string;
  /**
   * The key vectors are cached under: the name, plus a scope when one name may serve different
   * weights (a self-hosted server answers to any name).
   */
  readonly cacheKey: string;
  /** Length of every vector: as configured, else learnt from the first answer (undefined until then). */
  readonly dimensions: number | undefined;
  embed(texts: readonly string[]): Promise<EmbeddingResult>;
}

import type { ModelPrice } from '../project.js';

/** Tokens sent to a model and tokens it answered with. */
export interface TokenCount {
  readonly tokensIn: number;
  readonly tokensOut: number;
}

/**
 * The price in USD of tokens at a model's list price per million tokens: the one place hilo
 * turns tokens into money (LLM calls, cost estimates, embeddings, plans). Cached answers cost
 * nothing; callers do not charge them.
 * @example tokenCost({ tokensIn: 1000, tokensOut: 10 }, { inputPerMTok: 0.15, outputPerMTok: 0.6 }) // 0.000156
 * Complexity: O(1).
 */
export function tokenCost(tokens: TokenCount, price: ModelPrice): number {
  return (tokens.tokensIn * price.inputPerMTok + tokens.tokensOut * price.outputPerMTok) / 1e6;
}

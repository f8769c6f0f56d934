import type { VoteMatrix } from '../aggregation/vote-matrix.js';
import { classCounts } from './percent-agreement.js';

/**
 * Fleiss' κ (1971) from a table of counts (`items × K`: how many raters put item i in class
 * k). Items may have different numbers of raters: P_i uses each item's own n_i, and items with
 * fewer than 2 ratings are skipped; with a constant n this is Fleiss' formula exactly.
 * NaN when chance agreement is 1 (every rating in one class) or no item has 2 ratings.
 * @example fleissKappaFromCounts(Float64Array.of(2, 0, 1, 1), 2); // 2 items, 2 raters
 * Complexity: O(items × K).
 */
export function fleissKappaFromCounts(counts: Float64Array, K: number): number {
  const numItems = counts.length / K;
  const classTotals = new Float64Array(K);
  let ratings = 0;
  let observed = 0;
  let items = 0;
  for (let i = 0; i < numItems; i++) {
    let n = 0;
    let pairs = 0;
    for (let k = 0; k < K; k++) {
      const c = counts[i * K + k] as number;
      n += c;
      pairs += c * (c - 1);
    }
    if (n < 2) continue;
    for (let k = 0; k < K; k++) classTotals[k]! += counts[i * K + k] as number;
    ratings += n;
    observed += pairs / (n * (n - 1));
    items++;
  }
  if (items === 0) return Number.NaN;
  const pBar = observed / items;
  let expected = 0;
  for (let k = 0; k < K; k++) expected += ((classTotals[k] as number) / ratings) ** 2;
  return expected < 1 ? (pBar - expected) / (1 - expected) : Number.NaN;
}

/**
 * Fleiss' κ of all votes of a matrix (soft votes count as their argmax).
 * @example fleissKappa(matrix);
 * Complexity: O(votes + items × K).
 */
export function fleissKappa(matrix: VoteMatrix): number {
  return fleissKappaFromCounts(classCounts(matrix), matrix.numClasses);
}

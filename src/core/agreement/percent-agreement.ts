import type { VoteMatrix } from '../aggregation/vote-matrix.js';

/**
 * Per item, the number of votes for each class (soft votes count as their argmax):
 * `items × K`. The table multi-rater agreement measures start from.
 * @example classCounts(matrix)[i * K + k]; // votes for class k on item i
 * Complexity: O(votes + items × K).
 */
export function classCounts(matrix: VoteMatrix): Float64Array {
  const { numItems, numClasses: K, itemOffsets, label } = matrix;
  const counts = new Float64Array(numItems * K);
  for (let i = 0; i < numItems; i++) {
    for (let v = itemOffsets[i] as number; v < (itemOffsets[i + 1] as number); v++) {
      counts[i * K + (label[v] as number)]! += 1;
    }
  }
  return counts;
}

/**
 * Share of agreeing pairs of votes on each item (NaN for items with fewer than 2 votes).
 * @example itemAgreement(matrix); // Float64Array, one value per item
 * Complexity: O(votes + items × K).
 */
export function itemAgreement(matrix: VoteMatrix): Float64Array {
  const K = matrix.numClasses;
  const counts = classCounts(matrix);
  const out = new Float64Array(matrix.numItems);
  for (let i = 0; i < matrix.numItems; i++) {
    let n = 0;
    let agreeing = 0;
    for (let k = 0; k < K; k++) {
      const c = counts[i * K + k] as number;
      n += c;
      agreeing += c * (c - 1);
    }
    out[i] = n >= 2 ? agreeing / (n * (n - 1)) : Number.NaN;
  }
  return out;
}

/**
 * Percent agreement: the mean over items with at least 2 votes of the share of agreeing pairs
 * of votes (Fleiss' P̄). NaN when no item has 2 votes.
 * @example percentAgreement(matrix); // 0.83
 * Complexity: O(votes + items × K).
 */
export function percentAgreement(matrix: VoteMatrix): number {
  let sum = 0;
  let count = 0;
  for (const p of itemAgreement(matrix)) {
    if (Number.isNaN(p)) continue;
    sum += p;
    count++;
  }
  return count > 0 ? sum / count : Number.NaN;
}

import type { VoteMatrix } from './vote-matrix.js';

/**
 * Weighted vote share per item and class: hard votes add their weight to their class, soft
 * votes spread it over their probability vector. The weight of a vote is the annotator's
 * `annotatorWeight` times `skill[a]` (when given). Items without (positive) votes get uniform rows.
 * @example voteShares(matrix); // Float64Array items × K, rows sum to 1
 * Complexity: O(votes + soft votes × K + items × K).
 */
export function voteShares(matrix: VoteMatrix, skill?: Float64Array): Float64Array {
  const { numItems, numClasses: K, itemOffsets, annotator, label, softRow, soft } = matrix;
  const weight = matrix.annotatorWeight;
  const shares = new Float64Array(numItems * K);
  for (let i = 0; i < numItems; i++) {
    const base = i * K;
    let total = 0;
    for (let v = itemOffsets[i] as number, end = itemOffsets[i + 1] as number; v < end; v++) {
      const a = annotator[v] as number;
      const w = (weight ? (weight[a] as number) : 1) * (skill ? (skill[a] as number) : 1);
      if (w === 0) continue;
      total += w;
      const row = softRow ? (softRow[v] as number) : -1;
      if (row < 0 || !soft) {
        shares[base + (label[v] as number)]! += w;
      } else {
        for (let k = 0; k < K; k++) shares[base + k]! += w * (soft[row * K + k] as number);
      }
    }
    if (total > 0) {
      for (let k = 0; k < K; k++) shares[base + k]! /= total;
    } else {
      shares.fill(1 / K, base, base + K);
    }
  }
  return shares;
}

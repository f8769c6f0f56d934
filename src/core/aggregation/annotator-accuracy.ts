import type { VoteMatrix } from './vote-matrix.js';

/**
 * Per annotator: the share of their votes that equal `labels` (a soft vote counts the
 * probability it gave to the label). Annotators without votes get 0.
 * @example annotatorAccuracy(matrix, majorityVote(matrix).labels);
 * Complexity: O(votes).
 */
export function annotatorAccuracy(matrix: VoteMatrix, labels: Int32Array): Float64Array {
  const { numAnnotators, numClasses: K, numVotes, item, annotator, label, softRow, soft } = matrix;
  const hits = new Float64Array(numAnnotators);
  const totals = new Float64Array(numAnnotators);
  for (let v = 0; v < numVotes; v++) {
    const a = annotator[v] as number;
    const truth = labels[item[v] as number] as number;
    const row = softRow ? (softRow[v] as number) : -1;
    totals[a]! += 1;
    if (row >= 0 && soft) hits[a]! += soft[row * K + truth] as number;
    else if (label[v] === truth) hits[a]! += 1;
  }
  for (let a = 0; a < numAnnotators; a++) {
    const total = totals[a] as number;
    hits[a] = total > 0 ? (hits[a] as number) / total : 0;
  }
  return hits;
}

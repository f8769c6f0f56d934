import { createVoteMatrix, type VoteMatrix, type VoteMatrixInput } from './vote-matrix.js';

/**
 * New votes for an existing matrix; indices may go past the old item and annotator counts.
 * @example appendVotes(matrix, { item: Int32Array.of(7), annotator: Int32Array.of(2), label: Int32Array.of(1) })
 */
export type NewVotes = Omit<VoteMatrixInput, 'numClasses'> & { readonly numClasses?: number };

/**
 * A matrix with the votes of `matrix` followed by `extra`. Within an item the old votes come
 * first (the sort is stable), so the new votes of item `i` are its last
 * `count(i) − oldCount(i)` votes. Weights: `extra.annotatorWeight` when given, otherwise the
 * old ones with 1 for new annotators.
 * @example appendVotes(matrix, { item: Int32Array.of(7), annotator: Int32Array.of(2), label: Int32Array.of(1) });
 * Complexity: O(old votes + new votes + items + annotators).
 */
export function appendVotes(matrix: VoteMatrix, extra: NewVotes): VoteMatrix {
  const n0 = matrix.numVotes;
  const n1 = extra.item.length;
  const K = matrix.numClasses;
  const item = new Int32Array(n0 + n1);
  const annotator = new Int32Array(n0 + n1);
  const label = new Int32Array(n0 + n1);
  item.set(matrix.item);
  item.set(extra.item, n0);
  annotator.set(matrix.annotator);
  annotator.set(extra.annotator, n0);
  label.set(matrix.label);
  label.set(extra.label, n0);
  let maxItem = matrix.numItems - 1;
  let maxAnnotator = matrix.numAnnotators - 1;
  for (let v = 0; v < n1; v++) {
    maxItem = Math.max(maxItem, extra.item[v] as number);
    maxAnnotator = Math.max(maxAnnotator, extra.annotator[v] as number);
  }
  const numItems = Math.max(extra.numItems ?? 0, maxItem + 1);
  const numAnnotators = Math.max(extra.numAnnotators ?? 0, maxAnnotator + 1);
  const softVotes: number[] = [];
  const softRows: number[] = [];
  if (matrix.softRow && matrix.soft) {
    for (let v = 0; v < n0; v++) {
      const row = matrix.softRow[v] as number;
      if (row < 0) continue;
      softVotes.push(v);
      for (let k = 0; k < K; k++) softRows.push(matrix.soft[row * K + k] as number);
    }
  }
  if (extra.soft) {
    for (let r = 0; r < extra.soft.votes.length; r++) {
      softVotes.push(n0 + (extra.soft.votes[r] as number));
      for (let k = 0; k < K; k++) softRows.push(extra.soft.probabilities[r * K + k] as number);
    }
  }
  let annotatorWeight = extra.annotatorWeight;
  if (!annotatorWeight && matrix.annotatorWeight) {
    annotatorWeight = new Float64Array(numAnnotators).fill(1);
    annotatorWeight.set(matrix.annotatorWeight);
  }
  return createVoteMatrix({
    numClasses: K,
    numItems,
    numAnnotators,
    item,
    annotator,
    label,
    ...(softVotes.length > 0
      ? { soft: { votes: Int32Array.from(softVotes), probabilities: Float64Array.from(softRows) } }
      : {}),
    ...(annotatorWeight ? { annotatorWeight } : {}),
  });
}

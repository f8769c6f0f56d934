import type { VoteMatrix } from '../aggregation/vote-matrix.js';

/**
 * How each annotator agrees with an aggregate (e.g. the labels of an aggregator).
 * @example const { agreement, kappa } = annotatorAgreement(matrix, dawidSkene(matrix).labels); agreement[0]
 */
export interface AnnotatorAgreement {
  /** Votes per annotator. */
  readonly votes: Int32Array;
  /** Share of the annotator's votes equal to the aggregate label; NaN without votes. */
  readonly agreement: Float64Array;
  /**
   * Cohen's κ between the annotator's votes and the aggregate labels of the same items; NaN
   * without votes or when chance agreement is 1 (e.g. the annotator always gives one label
   * and the aggregate agrees).
   */
  readonly kappa: Float64Array;
}

/**
 * Per annotator agreement with aggregate `labels` (one class per item): raw agreement and
 * Cohen's κ over the items they voted on (soft votes count as their argmax).
 * @example annotatorAgreement(matrix, dawidSkene(matrix).labels).kappa;
 * Complexity: O(votes + annotators × K²).
 */
export function annotatorAgreement(matrix: VoteMatrix, labels: Int32Array): AnnotatorAgreement {
  const { numAnnotators: A, numClasses: K, annotatorOffsets, annotatorVotes, item, label } = matrix;
  const votes = new Int32Array(A);
  const agreement = new Float64Array(A);
  const kappa = new Float64Array(A);
  const table = new Float64Array(K * K);
  const rows = new Float64Array(K);
  const columns = new Float64Array(K);
  for (let a = 0; a < A; a++) {
    table.fill(0);
    const start = annotatorOffsets[a] as number;
    const end = annotatorOffsets[a + 1] as number;
    const n = end - start;
    votes[a] = n;
    if (n === 0) {
      agreement[a] = Number.NaN;
      kappa[a] = Number.NaN;
      continue;
    }
    for (let j = start; j < end; j++) {
      const v = annotatorVotes[j] as number;
      table[(label[v] as number) * K + (labels[item[v] as number] as number)]! += 1;
    }
    rows.fill(0);
    columns.fill(0);
    let diagonal = 0;
    for (let x = 0; x < K; x++) {
      diagonal += table[x * K + x] as number;
      for (let y = 0; y < K; y++) {
        rows[x]! += table[x * K + y] as number;
        columns[y]! += table[x * K + y] as number;
      }
    }
    let chance = 0;
    for (let x = 0; x < K; x++) chance += ((rows[x] as number) * (columns[x] as number)) / (n * n);
    agreement[a] = diagonal / n;
    kappa[a] = chance < 1 ? (diagonal / n - chance) / (1 - chance) : Number.NaN;
  }
  return { votes, agreement, kappa };
}

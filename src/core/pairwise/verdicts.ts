/**
 * A verdict on a pair of responses: the first (A) is better, the second (B) is, or a tie.
 * Distributions and class indices over verdicts use this order: A = 0, B = 1, tie = 2.
 * @example const k = PAIRWISE_VERDICTS.indexOf('tie'); // 2
 */
export type PairwiseVerdict = 'a' | 'b' | 'tie';

/**
 * The verdicts in index order: row `i * 3 + k` of a distribution is verdict `PAIRWISE_VERDICTS[k]`.
 * @example PAIRWISE_VERDICTS[0]; // 'a'
 */
export const PAIRWISE_VERDICTS: readonly PairwiseVerdict[] = ['a', 'b', 'tie'];

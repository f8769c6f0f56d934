import { classCountOf } from './confusion-matrix.js';

/** Two classes that get mixed up, and how often. */
export interface ConfusedPair {
  /** Directed: the gold class. Symmetric: the smaller class index of the two. */
  readonly a: number;
  /** Directed: the predicted class. Symmetric: the larger class index. */
  readonly b: number;
  /** Directed: items of gold `a` predicted `b`. Symmetric: both directions added. */
  readonly count: number;
  /** `count` over the gold items of `a` (directed) or of `a` and `b` together (symmetric). */
  readonly rate: number;
}

export interface ConfusedPairsOptions {
  /** Keep at most this many pairs (default: all with a non-zero count). */
  readonly limit?: number;
  /** Count a→b and b→a as one unordered pair (default false). */
  readonly symmetric?: boolean;
}

/**
 * The off-diagonal cells of a confusion matrix, most frequent first (ties: lower `a`, then
 * lower `b`). Zero cells are left out.
 * @example confusedPairs(confusionMatrix([0, 0, 1, 2], [1, 1, 0, 2], 3), { symmetric: true }) // [{ a: 0, b: 1, count: 3, rate: 1 }]
 * Complexity: O(K² log K).
 */
export function confusedPairs(
  confusion: Int32Array,
  options: ConfusedPairsOptions = {},
): ConfusedPair[] {
  const K = classCountOf(confusion);
  const symmetric = options.symmetric ?? false;
  const support = new Float64Array(K);
  for (let g = 0; g < K; g++) {
    for (let p = 0; p < K; p++)
      support[g] = (support[g] as number) + (confusion[g * K + p] as number);
  }
  const pairs: ConfusedPair[] = [];
  for (let a = 0; a < K; a++) {
    for (let b = symmetric ? a + 1 : 0; b < K; b++) {
      if (a === b) continue;
      const forward = confusion[a * K + b] as number;
      const count = symmetric ? forward + (confusion[b * K + a] as number) : forward;
      if (count === 0) continue;
      const base = symmetric
        ? (support[a] as number) + (support[b] as number)
        : (support[a] as number);
      pairs.push({ a, b, count, rate: count / base });
    }
  }
  pairs.sort((x, y) => y.count - x.count || x.a - y.a || x.b - y.b);
  return options.limit === undefined ? pairs : pairs.slice(0, Math.max(0, options.limit));
}

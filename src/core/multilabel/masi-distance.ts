/**
 * MASI distance between two label sets (Passonneau 2006, "Measuring Agreement on Set-valued
 * Items"): 1 − J·M, where J is the Jaccard index |A ∩ B| / |A ∪ B| and M is 1 when the sets are
 * equal, 2/3 when one is a subset of the other, 1/3 when they overlap otherwise and 0 when they
 * are disjoint. Two empty sets are equal: distance 0. Sets are label indices; repeats count once.
 * @example masiDistance([0, 1], [0]) // 1 − (1/2)·(2/3) = 2/3
 * Complexity: O(|A| + |B|).
 */
export function masiDistance(a: readonly number[], b: readonly number[]): number {
  const left = new Set(a);
  const right = new Set(b);
  let shared = 0;
  for (const label of left) if (right.has(label)) shared++;
  const union = left.size + right.size - shared;
  if (union === 0) return 0;
  const monotonicity =
    shared === left.size && shared === right.size
      ? 1
      : shared === left.size || shared === right.size
        ? 2 / 3
        : shared > 0
          ? 1 / 3
          : 0;
  return 1 - (shared / union) * monotonicity;
}

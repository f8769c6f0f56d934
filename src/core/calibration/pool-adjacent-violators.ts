/**
 * Least-squares non-decreasing fit of a sequence already in x order (pool-adjacent-violators):
 * whenever a block's mean exceeds the next one's, the two are pooled into their weighted mean.
 * @example poolAdjacentViolators([1, 3, 2, 4, 3, 5]) // [1, 2.5, 2.5, 3.5, 3.5, 5]
 * Complexity: O(n) (each element is pooled at most once).
 */
export function poolAdjacentViolators(
  y: ArrayLike<number>,
  weights?: ArrayLike<number>,
): Float64Array {
  const n = y.length;
  // A stack of blocks: weighted sum, total weight, and one-past-the-end index.
  const sum = new Float64Array(n);
  const weight = new Float64Array(n);
  const end = new Int32Array(n);
  let top = -1;
  for (let i = 0; i < n; i++) {
    const w = weights ? (weights[i] as number) : 1;
    top++;
    sum[top] = w * (y[i] as number);
    weight[top] = w;
    end[top] = i + 1;
    while (
      top > 0 &&
      (sum[top - 1] as number) * (weight[top] as number) >=
        (sum[top] as number) * (weight[top - 1] as number)
    ) {
      // Pool while the previous mean is ≥ this one (cross-multiplied to avoid dividing).
      sum[top - 1] = (sum[top - 1] as number) + (sum[top] as number);
      weight[top - 1] = (weight[top - 1] as number) + (weight[top] as number);
      end[top - 1] = end[top] as number;
      top--;
    }
  }
  const fitted = new Float64Array(n);
  let start = 0;
  for (let b = 0; b <= top; b++) {
    const mean = (weight[b] as number) > 0 ? (sum[b] as number) / (weight[b] as number) : 0;
    for (let i = start; i < (end[b] as number); i++) fitted[i] = mean;
    start = end[b] as number;
  }
  return fitted;
}

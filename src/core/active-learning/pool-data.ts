/**
 * What query strategies read about the pool. Every array is indexed by pool item (0..n-1), so
 * one set of arrays serves every round: labelled items stay in them and are masked out.
 */

/**
 * The current model's distribution for every pool item, row-major `n × classCount`.
 * @example marginScores({ probabilities: Float64Array.of(0.6, 0.4, 0.9, 0.1), classCount: 2 })
 */
export interface PoolPredictions {
  readonly probabilities: Float64Array;
  readonly classCount: number;
}

/**
 * A dense feature row per pool item, row-major `n × dimension` (see `projectSparseRows`).
 * @example const embeddings = { values: new Float64Array(n * 64), dimension: 64 }
 */
export interface PoolEmbeddings {
  readonly values: Float64Array;
  readonly dimension: number;
}

/** Number of items of a row-major matrix; throws when the length is not a multiple. */
export function rowCount(values: Float64Array, width: number): number {
  const n = values.length / width;
  if (!Number.isInteger(n) || width < 1) {
    throw new RangeError(`a matrix of ${values.length} values cannot have rows of ${width}`);
  }
  return n;
}

/**
 * Squared Euclidean distance between the rows at offsets `a` and `b` of a row-major matrix,
 * with four accumulators (see dotRows).
 * Complexity: O(dimension).
 */
export function squaredDistance(
  values: Float64Array,
  a: number,
  b: number,
  dimension: number,
): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < dimension; j += 4) {
    const d0 = (values[a + j] as number) - (values[b + j] as number);
    const d1 = (values[a + j + 1] as number) - (values[b + j + 1] as number);
    const d2 = (values[a + j + 2] as number) - (values[b + j + 2] as number);
    const d3 = (values[a + j + 3] as number) - (values[b + j + 3] as number);
    s0 += d0 * d0;
    s1 += d1 * d1;
    s2 += d2 * d2;
    s3 += d3 * d3;
  }
  for (; j < dimension; j++) {
    const diff = (values[a + j] as number) - (values[b + j] as number);
    s0 += diff * diff;
  }
  return s0 + s1 + s2 + s3;
}

/**
 * Fills `out[i]` with the squared distance of every row to row `center`, or leaves the smaller
 * of that and the value already there when `keepMinimum` (the update step of k-means++ and
 * k-center). Complexity: O(n × dimension).
 */
export function distancesToRow(
  embeddings: PoolEmbeddings,
  center: number,
  out: Float64Array,
  keepMinimum: boolean,
): void {
  const { values, dimension } = embeddings;
  const n = out.length;
  const co = center * dimension;
  for (let i = 0, io = 0; i < n; i++, io += dimension) {
    const sum = squaredDistance(values, io, co, dimension);
    if (!keepMinimum || sum < (out[i] as number)) out[i] = sum;
  }
}

/**
 * Inner product of `length` values of `values` from offsets `a` and `b` (two rows of one
 * row-major matrix). Four accumulators break the dependency chain of a single running sum,
 * which lets the CPU overlap the multiply-adds: about twice as fast on long rows.
 * Complexity: O(length).
 */
export function dotRows(values: Float64Array, a: number, b: number, length: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < length; j += 4) {
    s0 += (values[a + j] as number) * (values[b + j] as number);
    s1 += (values[a + j + 1] as number) * (values[b + j + 1] as number);
    s2 += (values[a + j + 2] as number) * (values[b + j + 2] as number);
    s3 += (values[a + j + 3] as number) * (values[b + j + 3] as number);
  }
  for (; j < length; j++) s0 += (values[a + j] as number) * (values[b + j] as number);
  return s0 + s1 + s2 + s3;
}

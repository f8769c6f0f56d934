/**
 * What query strategies read about the pool. Every array is indexed by pool item (0..n-1), so
 * one set of arrays serves every round: labelled items stay in them and are masked out.
 */

/** The current model's distribution for every pool item, row-major `n × classCount`. */
export interface PoolPredictions {
  readonly probabilities: Float64Array;
  readonly classCount: number;
}

/** A dense feature row per pool item, row-major `n × dimension` (see `projectSparseRows`). */
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
 * Squared Euclidean distance between row `a` and row `b` of a row-major matrix.
 * Complexity: O(dimension).
 */
export function squaredDistance(
  values: Float64Array,
  dimension: number,
  a: number,
  b: number,
): number {
  const ao = a * dimension;
  const bo = b * dimension;
  let sum = 0;
  for (let j = 0; j < dimension; j++) {
    const diff = (values[ao + j] as number) - (values[bo + j] as number);
    sum += diff * diff;
  }
  return sum;
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
    let sum = 0;
    for (let j = 0; j < dimension; j++) {
      const diff = (values[io + j] as number) - (values[co + j] as number);
      sum += diff * diff;
    }
    if (!keepMinimum || sum < (out[i] as number)) out[i] = sum;
  }
}

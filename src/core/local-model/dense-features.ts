import { HiloError } from '../errors.js';
import type { SparseVector } from './hashed-tfidf.js';
import { softmaxInPlace } from './logistic-regression.js';

/**
 * Embedding vectors as rows the local optimizers take: scaled to unit Euclidean length (so
 * the cosine geometry of embeddings is what the model sees, and one learning rate fits every
 * embedding model), in Float64, all rows sharing one index array 0..D−1. A zero vector stays
 * zero. Every vector must have `dimensions` entries (the first one's length when absent).
 * @example const rows = unitRows([Float32Array.of(3, 4)]); // rows[0].values = [0.6, 0.8]
 * Complexity: O(vectors × dimensions).
 * @throws HiloError INVALID_INPUT when a vector has another length or a non-finite value.
 */
export function unitRows(
  vectors: readonly ArrayLike<number>[],
  dimensions: number | undefined = vectors[0]?.length,
): SparseVector[] {
  const D = dimensions ?? 0;
  const indices = Int32Array.from({ length: D }, (_, d) => d);
  return vectors.map((vector, i) => {
    if (vector.length !== D) {
      throw new HiloError(
        'INVALID_INPUT',
        `vector ${i} has ${vector.length} dimensions, the model ${D}`,
      );
    }
    const values = new Float64Array(D);
    let squares = 0;
    for (let d = 0; d < D; d++) {
      const x = vector[d] as number;
      values[d] = x;
      squares += x * x;
    }
    if (!Number.isFinite(squares)) {
      throw new HiloError('INVALID_INPUT', `vector ${i} has a value that is not a finite number`);
    }
    if (squares > 0) {
      const scale = 1 / Math.sqrt(squares);
      for (let d = 0; d < D; d++) values[d] = (values[d] as number) * scale;
    }
    return { indices, values };
  });
}

/**
 * softmax(bias + xᵀW) for a dense row x and feature-major weights W (K per column), into a
 * new array: the output layer of both embedding classifiers.
 * @example denseSoftmax(row.values, weights, bias); // Float64Array(K), sums to 1
 * Complexity: O(D × K).
 */
export function denseSoftmax(
  x: Float64Array,
  weights: Float64Array,
  bias: Float64Array,
): Float64Array {
  const K = bias.length;
  const out = Float64Array.from(bias);
  for (let d = 0; d < x.length; d++) {
    const v = x[d] as number;
    if (v === 0) continue;
    const base = d * K;
    for (let k = 0; k < K; k++) out[k] = (out[k] as number) + v * (weights[base + k] as number);
  }
  softmaxInPlace(out);
  return out;
}

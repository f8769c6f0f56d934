import type { PoolEmbeddings } from './pool-data.js';

/**
 * A sparse row as the hashed TF-IDF featurizer gives it (ascending column indices).
 * @example projectSparseRows([{ indices: Int32Array.of(3, 90), values: Float64Array.of(0.5, 1) }], { dimension: 64, seed: 1 })
 */
export interface SparseRow {
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/**
 * Options of `projectSparseRows`: output dimension, seed, hashes per column, normalisation.
 * @example projectSparseRows(rows, { dimension: 256, seed: 1 })
 */
export interface ProjectSparseRowsOptions {
  /** Output dimension (a few hundred keeps distances within a few percent). */
  readonly dimension: number;
  readonly seed: number;
  /** Output cells each input column is added to, with random signs; default 4. */
  readonly hashes?: number;
  /** Scale every output row to unit length (Euclidean distance then orders as cosine); default true. */
  readonly normalize?: boolean;
}

/**
 * A seeded sparse random projection of sparse rows into a small dense space: every input column
 * is added, with a random sign, into `hashes` output cells chosen by hashing the column (a
 * count sketch, Kane & Nelson's sparse Johnson–Lindenstrauss transform). Inner products are kept
 * in expectation, so distances in the output stand in for distances between the TF-IDF rows.
 * Nothing is stored per input column, so the projection of a 2¹⁸-column space costs no memory.
 * @example const { values, dimension } = projectSparseRows(vectors, { dimension: 256, seed: 1 });
 * Complexity: O(nnz × hashes + n × dimension) time, O(n × dimension) memory.
 */
export function projectSparseRows(
  rows: readonly SparseRow[],
  options: ProjectSparseRowsOptions,
): PoolEmbeddings {
  const d = options.dimension;
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`dimension must be ≥ 1, got ${d}`);
  const s = options.hashes ?? 4;
  const scale = 1 / Math.sqrt(s);
  const seed = options.seed | 0;
  const out = new Float64Array(rows.length * d);
  for (let i = 0; i < rows.length; i++) {
    const { indices, values } = rows[i] as SparseRow;
    const o = i * d;
    for (let t = 0; t < indices.length; t++) {
      const column = indices[t] as number;
      const x = (values[t] as number) * scale;
      for (let h = 0; h < s; h++) {
        const code = mix(Math.imul(column, 0x9e3779b1) ^ Math.imul(h + 1, 0x85ebca6b) ^ seed);
        const cell = (code >>> 1) % d;
        out[o + cell] = (out[o + cell] as number) + (code & 1 ? x : -x);
      }
    }
    if (options.normalize ?? true) {
      let norm = 0;
      for (let j = 0; j < d; j++) norm += (out[o + j] as number) ** 2;
      if (norm > 0) {
        const inverse = 1 / Math.sqrt(norm);
        for (let j = 0; j < d; j++) out[o + j] = (out[o + j] as number) * inverse;
      }
    }
  }
  return { values: out, dimension: d };
}

/** murmur3's 32-bit finalizer: every input bit reaches every output bit. */
function mix(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

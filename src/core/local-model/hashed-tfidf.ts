import { hashNgrams, type FeatureHashingOptions } from './feature-hashing.js';

/** A sparse row: ascending column indices and their values. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

export interface HashedTfidfOptions extends FeatureHashingOptions {
  /** Buckets seen in fewer training documents are dropped (default 1: keep all seen). */
  readonly minDf?: number;
  /** Use 1 + ln(tf) instead of the raw count (default true). */
  readonly sublinearTf?: boolean;
}

/** What a fitted featurizer needs to be rebuilt (and serialized). */
export interface HashedTfidfState {
  readonly options: Required<HashedTfidfOptions>;
  /** Number of training documents. */
  readonly documents: number;
  /** The bucket of each column, ascending. */
  readonly buckets: Int32Array;
  /** Training document frequency of each column. */
  readonly documentFrequency: Int32Array;
}

/** A fitted TF-IDF featurizer over hashed n-grams. */
export interface HashedTfidf extends HashedTfidfState {
  /** Number of columns: buckets seen in at least `minDf` training documents. */
  readonly dimension: number;
  readonly idf: Float64Array;
  /** L2-normalized TF-IDF row; buckets unseen in training are dropped, as with a vocabulary. */
  transform(text: string): SparseVector;
}

const EMPTY: SparseVector = { indices: new Int32Array(0), values: new Float64Array(0) };

/**
 * Fits document frequencies on a corpus and returns the featurizer with the corpus' own rows.
 * idf = ln((1 + n) / (1 + df)) + 1, the smoothed form that never gives a seen term weight zero.
 * @example const { featurizer, vectors } = fitHashedTfidf(['my card', 'lost card'], { features: 1 << 18, wordNgrams: 2, charNgrams: [2, 5] });
 * Complexity: O(total characters × charNgrams[1] + nnz log nnz per document), memory O(features + nnz).
 */
export function fitHashedTfidf(
  texts: readonly string[],
  options: HashedTfidfOptions,
): { featurizer: HashedTfidf; vectors: SparseVector[] } {
  const full = withDefaults(options);
  const counter = createBucketCounter(full);
  const raw = texts.map((text) => counter.count(text));
  const df = new Int32Array(full.features);
  for (const doc of raw) for (const bucket of doc.indices) df[bucket] = (df[bucket] as number) + 1;
  let dimension = 0;
  for (let b = 0; b < full.features; b++) if ((df[b] as number) >= full.minDf) dimension++;
  const buckets = new Int32Array(dimension);
  const documentFrequency = new Int32Array(dimension);
  for (let b = 0, c = 0; b < full.features; b++) {
    if ((df[b] as number) < full.minDf) continue;
    buckets[c] = b;
    documentFrequency[c++] = df[b] as number;
  }
  const featurizer = createHashedTfidf({
    options: full,
    documents: texts.length,
    buckets,
    documentFrequency,
  });
  return { featurizer, vectors: raw.map((doc) => featurizer.weigh(doc)) };
}

/**
 * Rebuilds a featurizer from its state (as kept by a serialized model).
 * @example const same = createHashedTfidf({ options, documents, buckets, documentFrequency });
 * Complexity: O(features + dimension).
 */
export function createHashedTfidf(
  state: HashedTfidfState,
): HashedTfidf & { weigh(counts: SparseVector): SparseVector } {
  const { options, documents, buckets, documentFrequency } = state;
  const dimension = buckets.length;
  const columnOf = new Int32Array(options.features).fill(-1);
  const idf = new Float64Array(dimension);
  for (let c = 0; c < dimension; c++) {
    columnOf[buckets[c] as number] = c;
    idf[c] = Math.log((1 + documents) / (1 + (documentFrequency[c] as number))) + 1;
  }
  const counter = createBucketCounter(options);

  // Raw bucket counts → L2-normalized TF-IDF over known columns (ascending buckets give
  // ascending columns, so the order is kept).
  const weigh = (counts: SparseVector): SparseVector => {
    let kept = 0;
    for (const bucket of counts.indices) if ((columnOf[bucket] as number) >= 0) kept++;
    if (kept === 0) return EMPTY;
    const indices = new Int32Array(kept);
    const values = new Float64Array(kept);
    let norm = 0;
    for (let i = 0, k = 0; i < counts.indices.length; i++) {
      const column = columnOf[counts.indices[i] as number] as number;
      if (column < 0) continue;
      const tf = counts.values[i] as number;
      const value = (options.sublinearTf ? 1 + Math.log(tf) : tf) * (idf[column] as number);
      indices[k] = column;
      values[k++] = value;
      norm += value * value;
    }
    const inverse = 1 / Math.sqrt(norm);
    for (let k = 0; k < kept; k++) values[k] = (values[k] as number) * inverse;
    return { indices, values };
  };

  return {
    options,
    documents,
    buckets,
    documentFrequency,
    dimension,
    idf,
    weigh,
    transform: (text) => weigh(counter.count(text)),
  };
}

function withDefaults(options: HashedTfidfOptions): Required<HashedTfidfOptions> {
  return {
    features: options.features,
    wordNgrams: options.wordNgrams,
    charNgrams: [options.charNgrams[0], options.charNgrams[1]],
    minDf: options.minDf ?? 1,
    sublinearTf: options.sublinearTf ?? true,
  };
}

/** Counts bucket occurrences of one text at a time in a reused dense scratch array. */
function createBucketCounter(options: FeatureHashingOptions): {
  count(text: string): SparseVector;
} {
  const scratch = new Float64Array(options.features);
  let touched = new Int32Array(256);
  let size = 0;
  const add = (bucket: number): void => {
    if (scratch[bucket] === 0) {
      if (size === touched.length) {
        const grown = new Int32Array(size * 2);
        grown.set(touched);
        touched = grown;
      }
      touched[size++] = bucket;
    }
    scratch[bucket] = (scratch[bucket] as number) + 1;
  };
  return {
    count(text) {
      size = 0;
      hashNgrams(text, options, add);
      const indices = touched.slice(0, size).sort();
      const values = new Float64Array(size);
      for (let i = 0; i < size; i++) {
        const bucket = indices[i] as number;
        values[i] = scratch[bucket] as number;
        scratch[bucket] = 0;
      }
      return { indices, values };
    },
  };
}

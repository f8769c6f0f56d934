import {
  createNgramScratch,
  hashNgramsInto,
  type FeatureHashingOptions,
} from './feature-hashing.js';

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
 * Complexity: O(total characters × charNgrams[1]) time, O(features + nnz) memory.
 */
export function fitHashedTfidf(
  texts: readonly string[],
  options: HashedTfidfOptions,
): { featurizer: HashedTfidf; vectors: SparseVector[] } {
  const full = withDefaults(options);
  // Document frequency without per-document sets: a bucket counts once per document id.
  const df = new Int32Array(full.features);
  const lastDocument = new Int32Array(full.features).fill(-1);
  const scratch = createNgramScratch();
  for (let document = 0; document < texts.length; document++) {
    hashNgramsInto(texts[document] as string, full, scratch);
    const { buckets, size } = scratch;
    for (let t = 0; t < size; t++) {
      const bucket = buckets[t] as number;
      if (lastDocument[bucket] === document) continue;
      lastDocument[bucket] = document;
      df[bucket] = (df[bucket] as number) + 1;
    }
  }
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
  // Hashing again is cheaper than keeping every document's raw counts between the passes.
  return { featurizer, vectors: texts.map((text) => featurizer.transform(text)) };
}

/**
 * Rebuilds a featurizer from its state (as kept by a serialized model).
 * @example const same = createHashedTfidf({ options, documents, buckets, documentFrequency });
 * Complexity: O(features + dimension); transform is O(characters × charNgrams[1]) per text.
 */
export function createHashedTfidf(state: HashedTfidfState): HashedTfidf {
  const { options, documents, buckets, documentFrequency } = state;
  const dimension = buckets.length;
  const columnOf = new Int32Array(options.features).fill(-1);
  const idf = new Float64Array(dimension);
  for (let c = 0; c < dimension; c++) {
    columnOf[buckets[c] as number] = c;
    idf[c] = Math.log((1 + documents) / (1 + (documentFrequency[c] as number))) + 1;
  }
  // Term counts are small integers: their tf weights come from a table.
  const tfTable = Float64Array.from({ length: 64 }, (_, count) =>
    options.sublinearTf ? 1 + Math.log(count) : count,
  );
  const tfWeight = (count: number): number =>
    count < 64 ? (tfTable[count] as number) : options.sublinearTf ? 1 + Math.log(count) : count;
  const sorter = createRadixSorter(dimension);

  // Counts go straight to columns (buckets unseen in training are dropped on the way) in a
  // dense scratch array that is zeroed again after each text.
  const counts = new Float64Array(dimension);
  const scratch = createNgramScratch();
  let touched = new Int32Array(256);

  const transform = (text: string): SparseVector => {
    hashNgramsInto(text, options, scratch);
    const { buckets } = scratch;
    if (touched.length < scratch.size) touched = new Int32Array(scratch.size);
    let size = 0;
    for (let t = 0; t < scratch.size; t++) {
      const column = columnOf[buckets[t] as number] as number;
      if (column < 0) continue;
      if (counts[column] === 0) touched[size++] = column;
      counts[column] = (counts[column] as number) + 1;
    }
    if (size === 0) return EMPTY;
    const indices = sorter(touched, size);
    const values = new Float64Array(size);
    let norm = 0;
    for (let t = 0; t < size; t++) {
      const column = indices[t] as number;
      const value = tfWeight(counts[column] as number) * (idf[column] as number);
      counts[column] = 0;
      values[t] = value;
      norm += value * value;
    }
    const inverse = 1 / Math.sqrt(norm);
    for (let t = 0; t < size; t++) values[t] = (values[t] as number) * inverse;
    return { indices, values };
  };

  return { options, documents, buckets, documentFrequency, dimension, idf, transform };
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

/**
 * LSD radix sort of non-negative integers below `limit`, 8 bits per pass. On the ~200 columns of
 * a text it is several times faster than the built-in typed-array sort, and transform is a hot
 * path (100k texts per labelling run).
 */
function createRadixSorter(limit: number): (values: Int32Array, size: number) => Int32Array {
  let passes = 1;
  while (passes < 4 && limit > 2 ** (8 * passes)) passes++;
  const counts = new Int32Array(256);
  let buffer = new Int32Array(256);
  return (values, size) => {
    if (buffer.length < size) buffer = new Int32Array(values.length);
    let from: Int32Array = values;
    let to: Int32Array = buffer;
    for (let pass = 0; pass < passes; pass++) {
      const shift = 8 * pass;
      counts.fill(0);
      for (let i = 0; i < size; i++) {
        const digit = ((from[i] as number) >>> shift) & 255;
        counts[digit] = (counts[digit] as number) + 1;
      }
      for (let d = 0, sum = 0; d < 256; d++) {
        const count = counts[d] as number;
        counts[d] = sum;
        sum += count;
      }
      for (let i = 0; i < size; i++) {
        const value = from[i] as number;
        const digit = (value >>> shift) & 255;
        const at = counts[digit] as number;
        to[at] = value;
        counts[digit] = at + 1;
      }
      const swap = from;
      from = to;
      to = swap;
    }
    return from.slice(0, size);
  };
}

import { HiloError } from '../errors.js';
import type { LocalLabellerConfig } from '../project.js';
import { fitHashedTfidf, type HashedTfidf, type SparseVector } from './hashed-tfidf.js';

/** What the optimizers of the local model train on. */
export interface TrainingData {
  readonly featurizer: HashedTfidf;
  readonly vectors: SparseVector[];
  /** Class index of each vector. */
  readonly labels: Int32Array;
  /** Per-class loss weights, present when balanced weights were asked for. */
  readonly classWeights?: Float64Array;
}

/**
 * Label indexes and hashed TF-IDF rows of labelled texts, as the config's features say.
 * @example const { featurizer, vectors, labels } = trainingData({ texts, labels, labelSet, config });
 * Complexity: O(total characters × charNgrams[1] + K).
 * @throws HiloError INVALID_INPUT on a label outside the label set.
 */
export function trainingData(options: {
  readonly texts: readonly string[];
  readonly labels: readonly string[];
  readonly labelSet: readonly string[];
  readonly config: LocalLabellerConfig;
  readonly classWeight?: 'none' | 'balanced';
}): TrainingData {
  const { texts, config } = options;
  const labels = labelIndexes(options.labels, options.labelSet);
  const { featurizer, vectors } = fitHashedTfidf(texts, {
    features: config.features,
    wordNgrams: config.wordNgrams,
    charNgrams: config.charNgrams,
  });
  return {
    featurizer,
    vectors,
    labels,
    ...(options.classWeight === 'balanced'
      ? { classWeights: balancedWeights(labels, options.labelSet.length) }
      : {}),
  };
}

/**
 * The index of each label in `labelSet`; INVALID_INPUT on a duplicate or an unknown label.
 * @example labelIndexes(['b', 'a'], ['a', 'b']); // Int32Array [1, 0]
 * Complexity: O(labels + K).
 */
export function labelIndexes(labels: readonly string[], labelSet: readonly string[]): Int32Array {
  const indexOf = new Map(labelSet.map((name, i) => [name, i]));
  if (indexOf.size !== labelSet.length) {
    throw new HiloError('INVALID_INPUT', 'the label set has duplicate labels');
  }
  return Int32Array.from(labels, (label, i) => {
    const index = indexOf.get(label);
    if (index === undefined) {
      throw new HiloError('INVALID_INPUT', `item ${i}: label "${label}" is not in the label set`, {
        field: 'label',
      });
    }
    return index;
  });
}

/**
 * Per-class loss weights n / (classes present × count); absent classes weigh 0.
 * @example balancedWeights(Int32Array.of(0, 0, 0, 1), 2); // Float64Array [0.667, 2]
 * Complexity: O(n + K).
 */
export function balancedWeights(labels: Int32Array, K: number): Float64Array {
  const counts = new Float64Array(K);
  for (const y of labels) counts[y] = (counts[y] as number) + 1;
  const present = counts.filter((c) => c > 0).length;
  return counts.map((c) => (c === 0 ? 0 : labels.length / (present * c)));
}

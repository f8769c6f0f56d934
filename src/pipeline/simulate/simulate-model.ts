import { fitHashedTfidf, type SparseVector } from '../../core/local-model/hashed-tfidf.js';
import {
  predictProba,
  trainLogisticRegression,
  type LogisticRegressionModel,
} from '../../core/local-model/logistic-regression.js';
import type { LocalLabellerConfig } from '../../core/project.js';
import type { Rng } from '../../core/rng.js';

/** Every text of a simulated data set as hashed TF-IDF rows, featurized once. */
export interface SimulationFeatures {
  readonly vectors: readonly SparseVector[];
  /** Columns of the rows (buckets seen in the texts the featurizer was fitted on). */
  readonly dimension: number;
}

/**
 * Featurizes a whole simulated data set once: the TF-IDF weights are fitted on the `fitOn`
 * texts (the pool: no labels are read, so this is what a user could do before any labelling)
 * and every text, test ones included, is transformed with them. Retraining in a simulation
 * round is then only the softmax regression of the local model, not its featurizer: the same
 * model class at a fraction of the cost, which is what makes dozens of rounds per strategy
 * affordable. (The product's model refits IDF on its training texts; on the data sets of
 * bench/al this changes held-out accuracy by well under a point.)
 * @example const features = featurizeForSimulation(texts, poolIndexes, config);
 * Complexity: that of fitHashedTfidf on the fitted texts plus one transform per text.
 */
export function featurizeForSimulation(
  texts: readonly string[],
  fitOn: ArrayLike<number>,
  config: LocalLabellerConfig,
): SimulationFeatures {
  const fitTexts = Array.from(
    { length: fitOn.length },
    (_, a) => texts[fitOn[a] as number] as string,
  );
  const { featurizer } = fitHashedTfidf(fitTexts, {
    features: config.features,
    wordNgrams: config.wordNgrams,
    charNgrams: config.charNgrams,
  });
  return { vectors: texts.map((t) => featurizer.transform(t)), dimension: featurizer.dimension };
}

/**
 * Trains the local model's softmax regression on the given items of a featurized data set.
 * @example const model = trainOnItems({ features, items, labels, classCount, config, rng });
 * Complexity: O(epochs × nnz of the items × K).
 */
export function trainOnItems(options: {
  readonly features: SimulationFeatures;
  readonly items: ArrayLike<number>;
  /** Class index of every item of the data set (only those of `items` are read). */
  readonly labels: Int32Array;
  readonly classCount: number;
  readonly config: LocalLabellerConfig;
  readonly rng: Rng;
}): LogisticRegressionModel {
  const { features, items } = options;
  const vectors: SparseVector[] = [];
  const labels = new Int32Array(items.length);
  for (let a = 0; a < items.length; a++) {
    const i = items[a] as number;
    vectors.push(features.vectors[i] as SparseVector);
    labels[a] = options.labels[i] as number;
  }
  return trainLogisticRegression({
    vectors,
    labels,
    classCount: options.classCount,
    dimension: features.dimension,
    l2: options.config.l2,
    epochs: options.config.epochs,
    rng: options.rng,
  });
}

/**
 * Predicted distributions of the given items, row-major `items × K` (the layout the query
 * strategies read).
 * @example const p = predictItems(model, features, poolIndexes);
 * Complexity: O(nnz of the items × K).
 */
export function predictItems(
  model: LogisticRegressionModel,
  features: SimulationFeatures,
  items: ArrayLike<number>,
): Float64Array {
  const K = model.classCount;
  const out = new Float64Array(items.length * K);
  const rows = predictProba(
    model,
    Array.from(
      { length: items.length },
      (_, a) => features.vectors[items[a] as number] as SparseVector,
    ),
  );
  rows.forEach((row, a) => out.set(row, a * K));
  return out;
}

/**
 * Argmax of every row of a row-major `n × K` matrix (the first of equal maxima).
 * @example argmaxRows(Float64Array.of(0.2, 0.8, 0.6, 0.4), 2) // Int32Array [1, 0]
 * Complexity: O(n × K).
 */
export function argmaxRows(probabilities: Float64Array, K: number): Int32Array {
  const n = probabilities.length / K;
  const out = new Int32Array(n);
  for (let i = 0, o = 0; i < n; i++, o += K) {
    let best = 0;
    for (let k = 1; k < K; k++)
      if ((probabilities[o + k] as number) > (probabilities[o + best] as number)) best = k;
    out[i] = best;
  }
  return out;
}

/**
 * Share of items whose predicted class is the true one.
 * @example accuracyOf(Int32Array.of(1, 0), Int32Array.of(1, 1)) // 0.5
 * Complexity: O(n).
 */
export function accuracyOf(predicted: Int32Array, truth: ArrayLike<number>): number {
  if (predicted.length === 0) return Number.NaN;
  let right = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === truth[i]) right++;
  return right / predicted.length;
}

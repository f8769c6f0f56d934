import { HiloError } from '../errors.js';
import type { LocalLabellerConfig } from '../project.js';
import { createRng, type Rng } from '../rng.js';
import { denseSoftmax, unitRows } from './dense-features.js';
import type { LogisticState, MlpState } from './local-classifier-state.js';
import { trainLogisticRegression } from './logistic-regression.js';
import { dequantizeWeights, quantizeWeights } from './quantized-weights.js';
import { forwardHidden, trainMlp } from './train-mlp.js';
import { balancedWeights, labelIndexes } from './training-data.js';

export interface TrainEmbeddingClassifierOptions {
  /** One embedding per training item (any length, the same for all); L2-normalised here. */
  readonly vectors: readonly ArrayLike<number>[];
  /** The label of each vector; every one must be in `labelSet`. */
  readonly labels: readonly string[];
  /** The project's labels; probabilities come in this order. */
  readonly labelSet: readonly string[];
  /**
   * The local model's settings: `classifier` (`logistic` by default, or `mlp` with `mlp`'s
   * settings), `l2`, `epochs`, `seed`. The TF-IDF settings (features, n-grams) are not used.
   */
  readonly config: LocalLabellerConfig;
  /** The embedding model's cache key: predictions need vectors of that same model. */
  readonly embeddingModel: string;
  /** Shuffling (and MLP initialisation); default `createRng(config.seed)`. */
  readonly rng?: Rng;
  /** `balanced` weighs each class's loss by n / (classes present × its count); default `none`. */
  readonly classWeight?: 'none' | 'balanced';
}

/**
 * The output layer over unit embeddings (`logistic`), or a ReLU layer before it (`mlp`): the
 * layers of the TF-IDF classifiers, with embedding dimensions in place of TF-IDF columns.
 */
export type EmbeddingNet =
  | Pick<LogisticState, 'kind' | 'weights' | 'bias'>
  | Pick<MlpState, 'kind' | 'hidden' | 'w1' | 'b1' | 'w2' | 'b2'>;

/** Everything a trained embedding classifier is made of (what serialization keeps). */
export interface EmbeddingClassifierState {
  readonly labelSet: readonly string[];
  readonly config: LocalLabellerConfig;
  readonly trainedOn: number;
  readonly embeddingModel: string;
  readonly dimensions: number;
  readonly net: EmbeddingNet;
}

/** A trained classifier over embedding vectors. */
export interface EmbeddingClassifier {
  readonly kind: EmbeddingNet['kind'];
  readonly labelSet: readonly string[];
  readonly config: LocalLabellerConfig;
  readonly trainedOn: number;
  /** The cache key of the embedding model whose vectors it was trained on. */
  readonly embeddingModel: string;
  /** Length of the vectors it takes. */
  readonly dimensions: number;
  readonly state: EmbeddingClassifierState;
  /** One distribution per vector, over `labelSet` in its order; vectors are L2-normalised first. */
  predict(vectors: readonly ArrayLike<number>[]): { probabilities: Float64Array[] };
}

/**
 * Trains the local model's classifier on embeddings instead of hashed TF-IDF: the same softmax
 * regression (`trainLogisticRegression`) or MLP (`trainMlp`), fed unit-length dense rows (see
 * `unitRows`). Weights are kept as 8-bit codes from the start (the MLP's first layer; all of
 * the regression's), so a model predicts exactly as it will after a serialization round trip.
 * @example
 * const model = trainEmbeddingClassifier({ vectors, labels, labelSet, config, embeddingModel: embedder.cacheKey });
 * model.predict(newVectors).probabilities[0]; // Float64Array(K)
 * Complexity: O(epochs × n × D × K) for `logistic`, O(epochs × n × (D × H + H × K)) for `mlp`;
 * memory O(n × D + D × max(K, H)).
 * @throws HiloError INVALID_INPUT on mismatched lengths, no items, an unknown label, vectors
 * of differing or zero length, or non-finite values.
 */
export function trainEmbeddingClassifier(
  options: TrainEmbeddingClassifierOptions,
): EmbeddingClassifier {
  const { vectors, labelSet, config } = options;
  if (vectors.length === 0 || vectors.length !== options.labels.length) {
    throw new HiloError(
      'INVALID_INPUT',
      `the embedding classifier needs as many labels as vectors (≥ 1), got ${vectors.length} and ${options.labels.length}`,
    );
  }
  const labels = labelIndexes(options.labels, labelSet);
  const rows = unitRows(vectors);
  const D = vectors[0]?.length ?? 0;
  if (D === 0) throw new HiloError('INVALID_INPUT', 'the embedding vectors are empty');
  const K = labelSet.length;
  const rng = options.rng ?? createRng(config.seed);
  const classWeights =
    options.classWeight === 'balanced' ? { classWeights: balancedWeights(labels, K) } : {};
  const common = {
    vectors: rows,
    labels,
    classCount: K,
    dimension: D,
    l2: config.l2,
    epochs: config.epochs,
    rng,
    ...classWeights,
  };
  let net: EmbeddingNet;
  if (config.classifier === 'mlp') {
    const trained = trainMlp({ ...common, ...config.mlp });
    net = {
      kind: 'mlp',
      hidden: trained.hidden,
      w1: quantizeWeights(trained.w1, trained.hidden),
      b1: trained.b1,
      w2: trained.w2,
      b2: trained.b2,
    };
  } else {
    const trained = trainLogisticRegression(common);
    net = { kind: 'logistic', weights: quantizeWeights(trained.weights, K), bias: trained.bias };
  }
  return createEmbeddingClassifier({
    labelSet: [...labelSet],
    config,
    trainedOn: vectors.length,
    embeddingModel: options.embeddingModel,
    dimensions: D,
    net,
  });
}

/**
 * A classifier from its parts (as trained, or as read back by `deserializeEmbeddingClassifier`).
 * @example const same = createEmbeddingClassifier(model.state);
 * Complexity: O(D × max(K, H)) to build; predict is O(D × K) (logistic) or O(D × H + H × K) (mlp) per vector.
 */
export function createEmbeddingClassifier(state: EmbeddingClassifierState): EmbeddingClassifier {
  const { net, dimensions } = state;
  let predictRow: (x: Float64Array) => Float64Array;
  if (net.kind === 'mlp') {
    const first = { w1: dequantizeWeights(net.w1), b1: net.b1, hidden: net.hidden };
    const indices = Int32Array.from({ length: dimensions }, (_, d) => d);
    predictRow = (x) => {
      const a = new Float64Array(net.hidden);
      forwardHidden(first, indices, x, a);
      return denseSoftmax(a, net.w2, net.b2);
    };
  } else {
    const weights = dequantizeWeights(net.weights);
    predictRow = (x) => denseSoftmax(x, weights, net.bias);
  }
  return {
    kind: net.kind,
    labelSet: state.labelSet,
    config: state.config,
    trainedOn: state.trainedOn,
    embeddingModel: state.embeddingModel,
    dimensions,
    state,
    predict: (vectors) => ({
      probabilities: unitRows(vectors, dimensions).map((row) => predictRow(row.values)),
    }),
  };
}

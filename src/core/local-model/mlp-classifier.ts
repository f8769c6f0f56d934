import { HiloError } from '../errors.js';
import { createRng } from '../rng.js';
import { createHashedTfidf } from './hashed-tfidf.js';
import type {
  LocalClassifier,
  MlpState,
  TrainLocalClassifierOptions,
} from './local-classifier-state.js';
import { softmaxInPlace } from './logistic-regression.js';
import { dequantizeWeights, quantizeWeights } from './quantized-weights.js';
import { forwardHidden, trainMlp } from './train-mlp.js';
import { trainingData } from './training-data.js';

export interface MlpOptions {
  /** Hidden units (ReLU); default `config.mlp.hidden`. */
  readonly hidden?: number;
  /** Base step of Adagrad; default `config.mlp.learningRate`. */
  readonly learningRate?: number;
  /** Inverted dropout on the hidden layer while training; default `config.mlp.dropout`. */
  readonly dropout?: number;
}

export interface TrainMlpClassifierOptions extends TrainLocalClassifierOptions, MlpOptions {}

/** A trained one-hidden-layer network over hashed TF-IDF features. */
export interface MlpClassifier extends LocalClassifier {
  readonly hidden: number;
}

/**
 * The MLP option of the local model: hashed TF-IDF → ReLU hidden layer → softmax (see
 * `trainMlp`). It can learn interactions of n-grams that a linear model cannot, at the price of
 * more epochs and a less convex fit. The first layer is kept as 8-bit codes with one scale per
 * hidden unit from the start, so the model predicts exactly as it will once stored.
 * @example const mlp = trainMlpClassifier({ texts, labels, labelSet, config, hidden: 64 }); mlp.predict(['card lost'])
 * Complexity: O(epochs × (nnz × H + n × H × K)) time, O(D × H + H × K) memory.
 * @throws HiloError INVALID_INPUT on mismatched lengths, an unknown label or no items.
 */
export function trainMlpClassifier(options: TrainMlpClassifierOptions): MlpClassifier {
  const { texts, labelSet, config } = options;
  if (texts.length === 0 || texts.length !== options.labels.length) {
    throw new HiloError(
      'INVALID_INPUT',
      `the MLP needs as many labels as texts (≥ 1), got ${texts.length} and ${options.labels.length}`,
    );
  }
  const K = labelSet.length;
  const { featurizer, vectors, labels, classWeights } = trainingData(options);
  const hidden = options.hidden ?? config.mlp.hidden;
  const net = trainMlp({
    vectors,
    labels,
    classCount: K,
    dimension: featurizer.dimension,
    hidden,
    learningRate: options.learningRate ?? config.mlp.learningRate,
    dropout: options.dropout ?? config.mlp.dropout,
    l2: config.l2,
    epochs: config.epochs,
    rng: options.rng ?? createRng(config.seed),
    ...(classWeights ? { classWeights } : {}),
  });
  return createMlpClassifier({
    kind: 'mlp',
    labelSet: [...labelSet],
    config,
    trainedOn: texts.length,
    featurizer,
    hidden,
    w1: quantizeWeights(net.w1, hidden),
    b1: net.b1,
    w2: net.w2,
    b2: net.b2,
  });
}

/**
 * An MLP classifier from its parts (as trained, or as read back).
 * @example const same = createMlpClassifier(mlp.state as MlpState);
 * Complexity: O(D × H) to build; predict is O(characters + nnz × H + H × K) per text.
 */
export function createMlpClassifier(state: MlpState): MlpClassifier {
  const featurizer = createHashedTfidf(state.featurizer);
  const { hidden: H, w2, b1, b2 } = state;
  const K = state.labelSet.length;
  const net = { w1: dequantizeWeights(state.w1), b1, hidden: H };
  const a = new Float64Array(H);
  return {
    labelSet: state.labelSet,
    config: state.config,
    trainedOn: state.trainedOn,
    hidden: H,
    state,
    predict: (texts) => ({
      probabilities: texts.map((text) => {
        const { indices, values } = featurizer.transform(text);
        forwardHidden(net, indices, values, a);
        const out = Float64Array.from(b2);
        for (let h = 0; h < H; h++) {
          const ah = a[h] as number;
          if (ah === 0) continue;
          for (let k = 0; k < K; k++) out[k] = (out[k] as number) + ah * (w2[h * K + k] as number);
        }
        softmaxInPlace(out);
        return out;
      }),
    }),
  };
}

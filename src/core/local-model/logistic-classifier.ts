import { HiloError } from '../errors.js';
import type { LocalLabellerConfig } from '../project.js';
import type { Rng } from '../rng.js';
import { decodeBase64, encodeBase64 } from './base64.js';
import {
  decodeFeaturizer,
  encodeFeaturizer,
  type FeaturizerPayload,
} from './featurizer-payload.js';
import { createHashedTfidf } from './hashed-tfidf.js';
import type {
  LocalClassifier,
  LogisticState,
  TrainLocalClassifierOptions,
} from './local-classifier-state.js';
import { softmaxInPlace, trainLogisticRegression } from './logistic-regression.js';
import { dequantizeWeights, packCodes, quantizeWeights, unpackCodes } from './quantized-weights.js';
import { trainingData } from './training-data.js';

/**
 * Hashed TF-IDF + softmax regression. Weights are kept as 8-bit codes (see quantizeWeights) from
 * the start, so a model predicts exactly as it will after a serialization round trip.
 * @example const model = trainLogisticClassifier({ texts, labels, labelSet, config, rng: createRng(1) });
 * Complexity: O(epochs × nnz × K) time (nnz: non-zero features of the corpus), O(D × K) memory.
 * @throws HiloError INVALID_INPUT on an unknown label.
 */
export function trainLogisticClassifier(
  options: TrainLocalClassifierOptions & { readonly rng: Rng },
): LocalClassifier {
  const { texts, labelSet, config } = options;
  const K = labelSet.length;
  const { featurizer, vectors, labels, classWeights } = trainingData(options);
  const model = trainLogisticRegression({
    vectors,
    labels,
    classCount: K,
    dimension: featurizer.dimension,
    l2: config.l2,
    epochs: config.epochs,
    rng: options.rng,
    ...(classWeights ? { classWeights } : {}),
  });
  return createLogisticClassifier({
    kind: 'logistic',
    labelSet: [...labelSet],
    config,
    trainedOn: texts.length,
    featurizer,
    weights: quantizeWeights(model.weights, K),
    bias: model.bias,
  });
}

/**
 * A logistic classifier from its parts (as trained, or as read back).
 * @example const same = createLogisticClassifier(model.state as LogisticState);
 * Complexity: O(D × K) to build; predict is O(characters + nnz × K) per text.
 */
export function createLogisticClassifier(state: LogisticState): LocalClassifier {
  const featurizer = createHashedTfidf(state.featurizer);
  const weights = dequantizeWeights(state.weights);
  const K = state.labelSet.length;
  const predict = (texts: readonly string[]): { probabilities: Float64Array[] } => ({
    probabilities: texts.map((text) => {
      const { indices, values } = featurizer.transform(text);
      const out = Float64Array.from(state.bias);
      for (let t = 0; t < indices.length; t++) {
        const x = values[t] as number;
        const base = (indices[t] as number) * K;
        for (let k = 0; k < K; k++) out[k] = (out[k] as number) + x * (weights[base + k] as number);
      }
      softmaxInPlace(out);
      return out;
    }),
  });
  return {
    labelSet: state.labelSet,
    config: state.config,
    trainedOn: state.trainedOn,
    state,
    predict,
  };
}

/** The stored form of a logistic classifier (format `hilo.local-classifier`, version 1). */
export interface LogisticPayload {
  readonly format: string;
  readonly version: number;
  readonly labelSet: string[];
  readonly config: LocalLabellerConfig;
  readonly trainedOn: number;
  readonly featurizer: FeaturizerPayload;
  readonly bias: number[];
  readonly scales: number[];
  readonly codes: string;
}

export const LOGISTIC_FORMAT = { format: 'hilo.local-classifier', version: 1 } as const;

/**
 * The JSON object of a logistic classifier: 8-bit weight codes with zero runs packed, base64.
 * About 1 byte per (column, class) at most; a banking77 model (77 classes, 10k texts) takes 1.4 MB.
 * @example JSON.stringify(encodeLogistic(state))
 * Complexity: O(D × K).
 */
export function encodeLogistic(state: LogisticState): LogisticPayload {
  return {
    ...LOGISTIC_FORMAT,
    labelSet: [...state.labelSet],
    config: state.config,
    trainedOn: state.trainedOn,
    featurizer: encodeFeaturizer(state.featurizer),
    bias: Array.from(state.bias),
    scales: Array.from(state.weights.scales),
    codes: encodeBase64(packCodes(state.weights.codes)),
  };
}

/**
 * Inverse of `encodeLogistic`.
 * @example const state = decodeLogistic(JSON.parse(payload));
 * Complexity: O(D × K).
 * @throws HiloError INVALID_INPUT when the parts do not fit together.
 */
export function decodeLogistic(data: LogisticPayload): LogisticState {
  const K = data.labelSet.length;
  const { bias, scales } = data;
  const featurizer = decodeFeaturizer(data.featurizer);
  if (bias.length !== K || scales.length !== K) {
    throw new HiloError(
      'INVALID_INPUT',
      `local model payload has ${bias.length} biases for ${K} labels`,
    );
  }
  return {
    kind: 'logistic',
    labelSet: data.labelSet,
    config: data.config,
    trainedOn: data.trainedOn,
    featurizer,
    weights: {
      classCount: K,
      scales: Float64Array.from(scales),
      codes: unpackCodes(decodeBase64(data.codes), featurizer.buckets.length * K),
    },
    bias: Float64Array.from(bias),
  };
}

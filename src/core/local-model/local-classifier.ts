import { HiloError } from '../errors.js';
import { createRng } from '../rng.js';
import type { LocalClassifier, TrainLocalClassifierOptions } from './local-classifier-state.js';
import {
  createLogisticClassifier,
  decodeLogistic,
  encodeLogistic,
  LOGISTIC_FORMAT,
  trainLogisticClassifier,
  type LogisticPayload,
} from './logistic-classifier.js';
import { createMlpClassifier, trainMlpClassifier } from './mlp-classifier.js';
import { decodeMlp, encodeMlp, MLP_FORMAT, type MlpPayload } from './mlp-payload.js';

export type { LocalClassifier, TrainLocalClassifierOptions } from './local-classifier-state.js';

/**
 * Fits hashed TF-IDF features and the classifier `config.classifier` names (softmax regression
 * by default, else a one-hidden-layer MLP with `config.mlp`) on labelled texts.
 * @example
 * const model = trainLocalClassifier({ texts, labels, labelSet: ['ham', 'spam'], config });
 * model.predict(['WIN a prize now']).probabilities[0]; // Float64Array [0.03, 0.97]
 * Complexity: O(epochs × nnz × K) for logistic regression, O(epochs × (nnz × H + n × H × K))
 * for the MLP (nnz: non-zero features of the corpus).
 * @throws HiloError INVALID_INPUT on mismatched lengths, an unknown label or no items.
 */
export function trainLocalClassifier(options: TrainLocalClassifierOptions): LocalClassifier {
  const { texts, labels, config } = options;
  if (texts.length !== labels.length) {
    throw new HiloError('INVALID_INPUT', `${texts.length} texts but ${labels.length} labels`);
  }
  if (texts.length === 0) {
    throw new HiloError('INVALID_INPUT', 'the local model needs at least one labelled item');
  }
  const rng = options.rng ?? createRng(config.seed);
  if (config.classifier === 'mlp') {
    return trainMlpClassifier({ ...options, ...config.mlp, rng });
  }
  return trainLogisticClassifier({ ...options, rng });
}

/**
 * A compact JSON string of the model (8-bit weight codes, base64); logistic models keep the
 * format `hilo.local-classifier`, MLPs use `hilo.local-mlp`.
 * @example const payload = serializeLocalClassifier(model); deserializeLocalClassifier(payload).predict(['hi']);
 * Complexity: O(D × K) or O(D × H).
 */
export function serializeLocalClassifier(model: LocalClassifier): string {
  const state = model.state;
  return JSON.stringify(state.kind === 'mlp' ? encodeMlp(state) : encodeLogistic(state));
}

/**
 * Reads back a model written by `serializeLocalClassifier`; it predicts exactly as the original.
 * @example const model = deserializeLocalClassifier(stored.payload);
 * Complexity: O(D × K) or O(D × H).
 * @throws HiloError INVALID_INPUT when the text is not such a model.
 */
export function deserializeLocalClassifier(payload: string): LocalClassifier {
  let data: { format?: unknown; version?: unknown } | null;
  try {
    data = JSON.parse(payload) as typeof data;
  } catch (cause) {
    throw new HiloError('INVALID_INPUT', 'local model payload is not JSON', undefined, { cause });
  }
  const is = (f: { format: string; version: number }): boolean =>
    data?.format === f.format && data.version === f.version;
  try {
    if (is(LOGISTIC_FORMAT))
      return createLogisticClassifier(decodeLogistic(data as LogisticPayload));
    if (is(MLP_FORMAT)) return createMlpClassifier(decodeMlp(data as MlpPayload));
  } catch (cause) {
    if (cause instanceof HiloError) throw cause;
    // A hand-edited or truncated payload fails somewhere in decoding: report it as bad input.
    throw new HiloError('INVALID_INPUT', 'local model payload is malformed', undefined, { cause });
  }
  throw new HiloError(
    'INVALID_INPUT',
    `local model payload is not ${LOGISTIC_FORMAT.format} version ${LOGISTIC_FORMAT.version} nor ${MLP_FORMAT.format} version ${MLP_FORMAT.version}`,
  );
}

import type { LocalLabellerConfig } from '../project.js';
import type { Rng } from '../rng.js';
import type { HashedTfidfState } from './hashed-tfidf.js';
import type { QuantizedWeights } from './quantized-weights.js';

/** What every local classifier keeps besides its weights. */
interface CommonState {
  readonly labelSet: readonly string[];
  readonly config: LocalLabellerConfig;
  /** Number of training items. */
  readonly trainedOn: number;
  readonly featurizer: HashedTfidfState;
}

/** Softmax regression over the TF-IDF columns: K weights per column as 8-bit codes. */
export interface LogisticState extends CommonState {
  readonly kind: 'logistic';
  readonly weights: QuantizedWeights;
  readonly bias: Float64Array;
}

/** TF-IDF columns → ReLU hidden layer (8-bit codes, one scale per unit) → softmax. */
export interface MlpState extends CommonState {
  readonly kind: 'mlp';
  readonly hidden: number;
  /** `columns × hidden`, row per column; its `classCount` is the number of hidden units. */
  readonly w1: QuantizedWeights;
  readonly b1: Float64Array;
  /** `hidden × labels`. */
  readonly w2: Float64Array;
  readonly b2: Float64Array;
}

/** Everything a trained classifier is made of (what serialization keeps). */
export type LocalClassifierState = LogisticState | MlpState;

/** A trained local labeller over hashed TF-IDF features (logistic regression or MLP). */
export interface LocalClassifier {
  readonly labelSet: readonly string[];
  readonly config: LocalLabellerConfig;
  /** Number of training items. */
  readonly trainedOn: number;
  readonly state: LocalClassifierState;
  /** One distribution per text, over `labelSet` in its order. */
  predict(texts: readonly string[]): { probabilities: Float64Array[] };
}

export interface TrainLocalClassifierOptions {
  readonly texts: readonly string[];
  /** The label of each text; every one must be in `labelSet`. */
  readonly labels: readonly string[];
  /** The project's labels; probabilities come in this order. */
  readonly labelSet: readonly string[];
  /** `classifier` picks logistic regression (default) or the MLP, with `mlp`'s settings. */
  readonly config: LocalLabellerConfig;
  /** Shuffling of the optimizer; default `createRng(config.seed)`. */
  readonly rng?: Rng;
  /** `balanced` weighs each class's loss by n / (classes present × its count); default `none`. */
  readonly classWeight?: 'none' | 'balanced';
}

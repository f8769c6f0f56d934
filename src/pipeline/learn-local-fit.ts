import { crossFitPredict } from '../core/local-model/cross-fit.js';
import {
  serializeLocalClassifier,
  trainLocalClassifier,
} from '../core/local-model/local-classifier.js';
import type { LocalLabellerConfig } from '../core/project.js';
import { textPredictor, type LocalPredictor } from './local-labeller.js';

export interface FitLocalOptions {
  readonly texts: readonly string[];
  readonly labels: readonly string[];
  readonly labelSet: readonly string[];
  readonly config: LocalLabellerConfig;
  /** Folds for out-of-fold predictions; below 2, none. */
  readonly folds: number;
}

export interface FittedLocal {
  readonly predictor: LocalPredictor;
  /** What the store keeps of the model. */
  readonly payload: string;
  /** `logistic` or `mlp`. */
  readonly classifier: string;
  /** Each training item's distribution from a model that did not see it, or null without folds. */
  readonly outOfFold: Float64Array[] | null;
}

/**
 * Trains the local model the config describes on labelled texts, with out-of-fold predictions
 * for the training items when `folds` ≥ 2.
 * @example const { predictor, payload, outOfFold } = await fitLocalModel({ texts, labels, labelSet, config, folds: 5 });
 * Complexity: folds + 1 trainings.
 */
export async function fitLocalModel(options: FitLocalOptions): Promise<FittedLocal> {
  const { texts, labels, labelSet, config, folds } = options;
  const model = trainLocalClassifier({ texts, labels, labelSet, config });
  const outOfFold =
    folds >= 2
      ? crossFitPredict({ texts, labels, labelSet, config, folds, seed: config.seed }).probabilities
      : null;
  return Promise.resolve({
    predictor: textPredictor(model),
    payload: serializeLocalClassifier(model),
    classifier: model.state.kind,
    outOfFold,
  });
}

import { crossFitWith } from '../../core/local-model/cross-fit.js';
import { serializeOneVsRest, trainOneVsRest } from '../../core/local-model/one-vs-rest.js';
import {
  serializePairwiseClassifier,
  trainPairwiseClassifier,
} from '../../core/local-model/pairwise-classifier.js';
import type { LocalLabellerConfig } from '../../core/project.js';
import { labelSetIndices } from '../../core/task-kind/index.js';
import type { FittedLocal } from './fitted-local.js';
import { textPredictor } from './local-predictor.js';

export interface FitKindOptions {
  readonly texts: readonly string[];
  /** Set codes (multi-label) or verdicts (pairwise). */
  readonly labels: readonly string[];
  readonly labelSet: readonly string[];
  readonly config: LocalLabellerConfig;
  readonly folds: number;
}

/**
 * A multi-label project's local model: one yes/no classifier per label (`trainOneVsRest`) on
 * the items' set codes, with out-of-fold rows of per-label probabilities when `folds` ≥ 2
 * (folds stratified by set code).
 * @example const fitted = fitOneVsRest({ texts, labels: ['toxic|insult', ''], labelSet, config, folds: 5 });
 * Complexity: (folds + 1) × L trainings of the local classifier.
 */
export function fitOneVsRest(options: FitKindOptions): FittedLocal {
  const { texts, labels, labelSet, config, folds } = options;
  const train = (
    t: readonly string[],
    codes: readonly string[],
    rng?: Parameters<typeof trainOneVsRest>[0]['rng'],
  ) =>
    trainOneVsRest({
      texts: t,
      sets: codes.map((code) => labelSetIndices(code, labelSet)),
      labelSet,
      config,
      ...(rng ? { rng } : {}),
    });
  const model = train(texts, labels);
  const outOfFold =
    folds >= 2
      ? crossFitWith({
          inputs: texts,
          labels,
          folds,
          seed: config.seed,
          fit: (t, codes, rng) => train(t, codes, rng),
        }).probabilities
      : null;
  return {
    predictor: textPredictor(model),
    payload: serializeOneVsRest(model),
    classifier: config.classifier,
    outOfFold,
  };
}

/**
 * A pairwise project's local model (`trainPairwiseClassifier`: every pair also learnt with A and
 * B exchanged, predictions the same whichever is shown first), with out-of-fold distributions
 * when `folds` ≥ 2; a pair and its exchanged copy always fall in the same fold.
 * @example const fitted = fitPairwise({ texts, labels: ['a', 'tie'], labelSet: ['a', 'b', 'tie'], config, folds: 5 });
 * Complexity: folds + 1 trainings on twice the items.
 */
export function fitPairwise(options: FitKindOptions): FittedLocal {
  const { texts, labels, labelSet, config, folds } = options;
  const model = trainPairwiseClassifier({ texts, labels, labelSet, config });
  const outOfFold =
    folds >= 2
      ? crossFitWith({
          inputs: texts,
          labels,
          folds,
          seed: config.seed,
          fit: (t, l, rng) =>
            trainPairwiseClassifier({ texts: t, labels: l, labelSet, config, rng }),
        }).probabilities
      : null;
  return {
    predictor: textPredictor(model),
    payload: serializePairwiseClassifier(model),
    classifier: config.classifier,
    outOfFold,
  };
}

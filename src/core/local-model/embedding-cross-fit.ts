import { crossFitWith, type CrossFitResult } from './cross-fit.js';
import {
  trainEmbeddingClassifier,
  type TrainEmbeddingClassifierOptions,
} from './embedding-classifier.js';

export interface CrossFitEmbeddingOptions extends Omit<TrainEmbeddingClassifierOptions, 'rng'> {
  /** Number of folds, ≥ 2 and at most the number of items. */
  readonly folds: number;
  /** Seeds both the fold assignment and each fold's optimizer. */
  readonly seed: number;
}

/**
 * Out-of-fold predictions of the embedding classifier, as `crossFitPredict` gives for the
 * TF-IDF one: each stratified fold is predicted by a model trained on the other folds only,
 * so calibration on gold sees probabilities from models that never saw the item.
 * @example const { probabilities } = crossFitEmbeddingPredict({ vectors, labels, labelSet, config, embeddingModel, folds: 5, seed: 1 });
 * Complexity: `folds` trainings on (folds − 1)/folds of the items.
 * @throws HiloError INVALID_INPUT when folds < 2, folds > items, or the input is invalid.
 */
export function crossFitEmbeddingPredict(options: CrossFitEmbeddingOptions): CrossFitResult {
  const { vectors, labels, folds, seed, ...training } = options;
  return crossFitWith({
    inputs: vectors,
    labels,
    folds,
    seed,
    fit: (trainVectors, trainLabels, rng) =>
      trainEmbeddingClassifier({ ...training, vectors: trainVectors, labels: trainLabels, rng }),
  });
}

import { HiloError } from '../errors.js';
import type { LocalLabellerConfig } from '../project.js';
import { createRng, shuffled, type Rng } from '../rng.js';
import { trainLocalClassifier } from './local-classifier.js';

export interface CrossFitOptions {
  readonly texts: readonly string[];
  readonly labels: readonly string[];
  readonly labelSet: readonly string[];
  readonly config: LocalLabellerConfig;
  /** Number of folds, ≥ 2 and at most the number of items. */
  readonly folds: number;
  /** Seeds both the fold assignment and each fold's optimizer. */
  readonly seed: number;
  readonly classWeight?: 'none' | 'balanced';
  /** Called after each fold with the folds done so far, for progress on long work. */
  readonly onFold?: (done: number, folds: number) => void;
}

export interface CrossFitResult {
  /** Out-of-fold distribution of every item, over `labelSet` in its order. */
  readonly probabilities: Float64Array[];
  /** The fold of every item: it was predicted by the model trained on all other folds. */
  readonly fold: Int32Array;
}

/**
 * Out-of-fold predictions: the items are split into stratified folds and each fold is
 * predicted by a model (featurizer included) fitted on the other folds only, so every item gets
 * a probability from a model that never saw it — what calibration on gold needs to be unbiased.
 * @example const { probabilities } = crossFitPredict({ texts, labels, labelSet, config, folds: 5, seed: 1 });
 * Complexity: `folds` trainings on (folds − 1)/folds of the items.
 * @throws HiloError INVALID_INPUT when folds < 2, folds > items, or a label is unknown.
 */
export function crossFitPredict(options: CrossFitOptions): CrossFitResult {
  const { texts, labelSet, config } = options;
  return crossFitWith({
    inputs: texts,
    labels: options.labels,
    folds: options.folds,
    seed: options.seed,
    ...(options.onFold ? { onFold: options.onFold } : {}),
    fit: (trainTexts, trainLabels, rng) =>
      trainLocalClassifier({
        texts: trainTexts,
        labels: trainLabels,
        labelSet,
        config,
        rng,
        ...(options.classWeight ? { classWeight: options.classWeight } : {}),
      }),
  });
}

/** What `crossFitWith` cross-fits: any inputs, and how to fit a model to some of them. */
export interface CrossFitWithOptions<T> {
  readonly inputs: readonly T[];
  readonly labels: readonly string[];
  readonly folds: number;
  readonly seed: number;
  /** Trains on the other folds with the given generator; the model predicts the held-out fold. */
  readonly fit: (
    inputs: T[],
    labels: string[],
    rng: Rng,
  ) => { predict(inputs: T[]): { probabilities: Float64Array[] } };
  /** Called after each fold with the folds done so far. */
  readonly onFold?: (done: number, folds: number) => void;
}

/**
 * Out-of-fold predictions for any kind of input (texts, embedding vectors): the stratified
 * folds and seeding of `crossFitPredict`, with the model `fit` builds.
 * @example crossFitWith({ inputs: vectors, labels, folds: 5, seed: 1, fit: (x, y, rng) => train(x, y, rng) });
 * Complexity: `folds` fits on (folds − 1)/folds of the items.
 * @throws HiloError INVALID_INPUT when folds < 2, folds > items, or the lengths differ.
 */
export function crossFitWith<T>(options: CrossFitWithOptions<T>): CrossFitResult {
  const { inputs, labels, folds } = options;
  if (!Number.isInteger(folds) || folds < 2 || folds > inputs.length) {
    throw new HiloError(
      'INVALID_INPUT',
      `cross-fitting needs 2..${inputs.length} folds (one item at least per fold), got ${folds}`,
    );
  }
  if (labels.length !== inputs.length) {
    throw new HiloError('INVALID_INPUT', `${inputs.length} inputs but ${labels.length} labels`);
  }
  const rng = createRng(options.seed);
  const fold = stratifiedFolds(labels, folds, rng);
  const probabilities = new Array<Float64Array>(inputs.length);
  for (let f = 0; f < folds; f++) {
    const trainIndexes: number[] = [];
    const heldOut: number[] = [];
    for (let i = 0; i < inputs.length; i++) (fold[i] === f ? heldOut : trainIndexes).push(i);
    const model = options.fit(
      trainIndexes.map((i) => inputs[i] as T),
      trainIndexes.map((i) => labels[i] as string),
      createRng(rng.int(0x100000000)),
    );
    const predicted = model.predict(heldOut.map((i) => inputs[i] as T)).probabilities;
    heldOut.forEach((item, j) => {
      probabilities[item] = predicted[j] as Float64Array;
    });
    options.onFold?.(f + 1, folds);
  }
  return { probabilities, fold };
}

/**
 * Fold of each item such that every label is spread as evenly as possible over the folds (and
 * fold sizes differ by at most one): items are shuffled within each label, then dealt in turn.
 * @example stratifiedFolds(['a', 'a', 'b', 'b'], 2, createRng(1)) // e.g. Int32Array [1, 0, 0, 1]
 * Complexity: O(n).
 */
export function stratifiedFolds(labels: readonly string[], folds: number, rng: Rng): Int32Array {
  const byLabel = new Map<string, number[]>();
  labels.forEach((label, i) => {
    const group = byLabel.get(label);
    if (group) group.push(i);
    else byLabel.set(label, [i]);
  });
  const fold = new Int32Array(labels.length);
  let next = 0;
  // Map order is first appearance, so the assignment depends only on the data and the seed.
  for (const group of byLabel.values()) {
    for (const item of shuffled(group, rng)) {
      fold[item] = next;
      next = (next + 1) % folds;
    }
  }
  return fold;
}

import { randomSample } from '../../core/active-learning/top-scored.js';
import { HiloError } from '../../core/errors.js';
import { percent } from '../../core/format/format-number.js';
import type { Logger } from '../../core/ports/runtime.js';
import type { LocalLabellerConfig } from '../../core/project.js';
import { createRng } from '../../core/rng.js';
import { corruptLabels } from '../../core/simulation/corrupt-labels.js';
import { annotate, parametricAnnotator } from '../../core/simulation/simulated-annotator.js';
import {
  accuracyOf,
  argmaxRows,
  featurizeForSimulation,
  predictItems,
  trainOnItems,
  type SimulationFeatures,
} from './simulate-model.js';
import { indexLabels, stratifiedSplit, subSeed } from './simulate-split.js';

export interface SimulateRelabelOptions {
  readonly texts: readonly string[];
  /** The trusted (majority) label of each item. */
  readonly labels: readonly string[];
  /** Share of annotators who gave that label, per item, in [0, 1]. */
  readonly agreement: ArrayLike<number>;
  /** Shares of the training items sent back to people (default 0, 0.05, 0.1, 0.2, 0.3, 0.5). */
  readonly shares?: readonly number[];
  /** Accuracy of the person who relabels (default 1: the trusted label comes back). */
  readonly humanAccuracy?: number;
  /** Folds of the cross-fitted predictions that judge each label (default 5). */
  readonly folds?: number;
  readonly testShare?: number;
  readonly seed?: number;
  readonly config: LocalLabellerConfig;
  readonly logger?: Logger;
}

/** One way of choosing items to relabel at one share. */
export interface RelabelOutcome {
  /** Share of training labels equal to the trusted label after relabelling. */
  readonly labelAccuracy: number;
  /** Wrong labels among the items sent back. */
  readonly errorsFound: number;
  /** Held-out accuracy of the model retrained on the relabelled training set. */
  readonly testAccuracy: number;
}

export interface RelabelPoint {
  readonly share: number;
  readonly relabelled: number;
  /** The items the cross-fitted model gives the lowest probability to their current label. */
  readonly byConfidence: RelabelOutcome;
  readonly random: RelabelOutcome;
}

export interface RelabelSimulationResult {
  readonly items: number;
  readonly train: number;
  readonly test: number;
  readonly classes: number;
  /** Share of training labels the corruption changed. */
  readonly noiseRate: number;
  /** Held-out accuracy when trained on the trusted labels. */
  readonly cleanAccuracy: number;
  /** Held-out accuracy when trained on the noisy labels. */
  readonly noisyAccuracy: number;
  readonly sweep: RelabelPoint[];
}

/**
 * The hands-on noisy-label experiment: every training label is corrupted with probability
 * 1 − agreement (one annotator's label instead of the crowd's), the local model is trained on
 * them, and a share of the items is sent back to people — the ones whose current label the model
 * (cross-fitted, so it never judges a label it trained on) finds least likely, or a random
 * sample of the same size. For each share: how many wrong labels were found, the resulting
 * label accuracy, and the held-out accuracy of the model retrained on the repaired labels.
 * @example const result = simulateRelabel({ texts, labels, agreement, config });
 * Complexity: (folds + 2 + 2 × shares) trainings on the training items.
 * @throws HiloError INVALID_INPUT on mismatched lengths or a share outside [0, 1].
 */
export function simulateRelabel(options: SimulateRelabelOptions): RelabelSimulationResult {
  const { texts, agreement, config } = options;
  const seed = options.seed ?? 1;
  const shares = options.shares ?? [0, 0.05, 0.1, 0.2, 0.3, 0.5];
  if (shares.some((s) => !(s >= 0 && s <= 1)))
    throw new HiloError('INVALID_INPUT', 'every share must be in [0, 1]');
  if (agreement.length !== texts.length || options.labels.length !== texts.length) {
    throw new HiloError('INVALID_INPUT', 'texts, labels and agreement must have the same length');
  }
  const { labelSet, classes } = indexLabels(options.labels);
  const K = labelSet.length;
  const { pool: train, test } = stratifiedSplit(
    classes,
    options.testShare ?? 0.2,
    createRng(subSeed(seed, 'split')),
  );
  const features = featurizeForSimulation(texts, train, config);
  const truth = Int32Array.from(train, (i) => classes[i] as number);
  const noisy = corruptLabels({
    classes: truth,
    agreement: Float64Array.from(train, (i) => agreement[i] as number),
    classCount: K,
    rng: createRng(subSeed(seed, 'corrupt')),
  });
  const fit = (labelsOfTrain: Int32Array): number => {
    const all = new Int32Array(texts.length);
    train.forEach((item, a) => (all[item] = labelsOfTrain[a] as number));
    const model = trainOnItems({
      features,
      items: train,
      labels: all,
      classCount: K,
      config,
      rng: createRng(subSeed(seed, 'train')),
    });
    const predicted = argmaxRows(predictItems(model, features, test), K);
    return accuracyOf(
      predicted,
      Int32Array.from(test, (i) => classes[i] as number),
    );
  };
  const cleanAccuracy = fit(truth);
  const noisyAccuracy = fit(noisy);
  options.logger?.info(
    `relabel: ${train.length} training items, ${percent(mismatch(noisy, truth))} of labels corrupted; held-out accuracy clean ${percent(cleanAccuracy)}, noisy ${percent(noisyAccuracy)}`,
  );
  const suspicion = outOfFoldLabelProbability({
    features,
    train,
    noisy,
    classCount: K,
    folds: options.folds ?? 5,
    config,
    seed,
  });
  const byLowest = Int32Array.from(
    Array.from(train.keys()).sort(
      (a, b) => (suspicion[a] as number) - (suspicion[b] as number) || a - b,
    ),
  );
  const person = parametricAnnotator({
    name: 'relabeller',
    classCount: K,
    accuracy: options.humanAccuracy ?? 1,
  });
  const outcome = (chosen: ArrayLike<number>, stream: string): RelabelOutcome => {
    const repaired = Int32Array.from(noisy);
    const rng = createRng(subSeed(seed, stream));
    let errorsFound = 0;
    for (let c = 0; c < chosen.length; c++) {
      const a = chosen[c] as number;
      if (noisy[a] !== truth[a]) errorsFound++;
      repaired[a] = annotate(person, truth[a] as number, rng);
    }
    return {
      labelAccuracy: 1 - mismatch(repaired, truth),
      errorsFound,
      testAccuracy: fit(repaired),
    };
  };
  const sweep = shares.map((share) => {
    const m = Math.round(share * train.length);
    const point = {
      share,
      relabelled: m,
      byConfidence: outcome(byLowest.subarray(0, m), `relabel:confidence:${share}`),
      random: outcome(
        randomSample(train.length, m, createRng(subSeed(seed, `pick:${share}`))),
        `relabel:random:${share}`,
      ),
    };
    options.logger?.info(
      `relabel ${percent(share)} (${m} items): by confidence ${point.byConfidence.errorsFound} errors found, held-out ${percent(point.byConfidence.testAccuracy)}; ` +
        `random ${point.random.errorsFound} found, ${percent(point.random.testAccuracy)}`,
    );
    return point;
  });
  return {
    items: texts.length,
    train: train.length,
    test: test.length,
    classes: K,
    noiseRate: mismatch(noisy, truth),
    cleanAccuracy,
    noisyAccuracy,
    sweep,
  };
}

/** Cross-fitted probability of each training item's (noisy) label. O(folds trainings). */
function outOfFoldLabelProbability(options: {
  readonly features: SimulationFeatures;
  readonly train: Int32Array;
  readonly noisy: Int32Array;
  readonly classCount: number;
  readonly folds: number;
  readonly config: LocalLabellerConfig;
  readonly seed: number;
}): Float64Array {
  const { features, train, noisy, classCount: K, folds, seed } = options;
  const all = new Int32Array(features.vectors.length);
  train.forEach((item, a) => (all[item] = noisy[a] as number));
  const fold = Int32Array.from(train, (_, a) => a % folds); // train is already shuffled
  const out = new Float64Array(train.length);
  for (let f = 0; f < folds; f++) {
    const fitOn = train.filter((_, a) => fold[a] !== f);
    const heldOut = Array.from(train.keys()).filter((a) => fold[a] === f);
    const model = trainOnItems({
      features,
      items: fitOn,
      labels: all,
      classCount: K,
      config: options.config,
      rng: createRng(subSeed(seed, `fold:${f}`)),
    });
    const p = predictItems(
      model,
      features,
      heldOut.map((a) => train[a] as number),
    );
    heldOut.forEach((a, r) => (out[a] = p[r * K + (noisy[a] as number)] as number));
  }
  return out;
}

function mismatch(a: Int32Array, b: Int32Array): number {
  let wrong = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) wrong++;
  return wrong / a.length;
}

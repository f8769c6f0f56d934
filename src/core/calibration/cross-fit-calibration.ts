import { HiloError } from '../errors.js';
import { createRng, shuffled } from '../rng.js';
import { expectedCalibrationError } from './calibration-error.js';
import { checkCalibrationData, type CalibrationMethod, type Calibrator } from './calibrator.js';
import { confidenceAuroc } from './confidence-auroc.js';
import { fitCalibrator } from './fit-calibrator.js';
import { brierScore, negativeLogLikelihood } from './proper-scores.js';
import { topLabelOutcomes } from './top-label.js';

/**
 * Options of `crossFitCalibration`: the gold items' probabilities and labels, the folds and the
 * methods to compare.
 * @example crossFitCalibration({ probs, labels, K: 3, folds: 5, seed: 1, methods: ['none', 'temperature'] })
 */
export interface CrossFitOptions {
  /** n×K raw probabilities of the gold items, row-major. */
  readonly probs: Float64Array;
  /** Gold label index of each row. */
  readonly labels: ArrayLike<number>;
  readonly K: number;
  /** Number of folds (default 5; at most n). */
  readonly folds?: number;
  readonly seed: number;
  /** Methods to compare (default all, `none` included so calibration must earn its place). */
  readonly methods?: readonly CalibrationMethod[];
}

/**
 * Held-out scores of one method (every number on items its calibrator was not fitted on).
 * @example crossFitCalibration({ probs, labels, K, seed: 1 }).scores.temperature?.nll
 */
export interface HeldOutScores {
  readonly nll: number;
  /** Top-label ECE, 15 equal-width bins. */
  readonly ece: number;
  /** Top-label ECE, 10 equal-mass bins. */
  readonly eceMass: number;
  readonly brier: number;
  /** AUROC of calibrated confidence for "the machine is right". */
  readonly auroc: number;
}

/**
 * What `crossFitCalibration` returns: held-out probabilities and scores per method, the best
 * method, and its calibrator refitted on all gold.
 * @example const { best, scores, calibrator } = crossFitCalibration({ probs, labels, K, seed: 1 }); scores[best]?.ece
 */
export interface CrossFitResult {
  /** Per method, the n×K held-out calibrated probabilities in gold order. */
  readonly heldOut: Partial<Record<CalibrationMethod, Float64Array>>;
  readonly scores: Partial<Record<CalibrationMethod, HeldOutScores>>;
  /** The method with the lowest held-out NLL. */
  readonly best: CalibrationMethod;
  /** The best method refitted on all gold items: the one to apply to the pool. */
  readonly calibrator: Calibrator;
  /** Fold index of each gold item. */
  readonly fold: Int32Array;
}

/**
 * Stratified fold assignment: items are shuffled with the seed, then dealt round-robin label
 * by label, so each fold gets about the same share of every label.
 */
function assignFolds(labels: ArrayLike<number>, folds: number, seed: number): Int32Array {
  const n = labels.length;
  const order = shuffled(
    Array.from({ length: n }, (_, i) => i),
    createRng(seed),
  ).sort((i, j) => (labels[i] as number) - (labels[j] as number));
  const fold = new Int32Array(n);
  order.forEach((item, position) => {
    fold[item] = position % folds;
  });
  return fold;
}

/**
 * Cross-fitted calibration on a gold set: for each method, each fold is calibrated by a
 * calibrator fitted on the other folds, so every gold item gets a calibrated distribution from
 * a map that never saw it. The held-out NLL, ECE, Brier score and AUROC compare the methods
 * honestly; the one with the lowest held-out NLL is refitted on all gold.
 * @example crossFitCalibration({ probs, labels, K: 3, folds: 5, seed: 7 }).best // 'temperature'
 * Complexity: O(F · M · fit cost) for F folds and M methods; each fit is O(nK + n log n).
 */
export function crossFitCalibration(options: CrossFitOptions): CrossFitResult {
  const { probs, labels, K, seed } = options;
  const n = checkCalibrationData({ probabilities: probs, labels, K });
  const folds = Math.min(options.folds ?? 5, n);
  if (folds < 2) {
    throw new HiloError(
      'INVALID_INPUT',
      `cross-fitting needs at least 2 gold items and 2 folds (got ${n} items)`,
    );
  }
  const methods = options.methods ?? ['none', 'temperature', 'platt', 'isotonic', 'histogram'];
  if (methods.length === 0)
    throw new HiloError('INVALID_INPUT', 'no calibration method to compare');
  const fold = assignFolds(labels, folds, seed);
  const heldOut: Partial<Record<CalibrationMethod, Float64Array>> = {};
  const scores: Partial<Record<CalibrationMethod, HeldOutScores>> = {};
  let best: CalibrationMethod = methods[0] as CalibrationMethod;
  let bestNll = Infinity;
  for (const method of methods) {
    const out = new Float64Array(n * K);
    for (let f = 0; f < folds; f++) {
      const train: number[] = [];
      const test: number[] = [];
      for (let i = 0; i < n; i++) (fold[i] === f ? test : train).push(i);
      const calibrator = fitCalibrator(method, {
        probabilities: gatherRows(probs, K, train),
        labels: train.map((i) => labels[i] as number),
        K,
      });
      const calibrated = calibrator.apply(gatherRows(probs, K, test));
      test.forEach((item, r) => out.set(calibrated.subarray(r * K, (r + 1) * K), item * K));
    }
    const outcomes = topLabelOutcomes(out, labels, K);
    const nll = negativeLogLikelihood(out, labels, K);
    heldOut[method] = out;
    scores[method] = {
      nll,
      ece: expectedCalibrationError(outcomes, { bins: 15, binning: 'width' }),
      eceMass: expectedCalibrationError(outcomes, { bins: 10, binning: 'mass' }),
      brier: brierScore(out, labels, K),
      auroc: confidenceAuroc(outcomes.confidence, outcomes.correct),
    };
    if (nll < bestNll) {
      bestNll = nll;
      best = method;
    }
  }
  const calibrator = fitCalibrator(best, { probabilities: probs, labels, K });
  return { heldOut, scores, best, calibrator, fold };
}

/** Copies the given rows of an n×K matrix into a new m×K matrix. O(mK). */
function gatherRows(matrix: Float64Array, K: number, rows: readonly number[]): Float64Array {
  const out = new Float64Array(rows.length * K);
  rows.forEach((row, r) => out.set(matrix.subarray(row * K, (row + 1) * K), r * K));
  return out;
}

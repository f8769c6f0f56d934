import { HiloError } from '../errors.js';

/**
 * The common shape of every calibrator: a fitted map from raw to calibrated probabilities whose
 * parameters are plain JSON, so a fitted calibrator can be stored and restored
 * (`restoreCalibrator`).
 */

/**
 * A calibration method by name (`none` renormalises only).
 * @example fitCalibrator('isotonic', { probabilities, labels, K })
 */
export type CalibrationMethod = 'none' | 'temperature' | 'platt' | 'isotonic' | 'histogram';

/**
 * Every calibration method, `none` included so calibration must earn its place.
 * @example crossFitCalibration({ probs, labels, K: 3, seed: 1, methods: CALIBRATION_METHODS })
 */
export const CALIBRATION_METHODS: readonly CalibrationMethod[] = [
  'none',
  'temperature',
  'platt',
  'isotonic',
  'histogram',
];

/**
 * JSON-serialisable parameters of a fitted calibrator; `K` is the number of labels.
 * `temperature` rescales the whole distribution; the other methods map the top-label
 * probability and rescale the rest (see `rescaleTopLabel`).
 */
type CalibratorParams =
  | { readonly method: 'none'; readonly K: number }
  | { readonly method: 'temperature'; readonly K: number; readonly temperature: number }
  /** Calibrated top probability = sigmoid(a · logit(c) + b). */
  | { readonly method: 'platt'; readonly K: number; readonly a: number; readonly b: number }
  /** Piecewise-linear monotone map through the knots (x[i], y[i]), flat outside them. */
  | {
      readonly method: 'isotonic';
      readonly K: number;
      readonly x: readonly number[];
      readonly y: readonly number[];
    }
  /** Bin i covers [edges[i−1], edges[i]); values[i] is its calibrated probability. */
  | {
      readonly method: 'histogram';
      readonly K: number;
      readonly edges: readonly number[];
      readonly values: readonly number[];
    };

/**
 * A fitted calibrator.
 * @example const calibrator = fitCalibrator('temperature', gold); calibrator.apply(poolProbabilities)
 */
export interface Calibrator {
  readonly method: CalibrationMethod;
  /** Plain JSON: `restoreCalibrator(JSON.parse(JSON.stringify(c.params)))` gives the same map. */
  readonly params: CalibratorParams;
  /**
   * Calibrated copy of an n×K row-major matrix of probabilities; every row sums to 1.
   * Complexity: O(nK), plus O(n log m) for the methods with m knots or bins.
   */
  apply(probabilities: Float64Array): Float64Array;
}

/**
 * Gold data a calibrator is fitted on: n×K probabilities and the gold label index of each row.
 * @example fitCalibrator('platt', { probabilities: Float64Array.of(0.9, 0.1, 0.6, 0.4), labels: [0, 1], K: 2 })
 */
export interface CalibrationData {
  readonly probabilities: Float64Array;
  readonly labels: ArrayLike<number>;
  readonly K: number;
}

/**
 * Keeps a fitted top-label probability strictly inside (0, 1): an item outside the fitted
 * range would otherwise get probability 0 of being right (or wrong) and an infinite log loss.
 * The margin, half an observation out of n + 1, is the smallest a sample of n can tell apart.
 * @example clipFitted(1, 99) // 0.995
 * Complexity: O(1).
 */
export function clipFitted(value: number, n: number): number {
  const eps = 0.5 / (n + 1);
  return Math.min(1 - eps, Math.max(eps, value));
}

/**
 * Checks that `probabilities` has n×K entries and every label is an index in [0, K).
 * @example checkCalibrationData({ probabilities, labels, K }) // returns n
 * Complexity: O(n).
 */
export function checkCalibrationData(data: CalibrationData): number {
  const { probabilities, labels, K } = data;
  if (!Number.isInteger(K) || K < 1) {
    throw new HiloError(
      'INVALID_INPUT',
      `the number of labels must be a positive integer, got ${K}`,
    );
  }
  if (probabilities.length !== labels.length * K) {
    throw new HiloError(
      'INVALID_INPUT',
      `expected ${labels.length}×${K} probabilities, got ${probabilities.length} values`,
    );
  }
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i] as number;
    if (!Number.isInteger(y) || y < 0 || y >= K) {
      throw new HiloError('INVALID_INPUT', `gold label index ${y} of row ${i} is not in [0, ${K})`);
    }
  }
  return labels.length;
}

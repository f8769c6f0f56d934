import { clampGold } from './clamp-gold.js';
import { confusionCounts, confusionSweep, logOf } from './confusion-steps.js';
import { createEmArrays } from './em-arrays.js';
import type { VoteMatrix } from './vote-matrix.js';

/** How class priors are set: fixed, or estimated with `smoothing` pseudo-items per class. */
export type PriorSetting =
  | { readonly kind: 'fixed'; readonly values: Float64Array }
  | { readonly kind: 'estimate'; readonly smoothing: number };

/** One confusion-matrix model run by {@link runConfusionEm}. */
export interface ConfusionEmSetup {
  readonly matrix: VoteMatrix;
  /** M-step of the annotator model: expected counts → `conf` (given-major, see confusion-steps). */
  readonly fitAnnotators: (counts: Float64Array, conf: Float64Array) => void;
  readonly priors: PriorSetting;
  readonly gold: Int32Array | undefined;
  readonly tolerance: number;
  readonly maxIterations: number;
}

/** Where EM starts: from posteriors (M-step first) or from parameters (E-step first). */
export type ConfusionEmStart =
  | { readonly posteriors: Float64Array }
  | { readonly conf: Float64Array; readonly priors: Float64Array };

/** The fitted model; arrays are owned by the caller afterwards. */
export interface ConfusionEmState {
  readonly posteriors: Float64Array;
  readonly conf: Float64Array;
  readonly counts: Float64Array;
  readonly priors: Float64Array;
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Expectation-maximisation for any model where each annotator answers through a confusion
 * matrix: M-step (expected counts → annotator parameters and class priors), then one fused
 * pass over the votes that does the E-step and gathers the next M-step's counts, until the
 * posteriors move less than `tolerance` (mean L1 change per item) or after `maxIterations`
 * sweeps. Gold items stay clamped to their class.
 * @example runConfusionEm(setup, { posteriors: voteShares(matrix) }).posteriors;
 * Complexity: O((K × votes + K² × soft votes + annotators × K²) × sweeps); memory
 * O(items × K + annotators × K²) besides the matrix.
 */
export function runConfusionEm(setup: ConfusionEmSetup, start: ConfusionEmStart): ConfusionEmState {
  return runToEnd(confusionEmSteps(setup, start));
}

/**
 * {@link runConfusionEm} one sweep at a time: yields the number of sweeps done after each one
 * and returns the fitted model, so a caller can give other work a turn between sweeps.
 * @example const steps = confusionEmSteps(setup, start); let r = steps.next(); while (!r.done) r = steps.next();
 * Complexity: that of runConfusionEm, O(K × votes + K² × soft votes + annotators × K²) a step.
 */
export function* confusionEmSteps(
  setup: ConfusionEmSetup,
  start: ConfusionEmStart,
): Generator<number, ConfusionEmState, void> {
  const { matrix, gold } = setup;
  const K = matrix.numClasses;
  const arrays = createEmArrays(matrix);
  const { conf, logConf, logPrior, posteriors, counts, totals } = arrays;
  const priors = new Float64Array(K).fill(1 / K);
  let logLikelihood = -Infinity;
  if ('posteriors' in start) {
    // Uniform π makes the soft-vote responsibilities of the first M-step equal to q itself.
    posteriors.set(start.posteriors);
    clampGold(posteriors, K, gold);
    confusionCounts(matrix, arrays);
    classTotals(matrix, { posteriors, totals }, gold);
  } else {
    conf.set(start.conf);
    priors.set(start.priors);
    logOf(conf, logConf);
    logOf(priors, logPrior);
    logLikelihood = confusionSweep(matrix, arrays, gold).logLikelihood;
  }
  let iterations = 0;
  let converged = false;
  while (iterations < setup.maxIterations) {
    iterations++;
    setup.fitAnnotators(counts, conf);
    priorsFromTotals(totals, setup.priors, priors);
    logOf(conf, logConf);
    logOf(priors, logPrior);
    const sweep = confusionSweep(matrix, arrays, gold);
    logLikelihood = sweep.logLikelihood;
    if (setup.tolerance > 0 && sweep.moved <= setup.tolerance) {
      converged = true;
      break;
    }
    if (iterations < setup.maxIterations) yield iterations;
  }
  return { posteriors, conf, counts, priors, logLikelihood, iterations, converged };
}

/**
 * Runs a step generator to its end and returns its result.
 * @example runToEnd(confusionEmSteps(setup, start)).conf;
 * Complexity: that of the steps.
 */
export function runToEnd<T>(steps: Generator<unknown, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Sums posterior rows of the items that have votes or gold into `totals[0..K)` and their
 * number into `totals[K]`. O(items × K).
 */
export function classTotals(
  matrix: VoteMatrix,
  arrays: { readonly posteriors: Float64Array; readonly totals: Float64Array },
  gold: Int32Array | undefined,
): void {
  const { posteriors, totals } = arrays;
  const K = matrix.numClasses;
  const offsets = matrix.itemOffsets;
  totals.fill(0);
  for (let i = 0; i < matrix.numItems; i++) {
    const voted = (offsets[i + 1] as number) > (offsets[i] as number);
    if (!voted && !(gold && (gold[i] as number) >= 0)) continue;
    for (let k = 0; k < K; k++) totals[k]! += posteriors[i * K + k] as number;
    totals[K]! += 1;
  }
}

/** Priors from class totals (see {@link classTotals}) and the setting. O(K). */
export function priorsFromTotals(
  totals: Float64Array,
  setting: PriorSetting,
  out: Float64Array,
): void {
  const K = out.length;
  if (setting.kind === 'fixed') {
    out.set(setting.values);
    return;
  }
  const denominator = (totals[K] as number) + K * setting.smoothing;
  for (let k = 0; k < K; k++) {
    out[k] = denominator > 0 ? ((totals[k] as number) + setting.smoothing) / denominator : 1 / K;
  }
}

/** Mean over rows of the L1 distance between two `rows × K` arrays. O(rows × K). */
export function meanRowChange(a: Float64Array, b: Float64Array, K: number): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) sum += Math.abs((a[j] as number) - (b[j] as number));
  return a.length > 0 ? sum / (a.length / K) : 0;
}

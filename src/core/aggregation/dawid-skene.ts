import { HiloError } from '../errors.js';
import type { AggregationOptions, AggregationResult } from './aggregation-types.js';
import { checkGold } from './clamp-gold.js';
import {
  confusionEmSteps,
  runToEnd,
  type ConfusionEmState,
  type PriorSetting,
} from './confusion-em.js';
import { confusionResult } from './confusion-result.js';
import { fitFullConfusion } from './fit-confusion.js';
import type { VoteMatrix } from './vote-matrix.js';
import { voteShares } from './vote-shares.js';

/**
 * Options of `dawidSkene`: smoothing of the confusion counts, shrinkage toward the pooled matrix,
 * fixed or smoothed class priors, a starting point.
 * @example dawidSkene(matrix, { smoothing: 0.1, shrinkage: 4, priorSmoothing: 1, seed: 1 })
 */
export interface DawidSkeneOptions extends AggregationOptions {
  /** Flat Dirichlet pseudo-count added to every confusion cell. Default 0.01. */
  readonly smoothing?: number;
  /**
   * Pseudo-votes per true class pulling each annotator toward the pooled confusion matrix of
   * all annotators (see fit-confusion). Default 0: textbook Dawid-Skene.
   */
  readonly shrinkage?: number;
  /** Fixed class priors (sum 1); by default they are estimated. */
  readonly classPriors?: Float64Array;
  /** Pseudo-items per class when priors are estimated. Default 0. */
  readonly priorSmoothing?: number;
  /** Starting posteriors (items × K); default the (weighted) majority-vote shares. */
  readonly initialPosteriors?: Float64Array;
}

/** Options after defaults, kept with the state so an update fits the same model. */
export interface ResolvedDawidSkeneOptions {
  readonly smoothing: number;
  readonly shrinkage: number;
  readonly priors: PriorSetting;
  readonly gold: Int32Array | undefined;
  readonly tolerance: number;
  readonly maxIterations: number;
  readonly seed: number;
}

/**
 * Everything needed to continue EM when votes arrive (see updateDawidSkene).
 * @example const { state } = dawidSkene(matrix); updateDawidSkene(state, newVotes).labels
 */
export interface DawidSkeneState {
  readonly matrix: VoteMatrix;
  readonly options: ResolvedDawidSkeneOptions;
  readonly em: ConfusionEmState;
}

/**
 * What `dawidSkene` returns: an aggregation result, and the state `updateDawidSkene` continues
 * from.
 * @example const fit = dawidSkene(matrix); updateDawidSkene(fit.state, newVotes)
 */
export interface DawidSkeneResult extends AggregationResult {
  readonly state: DawidSkeneState;
}

/**
 * Dawid-Skene (1979): every annotator has a full K × K confusion matrix; EM alternates
 * expected confusion counts / class priors (M-step) with item posteriors (E-step), starting from
 * the majority-vote shares. Smoothing, shrinkage toward the pooled matrix and fixed or smoothed
 * priors make it a MAP estimate; gold items stay clamped. Soft votes and annotator weights enter
 * as described in confusion-steps.
 * @example
 * const ds = dawidSkene(matrix, { maxIterations: 50, tolerance: 0, smoothing: 0.01 });
 * ds.labels; ds.skills.confusion; // annotators × K × K
 * Complexity: O((K × votes + annotators × K²) × sweeps), memory O(items × K + annotators × K²).
 */
export function dawidSkene(matrix: VoteMatrix, options: DawidSkeneOptions = {}): DawidSkeneResult {
  return runToEnd(dawidSkeneSteps(matrix, options));
}

/**
 * {@link dawidSkene} one EM sweep at a time (the same fit): yields the sweeps done after each
 * one and returns the result, so a server can let requests through between sweeps.
 * @example
 * const steps = dawidSkeneSteps(matrix, RECOMMENDED_DAWID_SKENE);
 * let step = steps.next();
 * while (!step.done) { await turn(); step = steps.next(); }
 * step.value.skills.confusion;
 * Complexity: that of dawidSkene, O(K × votes + K² × soft votes + annotators × K²) a step.
 */
export function* dawidSkeneSteps(
  matrix: VoteMatrix,
  options: DawidSkeneOptions = {},
): Generator<number, DawidSkeneResult, void> {
  const resolved = resolveDawidSkeneOptions(matrix, options);
  const start = options.initialPosteriors ?? voteShares(matrix);
  if (start.length !== matrix.numItems * matrix.numClasses) {
    throw new HiloError('INVALID_INPUT', 'initialPosteriors needs items × K entries');
  }
  const em = yield* confusionEmSteps(
    {
      matrix,
      fitAnnotators: fitFullConfusion(matrix.numClasses, resolved.smoothing, resolved.shrinkage),
      priors: resolved.priors,
      gold: resolved.gold,
      tolerance: resolved.tolerance,
      maxIterations: resolved.maxIterations,
    },
    { posteriors: start },
  );
  return dawidSkeneResult(matrix, resolved, em);
}

/** Packs an EM state as a result with its state. O(items × K + annotators × K²). */
export function dawidSkeneResult(
  matrix: VoteMatrix,
  options: ResolvedDawidSkeneOptions,
  em: ConfusionEmState,
): DawidSkeneResult {
  const result = confusionResult(matrix, em, { method: 'dawid-skene', seed: options.seed });
  return { ...result, state: { matrix, options, em } };
}

/** Applies defaults and checks values. O(items + K). */
export function resolveDawidSkeneOptions(
  matrix: VoteMatrix,
  options: DawidSkeneOptions,
): ResolvedDawidSkeneOptions {
  const K = matrix.numClasses;
  checkGold(options.gold, matrix.numItems, K);
  const smoothing = options.smoothing ?? 0.01;
  const shrinkage = options.shrinkage ?? 0;
  const priorSmoothing = options.priorSmoothing ?? 0;
  if (!(smoothing >= 0) || !(shrinkage >= 0) || !(priorSmoothing >= 0)) {
    throw new HiloError('INVALID_INPUT', 'smoothing, shrinkage and priorSmoothing must be ≥ 0');
  }
  let priors: PriorSetting = { kind: 'estimate', smoothing: priorSmoothing };
  if (options.classPriors) {
    const values = options.classPriors;
    const sum = values.reduce((s, p) => s + p, 0);
    if (values.length !== K || values.some((p) => !(p >= 0)) || Math.abs(sum - 1) > 1e-6) {
      throw new HiloError('INVALID_INPUT', `classPriors must be ${K} probabilities summing to 1`);
    }
    priors = { kind: 'fixed', values: Float64Array.from(values) };
  }
  return {
    smoothing,
    shrinkage,
    priors,
    gold: options.gold,
    tolerance: options.tolerance ?? 1e-4,
    maxIterations: options.maxIterations ?? 100,
    seed: options.seed ?? 0,
  };
}

import { createRng } from '../rng.js';
import type { AggregationMethod, AggregationResult } from './aggregation-types.js';
import type { ConfusionEmState } from './confusion-em.js';
import { toTruthMajor } from './confusion-steps.js';
import { decideLabels } from './decide-labels.js';
import type { VoteMatrix } from './vote-matrix.js';

/**
 * Packs a fitted confusion-matrix model as an {@link AggregationResult}: labels by argmax
 * (seeded ties), confusion matrices in the public truth-major layout, and as ability the
 * expected accuracy Σ_k prior_k π_a[k, k] (or `ability` when the model has its own).
 * Complexity: O(items × K + annotators × K²).
 */
/** How to label a fitted model in its result. */
export interface ResultLabel {
  readonly method: AggregationMethod;
  /** Seeds tie-breaking between equally probable classes. */
  readonly seed: number;
  /** The model's own per-annotator ability, when it has one. */
  readonly ability?: Float64Array;
}

export function confusionResult(
  matrix: VoteMatrix,
  state: ConfusionEmState,
  label: ResultLabel,
): AggregationResult {
  const { method, seed, ability } = label;
  const K = matrix.numClasses;
  const A = matrix.numAnnotators;
  const confusion = toTruthMajor(state.conf, A, K);
  normaliseRows(confusion, K);
  let skill = ability;
  if (!skill) {
    skill = new Float64Array(A);
    for (let a = 0; a < A; a++) {
      let s = 0;
      for (let k = 0; k < K; k++)
        s += (state.priors[k] as number) * (confusion[(a * K + k) * K + k] as number);
      skill[a] = s;
    }
  }
  return {
    method,
    labels: decideLabels(state.posteriors, K, createRng(seed)),
    posteriors: state.posteriors,
    classPriors: state.priors,
    skills: { ability: skill, confusion },
    iterations: state.iterations,
    converged: state.converged,
    logLikelihood: Number.isNaN(state.logLikelihood) ? null : state.logLikelihood,
    itemDifficulty: null,
  };
}

/** Variational parameters need not sum to 1; the public matrices always do. O(rows × K). */
function normaliseRows(values: Float64Array, K: number): void {
  for (let r = 0; r < values.length / K; r++) {
    let sum = 0;
    for (let k = 0; k < K; k++) sum += values[r * K + k] as number;
    if (sum > 0) for (let k = 0; k < K; k++) values[r * K + k]! /= sum;
  }
}

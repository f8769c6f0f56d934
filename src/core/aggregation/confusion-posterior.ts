import { HiloError } from '../errors.js';
import { softmaxInPlace } from '../local-model/logistic-regression.js';
import type { DawidSkeneState } from './dawid-skene.js';

/**
 * A fitted confusion-matrix model, read only: what one item's posterior needs.
 * @example const model = { numClasses: 2, classPriors: fit.classPriors, confusion: fit.skills.confusion ?? new Float64Array() }
 */
export interface ConfusionModel {
  readonly numClasses: number;
  /** K class priors summing to 1. */
  readonly classPriors: Float64Array;
  /**
   * Row-stochastic matrices, `rows × K × K`, truth-major as in {@link AnnotatorSkills}:
   * `confusion[(r * K + truth) * K + given]`.
   */
  readonly confusion: Float64Array;
}

/**
 * The votes of one item, each naming the matrix row that answers for its annotator.
 * @example confusionPosterior(model, { matrix: Int32Array.of(0, 3), label: Int32Array.of(1, 1) })
 */
export interface ItemVotes {
  /** Per vote: the matrix of its annotator (an index into `confusion`). */
  readonly matrix: Int32Array;
  /** Per vote: the class given, or -1 for a soft vote. */
  readonly label: Int32Array;
  /** `votes × K`; the row of vote `v` is read when `label[v]` is -1. */
  readonly soft?: Float64Array;
  /** Per vote weight (a power on its likelihood, as annotator weights); default 1. */
  readonly weight?: Float64Array;
}

/** Smallest probability used inside a logarithm. */
const FLOOR = 1e-300;

/**
 * The posterior of one item under a fitted model, without refitting: class priors times, for
 * every vote, P(vote | truth) from its annotator's confusion matrix. A soft vote q (a model's
 * distribution) counts as Σ_l π[k, l] q_l, as in the EM of {@link dawidSkene}. Writes the K
 * probabilities into `out` (allocated when absent) and returns it.
 * @example
 * const p = confusionPosterior(model, { matrix: Int32Array.of(0, 3), label: Int32Array.of(1, 1) });
 * Complexity: O(K × hard votes + K² × soft votes); no allocation when `out` is given.
 */
export function confusionPosterior(
  model: ConfusionModel,
  votes: ItemVotes,
  out: Float64Array = new Float64Array(model.numClasses),
): Float64Array {
  const K = model.numClasses;
  const { confusion, classPriors } = model;
  const rows = confusion.length / (K * K);
  if (out.length !== K || classPriors.length !== K) {
    throw new HiloError('INVALID_INPUT', `out and classPriors need ${K} entries`);
  }
  for (let k = 0; k < K; k++) out[k] = Math.log(Math.max(classPriors[k] as number, FLOOR));
  for (let v = 0; v < votes.matrix.length; v++) {
    const r = votes.matrix[v] as number;
    if (!(r >= 0 && r < rows)) throw new HiloError('INVALID_INPUT', `vote ${v}: no matrix ${r}`);
    const w = votes.weight ? (votes.weight[v] as number) : 1;
    if (w === 0) continue;
    const given = votes.label[v] as number;
    for (let k = 0; k < K; k++) {
      const row = (r * K + k) * K;
      let p: number;
      if (given >= 0) p = confusion[row + given] as number;
      else {
        if (!votes.soft) throw new HiloError('INVALID_INPUT', `vote ${v} is soft without a row`);
        p = 0;
        for (let l = 0; l < K; l++)
          p += (confusion[row + l] as number) * (votes.soft[v * K + l] as number);
      }
      out[k]! += w * Math.log(Math.max(p, FLOOR));
    }
  }
  softmaxInPlace(out);
  return out;
}

/**
 * Which annotators a pooled matrix is made of, and what it starts from.
 * @example pooledConfusionMatrix(state, { include: experienced, priorWeight: 2 })
 */
export interface PooledConfusionOptions {
  /** Per annotator 1 to include; default everyone. */
  readonly include?: Uint8Array;
  /** A K × K truth-major matrix the pool starts from, worth `priorWeight` votes per true class. */
  readonly prior?: Float64Array;
  readonly priorWeight?: number;
}

/**
 * The crowd's confusion matrix (K × K, truth-major) from the expected counts of a fitted
 * Dawid-Skene state: every included annotator's counts summed, plus `priorWeight` pseudo-votes
 * per true class shaped like `prior`. A row with no mass at all is uniform. It is the matrix to
 * assume for an annotator the fit knows too little about.
 * @example const crowd = pooledConfusionMatrix(dawidSkene(matrix).state, { include });
 * Complexity: O(annotators × K²).
 */
export function pooledConfusionMatrix(
  state: DawidSkeneState,
  options: PooledConfusionOptions = {},
): Float64Array {
  const K = state.matrix.numClasses;
  const A = state.matrix.numAnnotators;
  const counts = state.em.counts;
  const weight = options.prior ? (options.priorWeight ?? 1) : 0;
  const out = new Float64Array(K * K);
  for (let a = 0; a < A; a++) {
    if (options.include && options.include[a] !== 1) continue;
    // Internal counts are given-major: counts[(a * K + given) * K + truth].
    for (let l = 0; l < K; l++) {
      for (let k = 0; k < K; k++) out[k * K + l]! += counts[(a * K + l) * K + k] as number;
    }
  }
  for (let k = 0; k < K; k++) {
    let total = 0;
    for (let l = 0; l < K; l++) {
      const prior = options.prior ? weight * (options.prior[k * K + l] as number) : 0;
      out[k * K + l]! += prior;
      total += out[k * K + l] as number;
    }
    for (let l = 0; l < K; l++)
      out[k * K + l] = total > 0 ? (out[k * K + l] as number) / total : 1 / K;
  }
  return out;
}

/**
 * The K × K matrix of an annotator right with probability `accuracy` and otherwise wrong
 * uniformly (one coin), truth-major.
 * @example oneCoinMatrix(2, 0.8); // [0.8, 0.2, 0.2, 0.8]
 * Complexity: O(K²).
 */
export function oneCoinMatrix(K: number, accuracy: number): Float64Array {
  const out = new Float64Array(K * K).fill((1 - accuracy) / (K - 1));
  for (let k = 0; k < K; k++) out[k * K + k] = accuracy;
  return out;
}

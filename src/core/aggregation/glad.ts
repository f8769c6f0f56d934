import { createRng } from '../rng.js';
import type { AggregationOptions, AggregationResult } from './aggregation-types.js';
import { checkGold, clampGold } from './clamp-gold.js';
import { classTotals, meanRowChange, priorsFromTotals, type PriorSetting } from './confusion-em.js';
import { decideLabels } from './decide-labels.js';
import type { VoteMatrix } from './vote-matrix.js';
import { voteShares } from './vote-shares.js';

/**
 * Options of `glad`: Gaussian priors on ability and log-difficulty, the class priors, the Gauss-
 * Newton steps per M-step.
 * @example glad(matrix, { abilityPrior: { mean: 1, sd: 1 }, classPriors: 'estimate', seed: 1 })
 */
export interface GladOptions extends AggregationOptions {
  /** Newton-type steps on (α, log β) per M-step (a generalised EM needs few). Default 2. */
  readonly mStepIterations?: number;
  /** Gaussian prior on α: mean 1, standard deviation 1 by default. */
  readonly abilityPrior?: { readonly mean: number; readonly sd: number };
  /** Gaussian prior on log β: mean 0, standard deviation 1 by default. */
  readonly difficultyPrior?: { readonly mean: number; readonly sd: number };
  /**
   * Class priors: fixed values, or 'estimate'. Default uniform, as in the paper: estimated
   * priors let the symmetric-error model drift to one class (bluebirds: 0.58 instead of 0.72).
   */
  readonly classPriors?: Float64Array | 'estimate';
}

/** log σ(x), stable for large |x|. */
function logSigmoid(x: number): number {
  return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
}

/**
 * GLAD (Whitehill et al., NIPS 2009): annotator `a` of ability α_a answers item `i` of
 * inverse difficulty β_i = e^{b_i} correctly with probability σ(α_a·β_i), otherwise picks one
 * of the K − 1 wrong classes evenly. EM: the E-step gives item posteriors; the M-step takes
 * `mStepIterations` diagonal Gauss-Newton steps on α, then on b, maximising the expected
 * log-likelihood plus Gaussian priors. A soft vote q has likelihood
 * q_k·σ + (1 − q_k)·(1 − σ)/(K − 1) for truth k. `skills.ability` is α; `itemDifficulty` is 1/β.
 * @example glad(matrix, { maxIterations: 50 }).itemDifficulty;
 * Complexity: O(sweeps × mStepIterations × (votes + soft votes × K) + sweeps × items × K);
 * memory O(items × K + annotators) besides the matrix.
 */
export function glad(matrix: VoteMatrix, options: GladOptions = {}): AggregationResult {
  const { numItems: I, numAnnotators: A, numClasses: K } = matrix;
  checkGold(options.gold, I, K);
  const priorSetting: PriorSetting =
    options.classPriors === 'estimate'
      ? { kind: 'estimate', smoothing: 0 }
      : { kind: 'fixed', values: options.classPriors ?? new Float64Array(K).fill(1 / K) };
  const alpha = new Float64Array(A).fill(options.abilityPrior?.mean ?? 1);
  const b = new Float64Array(I).fill(options.difficultyPrior?.mean ?? 0);
  const priors = new Float64Array(K).fill(1 / K);
  const posteriors = voteShares(matrix);
  clampGold(posteriors, K, options.gold);
  const previous = new Float64Array(posteriors.length);
  const model: GladModel = { matrix, alpha, b, priors, posteriors, options };
  const totals = new Float64Array(K + 1);
  const tolerance = options.tolerance ?? 1e-4;
  const maxIterations = options.maxIterations ?? 100;
  let iterations = 0;
  let converged = false;
  let logLikelihood = -Infinity;
  while (iterations < maxIterations) {
    iterations++;
    classTotals(matrix, { posteriors, totals }, options.gold);
    priorsFromTotals(totals, priorSetting, priors);
    for (let step = 0; step < (options.mStepIterations ?? 2); step++) {
      abilityStep(model);
      difficultyStep(model);
    }
    previous.set(posteriors);
    logLikelihood = gladEStep(model);
    clampGold(posteriors, K, options.gold);
    if (tolerance > 0 && meanRowChange(previous, posteriors, K) <= tolerance) {
      converged = true;
      break;
    }
  }
  return {
    method: 'glad',
    labels: decideLabels(posteriors, K, createRng(options.seed ?? 0)),
    posteriors,
    classPriors: priors,
    skills: { ability: alpha, confusion: null },
    iterations,
    converged,
    logLikelihood,
    itemDifficulty: b.map((x) => Math.exp(-x)),
  };
}

interface GladModel {
  readonly matrix: VoteMatrix;
  readonly alpha: Float64Array;
  readonly b: Float64Array;
  readonly priors: Float64Array;
  /** items × K, the current E-step. */
  readonly posteriors: Float64Array;
  readonly options: GladOptions;
}

/**
 * d/dx of the expected log-likelihood of vote `v` at x = α·β, given σ = σ(x) and the
 * posterior row of the vote's item; the curvature used is the Fisher information σ(1 − σ).
 */
function voteGradient(m: GladModel, v: number, sigma: number): number {
  const { numClasses: K, label, softRow, soft } = m.matrix;
  const post = m.posteriors;
  const at = (m.matrix.item[v] as number) * K;
  const row = softRow ? (softRow[v] as number) : -1;
  if (row < 0 || !soft) return (post[at + (label[v] as number)] as number) - sigma;
  let g = 0;
  const wrong = (1 - sigma) / (K - 1);
  for (let k = 0; k < K; k++) {
    const q = soft[row * K + k] as number;
    const f = q * sigma + (1 - q) * wrong;
    if (f > 0) g += ((post[at + k] as number) * (q - (1 - q) / (K - 1))) / f;
  }
  return sigma * (1 - sigma) * g;
}

/** One Gauss-Newton step on every α_a. O(votes). */
function abilityStep(m: GladModel): void {
  const { numItems, numAnnotators, itemOffsets, annotator } = m.matrix;
  const weight = m.matrix.annotatorWeight;
  const gradient = new Float64Array(numAnnotators);
  const curvature = new Float64Array(numAnnotators);
  for (let i = 0; i < numItems; i++) {
    const beta = Math.exp(m.b[i] as number);
    for (let v = itemOffsets[i] as number, end = itemOffsets[i + 1] as number; v < end; v++) {
      const a = annotator[v] as number;
      const w = weight ? (weight[a] as number) : 1;
      const sigma = 1 / (1 + Math.exp(-(m.alpha[a] as number) * beta));
      gradient[a]! += w * beta * voteGradient(m, v, sigma);
      curvature[a]! += w * beta * beta * sigma * (1 - sigma);
    }
  }
  const prior = m.options.abilityPrior ?? { mean: 1, sd: 1 };
  const precision = 1 / (prior.sd * prior.sd);
  for (let a = 0; a < numAnnotators; a++) {
    const x = m.alpha[a] as number;
    const g = (gradient[a] as number) - (x - prior.mean) * precision;
    m.alpha[a] = x + clampStep(g / ((curvature[a] as number) + precision));
  }
}

/** One Gauss-Newton step on every b_i = log β_i. O(votes). */
function difficultyStep(m: GladModel): void {
  const { numItems, itemOffsets, annotator } = m.matrix;
  const weight = m.matrix.annotatorWeight;
  const prior = m.options.difficultyPrior ?? { mean: 0, sd: 1 };
  const precision = 1 / (prior.sd * prior.sd);
  for (let i = 0; i < numItems; i++) {
    const x = m.b[i] as number;
    const beta = Math.exp(x);
    let gradient = -(x - prior.mean) * precision;
    let curvature = precision;
    for (let v = itemOffsets[i] as number, end = itemOffsets[i + 1] as number; v < end; v++) {
      const a = annotator[v] as number;
      const w = weight ? (weight[a] as number) : 1;
      const ab = (m.alpha[a] as number) * beta;
      const sigma = 1 / (1 + Math.exp(-ab));
      const g = voteGradient(m, v, sigma);
      gradient += w * ab * g;
      // x = α·e^b bends in b, which adds −g·x to the curvature; where that makes the
      // objective more curved, counting it keeps the step from overshooting (and the EM
      // from settling into a two-step cycle).
      curvature += w * (ab * ab * sigma * (1 - sigma) + Math.max(0, -g * ab));
    }
    m.b[i] = x + clampStep(gradient / curvature);
  }
}

/** Newton steps far from the optimum can overshoot; one unit in α or log β is plenty. */
function clampStep(step: number): number {
  return step > 1 ? 1 : step < -1 ? -1 : step;
}

/** Item posteriors under the current α, β and priors; returns the log-likelihood. O(votes × K). */
function gladEStep(m: GladModel): number {
  const post = m.posteriors;
  const { numItems, numClasses: K, itemOffsets, annotator, label, softRow, soft } = m.matrix;
  const weight = m.matrix.annotatorWeight;
  const acc = new Float64Array(K);
  const logPrior = m.priors.map((p) => Math.log(Math.max(p, 1e-300)));
  const logWrongShare = Math.log(K - 1);
  let logLikelihood = 0;
  for (let i = 0; i < numItems; i++) {
    acc.set(logPrior);
    const beta = Math.exp(m.b[i] as number);
    let shared = 0;
    const start = itemOffsets[i] as number;
    const end = itemOffsets[i + 1] as number;
    for (let v = start; v < end; v++) {
      const a = annotator[v] as number;
      const w = weight ? (weight[a] as number) : 1;
      const x = (m.alpha[a] as number) * beta;
      const logRight = logSigmoid(x);
      const logWrong = logSigmoid(-x) - logWrongShare;
      const row = softRow ? (softRow[v] as number) : -1;
      if (row < 0 || !soft) {
        shared += w * logWrong;
        acc[label[v] as number]! += w * (logRight - logWrong);
        continue;
      }
      const right = Math.exp(logRight);
      const wrong = Math.exp(logWrong);
      for (let k = 0; k < K; k++) {
        const q = soft[row * K + k] as number;
        acc[k]! += w * Math.log(Math.max(q * right + (1 - q) * wrong, 1e-300));
      }
    }
    let max = -Infinity;
    for (let k = 0; k < K; k++) if ((acc[k] as number) > max) max = acc[k] as number;
    let sum = 0;
    for (let k = 0; k < K; k++) sum += Math.exp((acc[k] as number) - max);
    for (let k = 0; k < K; k++) post[i * K + k] = Math.exp((acc[k] as number) - max) / sum;
    if (end > start) logLikelihood += shared + max + Math.log(sum);
  }
  return logLikelihood;
}

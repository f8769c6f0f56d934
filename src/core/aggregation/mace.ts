import { createRng, type Rng } from '../rng.js';
import type { AggregationOptions, AggregationResult } from './aggregation-types.js';
import { checkGold } from './clamp-gold.js';
import { runConfusionEm, type ConfusionEmState, type PriorSetting } from './confusion-em.js';
import { confusionResult } from './confusion-result.js';
import { digamma } from './digamma.js';
import type { VoteMatrix } from './vote-matrix.js';
import { voteShares } from './vote-shares.js';

/**
 * Options of `mace`: variational Bayes or EM, the number of restarts, the Beta prior on spamming
 * and the Dirichlet prior on spam answers.
 * @example mace(matrix, { mode: 'em', restarts: 5, seed: 1 })
 */
export interface MaceOptions extends AggregationOptions {
  /** 'variational' (default): VB with Beta/Dirichlet priors; 'em': smoothed maximum likelihood. */
  readonly mode?: 'variational' | 'em';
  /**
   * EM runs; the best log-likelihood wins. The first starts from majority vote, the others from
   * random parameters. Default 1: on the 12 crowd sets of bench/aggregate no random start ever
   * beat the majority-vote start, and each costs a full run.
   */
  readonly restarts?: number;
  /** Beta(α, β) prior on θ, the chance of not spamming (variational). Defaults 0.5 and 0.5. */
  readonly alpha?: number;
  readonly beta?: number;
  /** Symmetric Dirichlet prior on the spamming distribution ξ (variational). Default 10. */
  readonly strategyPrior?: number;
  /** Pseudo-count added to expected counts in 'em' mode. Default 0.01 / K. */
  readonly smoothing?: number;
  /** Fixed class priors; MACE's own model has uniform ones (the default). */
  readonly classPriors?: Float64Array;
}

/**
 * MACE (Hovy et al., NAACL 2013): annotator `a` knows the answer with probability θ_a and
 * then gives the true label; otherwise they spam, drawing a label from their own
 * distribution ξ_a. So π_a[k, l] = θ_a·[k = l] + (1 − θ_a)·ξ_a[l], fitted by EM on the
 * expected "knowing" and "spamming" counts, or by variational Bayes (digamma updates). Runs
 * `restarts` times (the first from majority vote, the others from random parameters) for
 * `maxIterations` (default 50) sweeps each and keeps the best. `skills.ability` is θ_a.
 * @example mace(matrix, { restarts: 3, seed: 7 }).skills.ability;
 * Complexity: O(restarts × sweeps × (K × votes + annotators × K²)).
 */
export function mace(matrix: VoteMatrix, options: MaceOptions = {}): AggregationResult {
  const K = matrix.numClasses;
  const A = matrix.numAnnotators;
  checkGold(options.gold, matrix.numItems, K);
  const seed = options.seed ?? 0;
  const rng = createRng(seed);
  const priors: PriorSetting = {
    kind: 'fixed',
    values: options.classPriors
      ? Float64Array.from(options.classPriors)
      : new Float64Array(K).fill(1 / K),
  };
  let best: { em: ConfusionEmState; theta: Float64Array } | null = null;
  const restarts = Math.max(1, options.restarts ?? 1);
  for (let r = 0; r < restarts; r++) {
    const params = new MaceParameters(A, K, options);
    if (r > 0) params.randomise(rng);
    else params.neutral();
    const setup = {
      matrix,
      fitAnnotators: (counts: Float64Array, conf: Float64Array) => params.fit(counts, conf),
      priors,
      gold: options.gold,
      tolerance: options.tolerance ?? 1e-4,
      maxIterations: options.maxIterations ?? 50,
    };
    const em =
      r === 0
        ? runConfusionEm(setup, { posteriors: voteShares(matrix) })
        : runConfusionEm(setup, { conf: params.confusion(), priors: priors.values });
    if (!best || em.logLikelihood > best.em.logLikelihood) best = { em, theta: params.ability() };
  }
  if (!best) throw new Error('unreachable: restarts ≥ 1');
  return confusionResult(matrix, best.em, { method: 'mace', seed, ability: best.theta });
}

/** θ, 1 − θ and ξ per annotator (variational expectations need not sum to 1). */
class MaceParameters {
  private readonly knowing: Float64Array;
  private readonly spamming: Float64Array;
  private readonly strategy: Float64Array;

  constructor(
    private readonly A: number,
    private readonly K: number,
    private readonly options: MaceOptions,
  ) {
    this.knowing = new Float64Array(A);
    this.spamming = new Float64Array(A);
    this.strategy = new Float64Array(A * K);
  }

  neutral(): void {
    this.knowing.fill(0.5);
    this.spamming.fill(0.5);
    this.strategy.fill(1 / this.K);
  }

  /** Starts like crowd-kit: every weight uniform in [1, 1.5], then normalised. */
  randomise(rng: Rng): void {
    const { A, K } = this;
    for (let a = 0; a < A; a++) {
      const x = 1 + 0.5 * rng.next();
      const y = 1 + 0.5 * rng.next();
      this.knowing[a] = x / (x + y);
      this.spamming[a] = y / (x + y);
      let sum = 0;
      for (let l = 0; l < K; l++) sum += this.strategy[a * K + l] = 1 + 0.5 * rng.next();
      for (let l = 0; l < K; l++) this.strategy[a * K + l]! /= sum;
    }
  }

  /** Given-major confusion of the current parameters. O(A × K²). */
  confusion(): Float64Array {
    const conf = new Float64Array(this.A * this.K * this.K);
    this.write(conf);
    return conf;
  }

  ability(): Float64Array {
    return this.knowing.map((t, a) => t / (t + (this.spamming[a] as number)));
  }

  /** M-step from expected (given, truth) counts; writes the new confusion. O(A × K²). */
  fit(counts: Float64Array, conf: Float64Array): void {
    const { A, K, options } = this;
    const variational = (options.mode ?? 'variational') === 'variational';
    const s = options.smoothing ?? 0.01 / K;
    const spamCounts = new Float64Array(K);
    for (let a = 0; a < A; a++) {
      const base = a * K * K;
      const t = this.knowing[a] as number;
      const u = this.spamming[a] as number;
      let knowing = 0;
      let spam = 0;
      for (let l = 0; l < K; l++) {
        let given = 0;
        for (let k = 0; k < K; k++) given += counts[base + l * K + k] as number;
        const agree = counts[base + l * K + l] as number;
        const xi = this.strategy[a * K + l] as number;
        const known = t + u * xi > 0 ? (agree * t) / (t + u * xi) : 0;
        knowing += known;
        spamCounts[l] = given - known;
        spam += given - known;
      }
      if (variational) {
        const alpha = options.alpha ?? 0.5;
        const beta = options.beta ?? 0.5;
        const gamma = options.strategyPrior ?? 10;
        const total = digamma(knowing + spam + alpha + beta);
        this.knowing[a] = Math.exp(digamma(knowing + alpha) - total);
        this.spamming[a] = Math.exp(digamma(spam + beta) - total);
        const strategyTotal = digamma(spam + K * gamma);
        for (let l = 0; l < K; l++) {
          this.strategy[a * K + l] = Math.exp(
            digamma((spamCounts[l] as number) + gamma) - strategyTotal,
          );
        }
      } else {
        this.knowing[a] = (knowing + s) / (knowing + spam + 2 * s);
        this.spamming[a] = 1 - (this.knowing[a] as number);
        for (let l = 0; l < K; l++) {
          this.strategy[a * K + l] = ((spamCounts[l] as number) + s) / (spam + K * s);
        }
      }
    }
    this.write(conf);
  }

  private write(conf: Float64Array): void {
    const { A, K } = this;
    for (let a = 0; a < A; a++) {
      const t = this.knowing[a] as number;
      const u = this.spamming[a] as number;
      for (let l = 0; l < K; l++) {
        const spam = u * (this.strategy[a * K + l] as number);
        for (let k = 0; k < K; k++) conf[(a * K + l) * K + k] = spam + (k === l ? t : 0);
      }
    }
  }
}

import { HiloError } from '../errors.js';
import { centredCovariance } from './centred-covariance.js';
import { pairwiseTally, type PairwiseOutcomes } from './pairwise-outcomes.js';

/**
 * Bradley–Terry options.
 * @example bradleyTerry(outcomes, { prior: 0 }); // the plain maximum-likelihood fit
 */
export interface BradleyTerryOptions {
  /**
   * Virtual games each system plays, scored as ties and spread evenly over the other systems
   * (`prior / (m − 1)` per pair). It keeps undefeated and winless systems finite, connects every
   * pair, and pulls strengths slightly towards each other. Default 1; 0 is the plain
   * maximum-likelihood fit, which needs every system to have won and lost something.
   */
  readonly prior?: number;
  /** Stop when no log-strength moves by more than this. Default 1e-10. */
  readonly tolerance?: number;
  /** Default 100000. */
  readonly maxIterations?: number;
}

/**
 * A Bradley–Terry fit: P(i beats j) = 1 / (1 + exp(scores[j] − scores[i])).
 * @example bradleyTerry(outcomes).ranking[0]; // the strongest system
 */
export interface BradleyTerryFit {
  /** Log-strengths, centred so that they sum to 0. */
  readonly scores: Float64Array;
  /** Standard errors of the centred scores, from the observed Fisher information. */
  readonly standardErrors: Float64Array;
  /** Bounds of the 95% Wald interval, score ± 1.96 × standard error. */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** Covariance of the centred scores, `m × m` row-major. */
  readonly covariance: Float64Array;
  /** Systems from strongest to weakest (equal scores by index). */
  readonly ranking: Int32Array;
  readonly iterations: number;
  readonly converged: boolean;
}

const Z95 = 1.959963984540054;

/**
 * Fits Bradley–Terry strengths by the MM algorithm of Hunter (2004, Ann. Stat. 32:384):
 * γᵢ ← Wᵢ / Σⱼ nᵢⱼ / (γᵢ + γⱼ), with Wᵢ the wins of i (ties count half to each side) and nᵢⱼ the
 * games of i and j, both including the virtual ties of `prior`; each step raises the penalised
 * likelihood. Standard errors invert the information matrix with system 0 pinned, then centre.
 * Throws INVALID_INPUT when `prior` is 0 and some system never won or never lost, or the
 * systems do not form one connected comparison graph.
 * @example
 * const fit = bradleyTerry({ numSystems: 3, first: Int32Array.of(0, 0, 1), second: Int32Array.of(1, 2, 2), score: Float64Array.of(1, 1, 0.5) });
 * fit.ranking; // Int32Array [0, 1, 2]: 1 and 2 are level, broken by index
 * fit.scores[0]; // 1.073 (the scores sum to 0)
 * Complexity: O(comparisons + iterations × m² + m³).
 */
export function bradleyTerry(
  outcomes: PairwiseOutcomes,
  options: BradleyTerryOptions = {},
): BradleyTerryFit {
  const m = outcomes.numSystems;
  const prior = options.prior ?? 1;
  const tolerance = options.tolerance ?? 1e-10;
  const maxIterations = options.maxIterations ?? 100_000;
  if (!(prior >= 0) || !Number.isFinite(prior)) {
    throw new HiloError('INVALID_INPUT', `prior must be ≥ 0, got ${prior}`);
  }
  const { wins, games } = pairwiseTally(outcomes);
  const virtual = prior / (m - 1);
  const totalWins = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let played = 0;
    for (let j = 0; j < m; j++) {
      if (i === j) continue;
      games[i * m + j]! += virtual;
      totalWins[i]! += (wins[i * m + j] as number) + virtual / 2;
      played += games[i * m + j] as number;
    }
    const lost = played - (totalWins[i] as number);
    if (!(totalWins[i]! > 1e-12 * played) || !(lost > 1e-12 * played)) {
      throw new HiloError(
        'INVALID_INPUT',
        `system ${i} never ${lost > 1e-12 * played ? 'won' : 'lost'}: its strength is infinite without a prior > 0`,
      );
    }
  }
  const { scores, iterations, converged } = mmIterations(games, totalWins, m, {
    tolerance,
    maxIterations,
  });
  const covariance = centredCovariance(scores, games, m);
  const standardErrors = new Float64Array(m);
  const lower = new Float64Array(m);
  const upper = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const se = Math.sqrt(Math.max(0, covariance[i * m + i] as number));
    standardErrors[i] = se;
    lower[i] = (scores[i] as number) - Z95 * se;
    upper[i] = (scores[i] as number) + Z95 * se;
  }
  const ranking = Int32Array.from(
    Array.from({ length: m }, (_, i) => i).sort(
      (a, b) => (scores[b] as number) - (scores[a] as number) || a - b,
    ),
  );
  return { scores, standardErrors, lower, upper, covariance, ranking, iterations, converged };
}

function mmIterations(
  games: Float64Array,
  totalWins: Float64Array,
  m: number,
  limits: { tolerance: number; maxIterations: number },
): { scores: Float64Array; iterations: number; converged: boolean } {
  const gamma = new Float64Array(m).fill(1);
  const next = new Float64Array(m);
  const scores = new Float64Array(m);
  let iterations = 0;
  let converged = false;
  while (iterations < limits.maxIterations && !converged) {
    iterations++;
    let meanLog = 0;
    for (let i = 0; i < m; i++) {
      const gi = gamma[i] as number;
      let denominator = 0;
      for (let j = 0; j < m; j++) {
        const n = games[i * m + j] as number;
        if (j !== i && n > 0) denominator += n / (gi + (gamma[j] as number));
      }
      next[i] = (totalWins[i] as number) / denominator;
      meanLog += Math.log(next[i] as number) / m;
    }
    let change = 0;
    for (let i = 0; i < m; i++) {
      const score = Math.log(next[i] as number) - meanLog;
      change = Math.max(change, Math.abs(score - (scores[i] as number)));
      scores[i] = score;
      gamma[i] = Math.exp(score);
    }
    converged = change <= limits.tolerance;
  }
  return { scores, iterations, converged };
}

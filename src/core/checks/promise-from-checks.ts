/**
 * The whole-data-set promise from a machine's labels and the expert checks drawn from the pool:
 * a seeded random part of the checks fits the order in which items are accepted (how often the
 * machine is right per predicted label × confidence band), the rest carries the bound. Every
 * check stays expert-labelled; only the bound's sample changes.
 */
import { createRng, shuffled } from '../rng.js';
import { confidenceBand } from './draw-checks.js';
import {
  wholeSetPromise,
  type PeopleError,
  type PromiseBound,
  type PromiseCheck,
  type WholeSetPromise,
} from './whole-set-promise.js';

export interface PromiseFromChecksInput {
  /** Per pool item, the machine's confidence in its label (calibrated or raw). */
  readonly confidence: ArrayLike<number>;
  /** Per pool item, the machine's label index (-1 when it abstained: never accepted). */
  readonly predicted: ArrayLike<number>;
  /** Labelled checks, with whether the machine's label equals the expert's. */
  readonly checks: readonly PromiseCheck[];
  readonly maxError: number;
  readonly alpha: number;
  readonly people?: PeopleError;
  /** Share of the checks that fits the order (default 0.3); 0 orders by confidence alone. */
  readonly fitShare?: number;
  readonly bound?: PromiseBound;
  readonly seed?: number;
}

/** The promise, and how the checks were used. */
export interface PromiseFromChecks extends WholeSetPromise {
  /** Per pool item, the score it was accepted by (estimated chance the machine is right). */
  readonly score: Float64Array;
  /** Checks that fitted the order; the others carried the bound. */
  readonly fittedChecks: number;
  readonly boundChecks: number;
}

/** Prior weight, in checks, of the confidence itself in a cell's estimate. */
const PRIOR_WEIGHT = 2;

/**
 * Fits the order on a random part of the checks and chooses the accepted items with the rest.
 * @example promiseFromChecks({ confidence, predicted, checks, maxError: 0.05, alpha: 0.05 }).spared
 * Complexity: O(N log N + steps · checks · log N).
 */
export function promiseFromChecks(input: PromiseFromChecksInput): PromiseFromChecks {
  const seed = input.seed ?? 0;
  const share = Math.min(1, Math.max(0, input.fitShare ?? 0.3));
  const mixed = shuffled(input.checks, createRng(seed + 7));
  const fitCount = Math.round(mixed.length * share);
  const fit = mixed.slice(0, fitCount);
  const bound = mixed.slice(fitCount);
  const score = cellScores(input.confidence, input.predicted, fit);
  const result = wholeSetPromise({
    score,
    checks: bound,
    fitted: fit.map((c) => ({ index: c.index, stratum: c.stratum })),
    maxError: input.maxError,
    alpha: input.alpha,
    ...(input.people ? { people: input.people } : {}),
    ...(input.bound ? { bound: input.bound } : {}),
    seed,
  });
  return { ...result, score, fittedChecks: fit.length, boundChecks: bound.length };
}

/**
 * Per item, the share of fitted checks the machine got right in its cell (predicted label ×
 * confidence band), shrunk toward the confidence; a hair of the confidence itself orders items
 * inside a cell. Abstentions score -1 and come last.
 */
export function cellScores(
  confidence: ArrayLike<number>,
  predicted: ArrayLike<number>,
  fit: readonly PromiseCheck[],
): Float64Array {
  const cellOf = (i: number): string =>
    `${predicted[i] as number}@${confidenceBand(confidence[i] as number)}`;
  const cells = new Map<string, { right: number; n: number }>();
  for (const c of fit) {
    const key = cellOf(c.index);
    const cell = cells.get(key) ?? { right: 0, n: 0 };
    cell.n++;
    if (c.right) cell.right++;
    cells.set(key, cell);
  }
  const score = new Float64Array(confidence.length);
  for (let i = 0; i < score.length; i++) {
    const conf = confidence[i] as number;
    if ((predicted[i] as number) < 0 || !Number.isFinite(conf)) {
      score[i] = -1;
      continue;
    }
    const cell = cells.get(cellOf(i)) ?? { right: 0, n: 0 };
    score[i] = (cell.right + PRIOR_WEIGHT * conf) / (cell.n + PRIOR_WEIGHT) + 1e-6 * conf;
  }
  return score;
}

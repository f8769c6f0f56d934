/**
 * The whole-data-set promise from a machine's labels and the expert checks drawn from the pool:
 * a seeded random part of the checks fits the order in which items are accepted (how often the
 * machine is right per predicted label × confidence band), the rest carries the bound. Every
 * check stays expert-labelled; only the bound's sample changes.
 */
import { createRng, shuffled } from '../rng.js';
import { poolAdjacentViolators } from '../calibration/pool-adjacent-violators.js';
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
  /** Share of the checks that fits the order (default 0.2); 0 orders by confidence alone. */
  readonly fitShare?: number;
  readonly bound?: PromiseBound;
  /** Thresholds tested (default 200). */
  readonly steps?: number;
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
  const share = Math.min(1, Math.max(0, input.fitShare ?? 0.2));
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
    ...(input.steps ? { steps: input.steps } : {}),
    seed,
  });
  return { ...result, score, fittedChecks: fit.length, boundChecks: bound.length };
}

/**
 * Per item, how often the machine is right in its cell (predicted label × confidence band),
 * estimated from the fitted checks shrunk toward the cell's mean confidence, and made
 * non-decreasing in confidence within each predicted label (pool-adjacent-violators), so a sparse
 * cell borrows strength from its neighbours. A hair of the confidence orders items inside a cell.
 * Abstentions score -Infinity: never accepted.
 */
export function cellScores(
  confidence: ArrayLike<number>,
  predicted: ArrayLike<number>,
  fit: readonly PromiseCheck[],
): Float64Array {
  interface Cell {
    readonly label: number;
    readonly band: number;
    right: number;
    n: number;
    items: number;
    confidenceSum: number;
    value: number;
  }
  const cells = new Map<string, Cell>();
  const cellOf = (i: number): Cell | undefined => {
    const label = predicted[i] as number;
    const conf = confidence[i] as number;
    if (label < 0 || !Number.isFinite(conf)) return undefined;
    const band = bandIndex(conf);
    const key = `${label}@${band}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = { label, band, right: 0, n: 0, items: 0, confidenceSum: 0, value: 0 };
      cells.set(key, cell);
    }
    return cell;
  };
  for (let i = 0; i < confidence.length; i++) {
    const cell = cellOf(i);
    if (!cell) continue;
    cell.items++;
    cell.confidenceSum += confidence[i] as number;
  }
  for (const c of fit) {
    const cell = cellOf(c.index);
    if (!cell) continue;
    cell.n++;
    if (c.right) cell.right++;
  }
  const byLabel = new Map<number, Cell[]>();
  for (const cell of cells.values())
    byLabel.set(cell.label, [...(byLabel.get(cell.label) ?? []), cell]);
  for (const list of byLabel.values()) {
    list.sort((a, b) => a.band - b.band);
    const weight = list.map((c) => c.n + PRIOR_WEIGHT);
    const mean = list.map(
      (c) => (c.right + (PRIOR_WEIGHT * c.confidenceSum) / c.items) / (c.n + PRIOR_WEIGHT),
    );
    const fitted = poolAdjacentViolators(mean, weight);
    // Rounded, so that sums in a different order do not decide ties between cells.
    list.forEach((c, k) => (c.value = Math.round((fitted[k] as number) * 1e9) / 1e9));
  }
  const score = new Float64Array(confidence.length);
  for (let i = 0; i < score.length; i++) {
    const cell = cellOf(i);
    score[i] = cell ? cell.value + 1e-6 * (confidence[i] as number) : -Infinity;
  }
  return score;
}

/** Bands from low to high confidence, as in the strata of `drawChecks`. */
function bandIndex(confidence: number): number {
  const edges = [0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 0.99];
  let k = 0;
  while (k < edges.length && confidence >= (edges[k] as number)) k++;
  return k;
}

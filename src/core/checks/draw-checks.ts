/**
 * Drawing expert checks from the pool. A check is a pool item whose label an expert gives; the
 * checks together are the sample a whole-data-set promise rests on, so every draw records its
 * stratum, the stratum's size and its sampling probability.
 *
 * Two designs:
 * - `uniform`: one stratum, `all`; every candidate is equally likely to be drawn.
 * - `stratified`: strata are the machine's predicted label × a confidence band
 *   (`agrees@0.95-0.99`, `none@<0.5` when the machine abstained). Draws are spread over strata by
 *   a rule that reads unlabelled information only: stratum h gets a share proportional to
 *   `N_h · sqrt(c_h (1 − c_h))`, where `N_h` is its size and `c_h` its mean confidence clipped to
 *   [0.02, 0.98] (Neyman allocation with confidence standing in for accuracy). Strata where the
 *   machine is sure get fewer checks (their errors vary little, and every check there is an item
 *   experts label that the machine would have kept); strata where it is unsure get more, and those
 *   items mostly go to people anyway, so checking them costs nothing extra. Every non-empty stratum
 *   gets at least one draw while draws remain.
 *
 * Inside each stratum the draw is simple random sampling without replacement, so an item's
 * probability is (drawn in its stratum) / (stratum size).
 */
import { HiloError } from '../errors.js';
import { createRng, type Rng } from '../rng.js';

/** How checks are spread over the pool. */
export type CheckDesign = 'uniform' | 'stratified';

/** What `drawChecks` needs: per candidate pool item its confidence and predicted label. */
export interface DrawChecksInput {
  /** Per candidate pool item, calibrated (or raw) confidence. */
  readonly confidence: ArrayLike<number>;
  /** Per candidate, predicted label index (-1 when it abstained). */
  readonly predicted: ArrayLike<number>;
  /** Label names, for stratum keys. */
  readonly labels: readonly string[];
  /** Checks to draw now (capped at the candidates left). */
  readonly count: number;
  readonly design: CheckDesign;
  readonly seed: number;
  /** Earlier draws: kept, strata reused, probabilities recomputed. */
  readonly already?: readonly { readonly index: number; readonly stratum: string }[];
}

/** One drawn candidate: its index, stratum, the stratum's size and its sampling probability. */
export interface DrawnCheck {
  readonly index: number;
  readonly stratum: string;
  readonly stratumSize: number;
  readonly probability: number;
}

/** Upper edges of the confidence bands, highest first; the last band is everything below 0.5. */
const BAND_EDGES = [0.99, 0.95, 0.9, 0.85, 0.8, 0.7, 0.5] as const;

/**
 * The confidence band of a confidence, as written in stratum keys.
 * @example confidenceBand(0.93) // '0.9-0.95'
 * Complexity: O(1).
 */
export function confidenceBand(confidence: number): string {
  let upper = 1;
  for (const edge of BAND_EDGES) {
    if (confidence >= edge) return edge === 0.99 ? '>=0.99' : `${edge}-${upper}`;
    upper = edge;
  }
  return '<0.5';
}

/**
 * The stratum of one candidate under a design.
 * @example stratumOf('stratified', 0.97, 1, ['a', 'b']) // 'b@0.95-0.99'
 * Complexity: O(1).
 */
export function stratumOf(
  design: CheckDesign,
  confidence: number,
  predicted: number,
  labels: readonly string[],
): string {
  if (design === 'uniform') return 'all';
  const label = predicted >= 0 ? (labels[predicted] ?? `#${predicted}`) : 'none';
  return `${label}@${confidenceBand(confidence)}`;
}

interface Stratum {
  readonly key: string;
  readonly free: number[];
  size: number;
  earlier: number;
  weight: number;
  confidenceSum: number;
  take: number;
}

/**
 * Draws `count` new checks from the candidates not drawn before, by the design's rule, and
 * returns them with the earlier draws (whose probabilities change as their strata grow).
 * @example drawChecks({ confidence: [0.9, 0.6, 0.99], predicted: [0, 1, 0], labels: ['a', 'b'], count: 2, design: 'uniform', seed: 1 }).checks.length // 2
 * Complexity: O(n + count · strata).
 */
export function drawChecks(input: DrawChecksInput): {
  readonly checks: readonly DrawnCheck[];
  readonly strata: readonly { key: string; size: number; drawn: number }[];
} {
  const n = input.confidence.length;
  if (input.predicted.length !== n)
    throw new HiloError('INVALID_INPUT', 'confidence and predicted differ in length');
  if (!Number.isInteger(input.count) || input.count < 0)
    throw new HiloError(
      'INVALID_INPUT',
      `check count must be a whole number ≥ 0, not ${input.count}`,
    );
  const earlierStratum = new Map<number, string>();
  for (const { index, stratum } of input.already ?? []) {
    if (!Number.isInteger(index) || index < 0 || index >= n)
      throw new HiloError('INVALID_INPUT', `earlier check ${index} is not a candidate index`);
    if (earlierStratum.has(index))
      throw new HiloError('INVALID_INPUT', `candidate ${index} was drawn twice before`);
    earlierStratum.set(index, stratum);
  }
  const strata = new Map<string, Stratum>();
  const stratumFor = (key: string): Stratum => {
    let s = strata.get(key);
    if (!s) {
      s = { key, free: [], size: 0, earlier: 0, weight: 0, confidenceSum: 0, take: 0 };
      strata.set(key, s);
    }
    return s;
  };
  for (let i = 0; i < n; i++) {
    const confidence = input.confidence[i] as number;
    const earlier = earlierStratum.get(i);
    const s = stratumFor(
      earlier ?? stratumOf(input.design, confidence, input.predicted[i] as number, input.labels),
    );
    s.size++;
    s.confidenceSum += Number.isFinite(confidence) ? confidence : 0;
    if (earlier === undefined) s.free.push(i);
    else s.earlier++;
  }
  const list = [...strata.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const count = Math.min(input.count, n - earlierStratum.size);
  for (const s of list) {
    const c = Math.min(0.98, Math.max(0.02, s.confidenceSum / s.size));
    s.weight = input.design === 'uniform' ? s.size : s.size * Math.sqrt(c * (1 - c));
  }
  allocate(list, count);
  const rng = createRng(input.seed);
  const checks: DrawnCheck[] = [];
  for (const s of list) {
    const drawn = s.earlier + s.take;
    const probability = drawn / s.size;
    for (const index of sampleWithoutReplacement(s.free, s.take, rng))
      checks.push({ index, stratum: s.key, stratumSize: s.size, probability });
  }
  for (const [index, stratum] of earlierStratum) {
    const s = strata.get(stratum) as Stratum;
    checks.push({
      index,
      stratum,
      stratumSize: s.size,
      probability: (s.earlier + s.take) / s.size,
    });
  }
  checks.sort((a, b) => a.index - b.index);
  return {
    checks,
    strata: list.map((s) => ({ key: s.key, size: s.size, drawn: s.earlier + s.take })),
  };
}

/**
 * Sets `take` (new draws) per stratum so that the strata's totals follow their weights as closely
 * as the earlier draws and the free items allow: one draw at a time to the stratum whose total is
 * furthest below its share, strata without any draw first.
 */
function allocate(list: Stratum[], count: number): void {
  const totalWeight = list.reduce((sum, s) => sum + s.weight, 0);
  const total = count + list.reduce((sum, s) => sum + s.earlier, 0);
  for (let k = 0; k < count; k++) {
    let best: Stratum | undefined;
    let bestGap = -Infinity;
    for (const s of list) {
      if (s.take >= s.free.length) continue;
      const drawn = s.earlier + s.take;
      const share = totalWeight > 0 ? (total * s.weight) / totalWeight : total / list.length;
      const gap = (drawn === 0 ? 1e9 : 0) + (share - drawn) / Math.max(share, 1e-9);
      if (gap > bestGap) {
        bestGap = gap;
        best = s;
      }
    }
    if (!best) return;
    best.take++;
  }
}

/** `k` distinct values of `values` by a partial Fisher–Yates shuffle. O(k) after the copy. */
function sampleWithoutReplacement(values: readonly number[], k: number, rng: Rng): number[] {
  const pool = values.slice();
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(pool.length - i);
    const tmp = pool[i] as number;
    pool[i] = pool[j] as number;
    pool[j] = tmp;
  }
  return pool.slice(0, k);
}

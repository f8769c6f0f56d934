import type { UnitCosts } from '../../core/cost/hybrid-cost.js';
import { assignZones, countZones, type Zone } from '../../core/routing/assign-zones.js';
import { candidateThresholds } from '../../core/routing/candidate-thresholds.js';
import type { GoldNeeded } from '../../core/routing/gold-needed.js';
import { sequenceGoldNeeded } from '../../core/routing/gold-needed-sequence.js';
import { guaranteedPolicy } from '../../core/routing/guaranteed-policy.js';
import { learnThenTestPerClass } from '../../core/routing/learn-then-test-per-class.js';
import type { MetaRouterParams } from '../../core/routing/meta-router.js';
import { selectMetaRouterPolicy } from '../../core/routing/meta-router-policy.js';
import { routerFeatures } from '../../core/routing/router-features.js';
import { sequenceStart } from '../../core/routing/sequence-start.js';
import { HiloError } from '../../core/errors.js';
import type { RoutePolicyMode } from '../../core/runs/run-records.js';
import { createRng, shuffled } from '../../core/rng.js';
import { routeBudgetRow, type BudgetChoice } from './route-budget.js';
import { everyLabelPolicy } from './route-kind.js';
import type { ScoredItems } from './route-evidence.js';

/** How thresholds are chosen; route runs record it (`RouteRunConfig.policy`). */
export type PolicyMode = RoutePolicyMode;

export interface PolicyRequest {
  readonly mode: PolicyMode;
  readonly target: number;
  readonly delta: number;
  /** Items below this calibrated confidence go to people alone; default: none. */
  readonly lo?: number;
  /** Seeds the meta-router's split of the gold. */
  readonly seed?: number;
  /** Budget mode: the money available, prices, people's accuracy, and items people must take anyway. */
  readonly budget?: number;
  readonly unit?: UnitCosts;
  readonly humanAccuracy?: number;
  readonly fixedHumanItems?: number;
}

/** The routing chosen for the scored pool items, and the gold evidence behind it. */
export interface ChosenPolicy {
  readonly mode: PolicyMode;
  /** Zone code (see `ZONES`) of each scored pool item. */
  readonly zones: Uint8Array;
  readonly counts: Record<Zone, number>;
  /** What the accept threshold is on: calibrated confidence, or the meta-router's P(right). */
  readonly score: 'confidence' | 'router';
  /** The accept threshold; null when nothing is accepted or thresholds are per class. */
  readonly threshold: number | null;
  /** Per-class mode: the threshold of each label (null: never accepted). */
  readonly thresholds: Readonly<Record<string, number | null>> | null;
  /** Whether accepted accuracy ≥ target is promised at confidence 1 − delta. */
  readonly certified: boolean;
  /** Gold the promise rests on (the testing half for the meta-router), and how it fared. */
  readonly goldUsed: number;
  readonly goldAccepted: number;
  readonly goldAcceptedCorrect: number;
  readonly goldNeeded: GoldNeeded | null;
  readonly router: MetaRouterParams | null;
  readonly budget: BudgetChoice | null;
}

const META_REFERENCE = 20_000;

/**
 * Chooses how to route: fixed-sequence testing of one threshold (Learn then Test), one threshold
 * per predicted class (each class at delta / K), a meta-router whose P(right) is thresholded on
 * the half of the gold it was not fitted on, or, with a budget, the most accurate priced plan.
 * Gold with per-label outcomes (multi-label, `per-label` measure) is tested on every label.
 * Candidate thresholds come from the pool's scores, never from gold labels.
 * @example choosePolicy({ gold, pool, labels, request: { mode: 'fixed-sequence', target: 0.97, delta: 0.05 } })
 * Complexity: O((n + p) log(n + p)) plus the chosen method's fit (see each core function).
 */
export function choosePolicy(input: {
  readonly gold: ScoredItems;
  readonly pool: ScoredItems;
  readonly labels: readonly string[];
  readonly request: PolicyRequest;
}): ChosenPolicy {
  const { gold, pool, labels, request } = input;
  const correct = gold.correct;
  if (correct === null) throw new HiloError('INTERNAL', 'gold evidence without outcomes');
  const lo = request.lo ?? Number.NEGATIVE_INFINITY;
  const base = {
    mode: request.mode,
    score: 'confidence' as const,
    threshold: null,
    thresholds: null,
    router: null,
    budget: null,
    goldUsed: gold.ids.length,
  };
  switch (request.mode) {
    case 'fixed-sequence': {
      if (gold.labelCorrect !== null) {
        const { target, delta } = request;
        return {
          ...base,
          ...everyLabelPolicy({ gold, pool, L: labels.length, target, delta, lo }),
        };
      }
      const policy = guaranteedPolicy({
        gold: { scores: gold.confidence, correct },
        pool: pool.confidence,
        target: request.target,
        delta: request.delta,
        lo,
      });
      return {
        ...base,
        zones: policy.zones,
        counts: policy.counts,
        threshold: policy.threshold,
        certified: policy.threshold !== null,
        goldAccepted: policy.summary.goldAccepted,
        goldAcceptedCorrect: policy.summary.goldAcceptedCorrect,
        goldNeeded: policy.goldNeeded,
      };
    }
    case 'per-class':
      return { ...base, ...perClass(gold, correct, pool, labels, request, lo) };
    case 'meta':
      return { ...base, ...metaRouted(gold, correct, pool, labels.length, request, lo) };
    case 'budget': {
      const choice = routeBudgetRow({ gold, correct, pool, request, lo });
      const zones = assignZones({ confidence: pool.confidence, hi: choice.threshold, lo });
      return {
        ...base,
        zones,
        counts: countZones(zones),
        threshold: Number.isFinite(choice.threshold) ? choice.threshold : null,
        certified: choice.certified,
        goldAccepted: choice.goldAccepted,
        goldAcceptedCorrect: choice.goldCorrect,
        goldNeeded: null,
        budget: choice,
      };
    }
  }
}

function accepted(
  scores: ArrayLike<number>,
  correct: ArrayLike<number>,
  pass: (i: number) => boolean,
) {
  let goldAccepted = 0;
  let goldAcceptedCorrect = 0;
  for (let i = 0; i < scores.length; i++) {
    if (!pass(i)) continue;
    goldAccepted++;
    goldAcceptedCorrect += correct[i] as number;
  }
  return { goldAccepted, goldAcceptedCorrect };
}

/**
 * Gold needed for one threshold, as a hint when nothing could be certified: estimated under the
 * rule the fixed sequence runs (its powered start, then the first test), so it never says
 * "none" when nothing passed.
 */
function globalGoldNeeded(
  scores: ArrayLike<number>,
  correct: ArrayLike<number>,
  reference: ArrayLike<number>,
  target: number,
  delta: number,
): GoldNeeded | null {
  if (scores.length === 0) return null;
  return sequenceGoldNeeded({
    pool: reference.length > 0 ? reference : scores,
    goldScores: scores,
    correct,
    target,
    delta,
  });
}

function perClass(
  gold: ScoredItems,
  correct: Uint8Array,
  pool: ScoredItems,
  labels: readonly string[],
  request: PolicyRequest,
  lo: number,
) {
  const K = labels.length;
  const { target, delta } = request;
  const candidates = labels.map((_, c) => {
    const reference = pool.confidence.filter((_, i) => pool.predicted[i] === c);
    const goldScores = gold.confidence.filter((_, i) => gold.predicted[i] === c);
    if (reference.length === 0) return new Float64Array(0);
    const start = sequenceStart({ pool: reference, goldScores, target, delta: delta / K });
    return candidateThresholds({ reference, minCoverage: start.coverage });
  });
  const selection = learnThenTestPerClass({
    scores: gold.confidence,
    correct,
    predicted: gold.predicted,
    K,
    thresholds: candidates,
    target,
    delta,
  });
  const hi = selection.thresholds;
  const zones = assignZones({ confidence: pool.confidence, predicted: pool.predicted, hi, lo });
  const certified = hi.some((t) => Number.isFinite(t));
  return {
    zones,
    counts: countZones(zones),
    thresholds: Object.fromEntries(
      labels.map((label, c) => [
        label,
        Number.isFinite(hi[c] as number) ? (hi[c] as number) : null,
      ]),
    ),
    certified,
    ...accepted(
      gold.confidence,
      correct,
      (i) => (gold.confidence[i] as number) >= (hi[gold.predicted[i] as number] as number),
    ),
    goldNeeded: certified
      ? null
      : globalGoldNeeded(gold.confidence, correct, pool.confidence, target, delta / K),
  };
}

function features(items: ScoredItems, K: number) {
  if (items.probabilities === null)
    throw new HiloError('INTERNAL', 'the meta-router needs calibrated distributions');
  return routerFeatures({ probabilities: items.probabilities, K, textLength: items.textLength });
}

/** The given rows of an n×d matrix, in order. O(md). */
function pickRows(matrix: Float64Array, d: number, rows: readonly number[]): Float64Array {
  const out = new Float64Array(rows.length * d);
  rows.forEach((row, r) => out.set(matrix.subarray(row * d, (row + 1) * d), r * d));
  return out;
}

/** A seeded sample of at most `limit` rows of an n×d matrix, for candidate thresholds. */
function sampleRows(matrix: Float64Array, d: number, limit: number, seed: number): Float64Array {
  const n = Math.floor(matrix.length / d);
  if (n <= limit) return matrix;
  const all = Array.from({ length: n }, (_, i) => i);
  return pickRows(matrix, d, shuffled(all, createRng(seed)).slice(0, limit));
}

function metaRouted(
  gold: ScoredItems,
  correct: Uint8Array,
  pool: ScoredItems,
  K: number,
  request: PolicyRequest,
  lo: number,
) {
  const { target, delta } = request;
  const seed = request.seed ?? 1;
  const goldFeatures = features(gold, K);
  const poolFeatures = features(pool, K);
  const policy = selectMetaRouterPolicy({
    features: goldFeatures.matrix,
    names: goldFeatures.names,
    correct,
    ...(pool.ids.length > 0
      ? { reference: sampleRows(poolFeatures.matrix, poolFeatures.d, META_REFERENCE, seed) }
      : {}),
    target,
    delta,
    seed,
  });
  const threshold = policy.selection.threshold;
  const poolScores = policy.router.score(poolFeatures.matrix);
  const zones = new Uint8Array(pool.ids.length);
  for (let i = 0; i < zones.length; i++) {
    zones[i] =
      threshold !== null && (poolScores[i] as number) >= threshold
        ? 0
        : (pool.confidence[i] as number) >= lo
          ? 1
          : 2;
  }
  const testScores = policy.router.score(
    pickRows(goldFeatures.matrix, goldFeatures.d, Array.from(policy.testItems)),
  );
  const testCorrect = Uint8Array.from(policy.testItems, (i) => correct[i] as number);
  let needed: GoldNeeded | null = null;
  if (threshold === null) {
    const hint = globalGoldNeeded(testScores, testCorrect, poolScores, target, delta);
    // Only the testing part of the gold certifies, so the total scales up by n / tested.
    const scale = correct.length / Math.max(1, policy.testItems.length);
    const total =
      hint?.totalGold === null || hint === null ? null : Math.ceil(hint.totalGold * scale);
    needed = hint && {
      ...hint,
      totalGold: total,
      additionalGold: total === null ? null : Math.max(0, total - correct.length),
    };
  }
  return {
    zones,
    counts: countZones(zones),
    score: 'router' as const,
    threshold,
    certified: threshold !== null,
    goldUsed: policy.testItems.length,
    ...accepted(
      testScores,
      testCorrect,
      (i) => threshold !== null && (testScores[i] as number) >= threshold,
    ),
    goldNeeded: needed,
    router: policy.router.params,
  };
}

import { assignZones, countZones, type Zone } from './assign-zones.js';
import { candidateThresholds, suggestedMinCoverage } from './candidate-thresholds.js';
import type { PolicySummary } from './describe-policy.js';
import { goldNeeded, type GoldNeeded } from './gold-needed.js';
import { sequenceGoldNeeded } from './gold-needed-sequence.js';
import { learnThenTest, type ThresholdTest } from './learn-then-test.js';
import { selectiveGuaranteedRisk } from './selective-guaranteed-risk.js';
import { sequenceStart, type SequenceStart } from './sequence-start.js';

/**
 * How the threshold is chosen: fixed-sequence testing (Learn then Test) or a binary search with a
 * union bound.
 * @example guaranteedPolicy({ gold, pool, target: 0.95, delta: 0.05, method: 'binary-search' })
 */
export type SelectionMethod = 'fixed-sequence' | 'binary-search';

/**
 * Input of `guaranteedPolicy`: gold evidence, the pool to route, the target accuracy and the risk
 * delta that the promise fails.
 * @example guaranteedPolicy({ gold: { scores, correct }, pool, target: 0.97, delta: 0.05, lo: 0.5 })
 */
export interface GuaranteedPolicyInput {
  /** Gold items' calibrated confidence and whether the machine was right. */
  readonly gold: { readonly scores: ArrayLike<number>; readonly correct: ArrayLike<number> };
  /** Calibrated confidence of the pool items to route. */
  readonly pool: ArrayLike<number>;
  readonly target: number;
  readonly delta: number;
  /** `fixed-sequence` (Learn then Test, default) or `binary-search` (Geifman & El-Yaniv). */
  readonly method?: SelectionMethod;
  /** Number of candidate thresholds for fixed-sequence testing (default 50). */
  readonly steps?: number;
  /** Items below this confidence go to people alone; default: none (all unaccepted overlap). */
  readonly lo?: number;
  /**
   * Where the fixed sequence starts: `powered` (default) where the pool's calibrated confidence
   * predicts the first test is likeliest to pass (`sequenceStart`); `gold-size` at twice the
   * fewest gold items that could pass, the rule before it (kept to compare).
   */
  readonly start?: 'powered' | 'gold-size';
}

/**
 * What `guaranteedPolicy` returns: the certified threshold (or none), every test made, the zone of
 * each pool item, and the figures to describe it.
 * @example const policy = guaranteedPolicy(input); policy.threshold === null ? policy.goldNeeded : policy.counts.accept
 */
export interface GuaranteedPolicy {
  readonly method: SelectionMethod;
  /** Accept threshold; null when no threshold could be certified (nothing is accepted). */
  readonly threshold: number | null;
  readonly tests: readonly ThresholdTest[];
  /** Zone code per pool item (see `ZONES`), and the counts. */
  readonly zones: Uint8Array;
  readonly counts: Record<Zone, number>;
  /** When nothing was certified: how much gold a guarantee would need. */
  readonly goldNeeded: GoldNeeded | null;
  /** Fixed sequence with the powered start: where it started and the power predicted there. */
  readonly start: SequenceStart | null;
  /** Ready for `describePolicy`. */
  readonly summary: PolicySummary;
}

/**
 * The whole "route for a target" step on numbers: candidate thresholds from the pool's
 * confidence (never from gold labels), a guaranteed choice on gold, zones for the pool, the
 * gold-needed estimate when nothing could be certified, and the figures `describePolicy`
 * turns into words.
 * @example guaranteedPolicy({ gold: { scores, correct }, pool, target: 0.97, delta: 0.05, lo: 0.5 }).threshold
 * Complexity: O((n + p) log(n + p)) plus one incomplete-beta evaluation per candidate.
 */
export function guaranteedPolicy(input: GuaranteedPolicyInput): GuaranteedPolicy {
  const { gold, pool, target, delta } = input;
  const method = input.method ?? 'fixed-sequence';
  let threshold: number | null;
  let tests: readonly ThresholdTest[];
  let candidates: Float64Array;
  const reference = pool.length > 0 ? pool : gold.scores;
  const powered = method === 'fixed-sequence' && (input.start ?? 'powered') === 'powered';
  const start = powered
    ? sequenceStart({ pool: reference, goldScores: gold.scores, target, delta })
    : null;
  if (method === 'fixed-sequence') {
    candidates = candidateThresholds({
      reference,
      minCoverage:
        start?.coverage ?? suggestedMinCoverage({ goldSize: gold.scores.length, target, delta }),
      ...(input.steps === undefined ? {} : { steps: input.steps }),
    });
    ({ threshold, tests } = learnThenTest({ ...gold, thresholds: candidates, target, delta }));
  } else {
    ({ threshold, tests } = selectiveGuaranteedRisk({ ...gold, target, delta }));
    candidates = Float64Array.from(tests, (t) => t.threshold);
  }
  const hi = threshold ?? Number.POSITIVE_INFINITY;
  const zones = assignZones({ confidence: pool, hi, lo: input.lo ?? Number.NEGATIVE_INFINITY });
  const counts = countZones(zones);
  let goldAccepted = 0;
  let goldAcceptedCorrect = 0;
  for (let i = 0; i < gold.scores.length; i++) {
    if ((gold.scores[i] as number) >= hi) {
      goldAccepted++;
      goldAcceptedCorrect += gold.correct[i] as number;
    }
  }
  const needed =
    threshold === null && !powered
      ? goldNeeded({ ...gold, thresholds: candidates, target, delta })
      : threshold === null
        ? sequenceGoldNeeded({
            pool: reference,
            goldScores: gold.scores,
            correct: gold.correct,
            target,
            delta,
          })
        : null;
  return {
    method,
    threshold,
    tests,
    zones,
    counts,
    goldNeeded: needed,
    start,
    summary: {
      total: pool.length,
      accepted: counts.accept,
      overlap: counts.overlap,
      human: counts.human,
      goldSize: gold.scores.length,
      goldAccepted,
      goldAcceptedCorrect,
      target,
      delta,
      certified: threshold !== null,
      goldNeeded: needed,
    },
  };
}

import { accuracyCoverageCurve } from '../../core/calibration/accuracy-coverage.js';
import { topLabel } from '../../core/calibration/top-label.js';
import { bootstrapInterval } from '../../core/metrics/bootstrap.js';
import { classificationMetrics } from '../../core/metrics/classification-metrics.js';
import { confusedPairs } from '../../core/metrics/confused-pairs.js';
import { confusionMatrix } from '../../core/metrics/confusion-matrix.js';
import type { Rng } from '../../core/rng.js';
import { clopperPearson } from '../../core/routing/clopper-pearson.js';
import type { LabelledRows } from './report-data-read.js';
import type {
  ConfidenceHistogramData,
  CoverageData,
  CoveragePoint,
  HeldOutData,
  HeldOutSet,
  NullableInterval,
} from './report-data-types.js';

const ALPHA = 0.05;

/**
 * Accuracy (Clopper–Pearson), macro-F1 (bootstrap), per-class precision and recall with exact
 * intervals, the confusion matrix and the most confused pairs of held-out rows.
 * @example heldOutMetrics({ rows, set: 'test', labels, rng: createRng(1) }).accuracy
 * Complexity: O(nK + B·(n + K²)) for B = 1000 bootstrap draws.
 */
export function heldOutMetrics(input: {
  readonly rows: LabelledRows;
  readonly set: HeldOutSet;
  readonly labels: readonly string[];
  readonly rng: Rng;
}): HeldOutData {
  const { rows, labels, rng } = input;
  const K = labels.length;
  const { predicted } = topLabel(rows.probs, K);
  const confusion = confusionMatrix(rows.labels, predicted, K);
  const metrics = classificationMetrics(confusion);
  const n = rows.labels.length;
  let right = 0;
  for (let i = 0; i < n; i++) if (rows.labels[i] === predicted[i]) right++;
  const sampleConfusion = new Int32Array(K * K);
  const macroF1 = bootstrapInterval({
    n,
    rng,
    statistic: (sample) => {
      sampleConfusion.fill(0);
      for (let i = 0; i < sample.length; i++) {
        const j = sample[i] as number;
        const cell = (rows.labels[j] as number) * K + (predicted[j] as number);
        sampleConfusion[cell] = (sampleConfusion[cell] as number) + 1;
      }
      return classificationMetrics(sampleConfusion).macroF1;
    },
  });
  const matrix: number[][] = [];
  for (let g = 0; g < K; g++) matrix.push(Array.from(confusion.subarray(g * K, (g + 1) * K)));
  return {
    set: input.set,
    scored: n,
    abstained: rows.abstained,
    unlabelled: rows.unlabelled,
    accuracy: clopperPearson(right, n, ALPHA),
    macroF1: { estimate: macroF1.estimate, lower: macroF1.lower, upper: macroF1.upper },
    weightedF1: metrics.weightedF1,
    perClass: metrics.perClass.map((scores, k) => {
      const hits = confusion[k * K + k] as number;
      return {
        label: labels[k] as string,
        support: scores.support,
        predicted: scores.predicted,
        precision: ratioInterval(hits, scores.predicted),
        recall: ratioInterval(hits, scores.support),
        f1: scores.f1,
      };
    }),
    confusion: matrix,
    confusedPairs: confusedPairs(confusion, { limit: 10 }).map((pair) => ({
      gold: labels[pair.a] as string,
      predicted: labels[pair.b] as string,
      count: pair.count,
      rate: pair.rate,
    })),
  };
}

function ratioInterval(k: number, n: number): NullableInterval {
  const interval = clopperPearson(k, n, ALPHA);
  return {
    estimate: n === 0 ? null : interval.estimate,
    lower: interval.lower,
    upper: interval.upper,
  };
}

/**
 * Counts of held-out items (right and wrong) and pool items per equal-width confidence bin.
 * @example confidenceHistogram({ confidence, correct, pool, bins: 20, calibrated: true }).right
 * Complexity: O(n + p + bins).
 */
export function confidenceHistogram(input: {
  readonly confidence: ArrayLike<number>;
  readonly correct: ArrayLike<number>;
  readonly pool: ArrayLike<number>;
  readonly bins: number;
  readonly calibrated: boolean;
}): ConfidenceHistogramData {
  const B = input.bins;
  const bin = (c: number) => Math.min(B - 1, Math.max(0, Math.floor(c * B)));
  const right = new Array<number>(B).fill(0);
  const wrong = new Array<number>(B).fill(0);
  const pool = new Array<number>(B).fill(0);
  for (let i = 0; i < input.confidence.length; i++) {
    const b = bin(input.confidence[i] as number);
    if (input.correct[i]) right[b] = (right[b] as number) + 1;
    else wrong[b] = (wrong[b] as number) + 1;
  }
  for (let i = 0; i < input.pool.length; i++) {
    const b = bin(input.pool[i] as number);
    pool[b] = (pool[b] as number) + 1;
  }
  return {
    calibrated: input.calibrated,
    edges: Array.from({ length: B + 1 }, (_, b) => b / B),
    right,
    wrong,
    pool,
  };
}

/**
 * The accuracy–coverage curve with pointwise Clopper–Pearson intervals, thinned to at most
 * `maxPoints` points evenly spread over coverage (the last point, all items, is always kept).
 * @example coverageData({ confidence, correct, calibrated: true, maxPoints: 120 }).points.at(-1)?.coverage // 1
 * Complexity: O(n log n) plus one incomplete-beta inversion per kept point.
 */
export function coverageData(input: {
  readonly confidence: ArrayLike<number>;
  readonly correct: ArrayLike<number>;
  readonly calibrated: boolean;
  readonly maxPoints: number;
}): CoverageData {
  const curve = accuracyCoverageCurve(input.confidence, input.correct);
  const m = curve.coverage.length;
  const points: CoveragePoint[] = [];
  let nextCoverage = 0;
  for (let j = 0; j < m; j++) {
    const coverage = curve.coverage[j] as number;
    if (coverage < nextCoverage && j < m - 1) continue;
    nextCoverage = coverage + 1 / input.maxPoints;
    const accepted = curve.accepted[j] as number;
    const accuracy = curve.accuracy[j] as number;
    const interval = clopperPearson(Math.round(accuracy * accepted), accepted, ALPHA);
    points.push({
      threshold: curve.threshold[j] as number,
      coverage,
      accepted,
      accuracy,
      lower: interval.lower,
      upper: interval.upper,
    });
  }
  return { calibrated: input.calibrated, n: input.confidence.length, points };
}
